/**
 * Every admin route of the plugin: 401 without a token, 403 for an admin whose role
 * lacks the route's permission, and allowed with exactly that permission.
 */
import { adminToken, startStrapi, type TestApp } from '../helpers/strapi';
import { bearer, expectError, limitedAdminToken, MODERATE, REVIEW, SETTINGS } from './helpers';

let app: TestApp;
let superToken: string;
let noneToken: string;
let moderatorToken: string;
let settingsToken: string;
let readerToken: string;
let herId: string;
let commentId: string;

type Method = 'get' | 'post' | 'put';
interface RouteCase {
  method: Method;
  path: () => string;
  body?: unknown;
  permission: 'moderate' | 'settings' | 'read-review';
}

const routes: RouteCase[] = [
  { method: 'get', path: () => '/movie-reviews/moderation/comments', permission: 'moderate' },
  {
    method: 'post',
    path: () => '/movie-reviews/moderation/comments/actions',
    body: { action: 'approve', ids: ['nothing-here'] },
    permission: 'moderate',
  },
  {
    method: 'post',
    path: () => `/movie-reviews/moderation/comments/${commentId}/reply`,
    body: { content: 'Thanks!' },
    permission: 'moderate',
  },
  { method: 'get', path: () => '/movie-reviews/moderation/reviews', permission: 'moderate' },
  { method: 'get', path: () => `/movie-reviews/reviews/${herId}/overview`, permission: 'read-review' },
  { method: 'get', path: () => '/movie-reviews/settings', permission: 'settings' },
  { method: 'put', path: () => '/movie-reviews/settings', body: { cacheMaxAge: 90 }, permission: 'settings' },
];

const call = (route: RouteCase, token?: string) => {
  const req = app.http()[route.method](route.path());
  if (token) req.set(bearer(token));
  return route.body === undefined ? req : req.send(route.body as object);
};

beforeAll(async () => {
  app = await startStrapi({ seed: true });
  superToken = await adminToken(app);
  noneToken = await limitedAdminToken(app, []);
  moderatorToken = await limitedAdminToken(app, [{ action: MODERATE }]);
  settingsToken = await limitedAdminToken(app, [{ action: SETTINGS }]);
  readerToken = await limitedAdminToken(app, [{ action: 'plugin::content-manager.explorer.read', subject: REVIEW }]);
  const her = await app.strapi.db.query(REVIEW).findOne({ where: { slug: 'her-2013' } });
  herId = her.documentId;
  const first = await app.strapi.db.query('plugin::movie-reviews.comment').findOne({ where: { authorName: 'Jonas' } });
  commentId = first.documentId;
});
afterAll(async () => {
  await app?.close();
});

describe('admin routes require authentication', () => {
  it.each(routes.map((r) => [`${r.method.toUpperCase()} ${r.path.toString()}`, r] as const))(
    '%s answers 401 without a token',
    async (_, route) => {
      const res = await call(route);
      expect(res.status).toBe(401);
      expectError(res.body, 401);
    }
  );
});

describe('admin routes require their permission', () => {
  it.each(routes.map((r) => [r.permission, r] as const))('a role without %s gets 403', async (permission, route) => {
    const others = { moderate: settingsToken, settings: moderatorToken, 'read-review': settingsToken }[permission];
    for (const token of [noneToken, others]) {
      const res = await call(route, token);
      expect(res.status).toBe(403);
      // Strapi's hasPermissions policy answers a PolicyError with status 403.
      expectError(res.body, 403, 'PolicyError');
    }
  });

  it.each(routes.map((r) => [r.permission, r] as const))(
    'a role with exactly %s is let through',
    async (permission, route) => {
      const token = { moderate: moderatorToken, settings: settingsToken, 'read-review': readerToken }[permission];
      const res = await call(route, token);
      expect([200, 201]).toContain(res.status);
    }
  );

  it('gives the super admin both plugin actions', async () => {
    for (const route of routes) {
      const res = await call(route, superToken);
      expect([200, 201]).toContain(res.status);
    }
  });

  it('registers both actions with the admin permission provider', async () => {
    const res = await app.http().get('/admin/permissions').set(bearer(superToken));
    expect(res.status).toBe(200);
    const plugins = res.body.data.sections.plugins as Array<{ action: string; displayName: string }>;
    const actions = plugins.map((p) => p.action);
    expect(actions).toEqual(expect.arrayContaining([MODERATE, SETTINGS]));
  });
});
