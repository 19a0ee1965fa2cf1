/**
 * Properties (fast-check) of the public comment endpoint, slugs and song embeds,
 * against the real app. Runs are kept moderate: the suite runs on three databases.
 */
import fc from 'fast-check';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { API, COMMENT, createReview, REVIEW } from '../helpers/fixtures';
import { parseSongUrl, SONG_PROVIDERS } from '../../server/src/custom-fields/song-providers';
import { slugFrom } from '../../server/src/services/slug';

let app: TestApp;
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const EMBED_HOSTS = [
  'www.youtube-nocookie.com',
  'open.spotify.com',
  'w.soundcloud.com',
  'embed.music.apple.com',
  'player.vimeo.com',
];

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const plain = (min: number, max: number) =>
  fc
    .string({ unit: 'grapheme', minLength: min, maxLength: max })
    .filter((s) => s.length <= max && s.trim().length >= min && !CONTROL.test(s) && s.isWellFormed());
const email = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9]{1,20}(\.[a-z0-9]{1,10})?$/),
    fc.stringMatching(/^[a-z]{2,15}$/),
    fc.constantFrom('org', 'net', 'com', 'io')
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
const validBody = fc.record({ authorName: plain(1, 80), authorEmail: email, content: plain(1, 600) });

const post = (body: unknown) =>
  app
    .http()
    .post(`${API}/reviews/her-2013/comments`)
    .set('Content-Type', 'application/json')
    .send(JSON.stringify(body));
const count = async () => Number(await app.strapi.db.query(COMMENT).count({}));

beforeAll(async () => {
  app = await startStrapi({ seed: true, env: { MOVIE_REVIEWS_RATE_LIMIT: '10000' } });
});

afterAll(async () => {
  await app?.close();
});

it('accepts any valid comment body, and reads it back exactly once approved', async () => {
  await fc.assert(
    fc.asyncProperty(validBody, async (body) => {
      const before = await count();
      const res = await post(body);
      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        authorName: body.authorName.trim().normalize('NFC'),
        content: body.content.trim().normalize('NFC'),
        status: 'pending',
      });
      expect(await count()).toBe(before + 1);
      const id = res.body.data.documentId as string;
      await app.strapi.db.query(COMMENT).update({ where: { documentId: id }, data: { moderationStatus: 'approved' } });
      const list = await app.http().get(`${API}/reviews/her-2013/comments?pageSize=100`);
      const mine = (list.body.data as Array<Record<string, string>>).filter((c) => c.documentId === id);
      expect(mine).toHaveLength(1);
      expect(mine[0].content).toBe(body.content.trim().normalize('NFC'));
      expect(mine[0].authorName).toBe(body.authorName.trim().normalize('NFC'));
      await app.strapi.db.query(COMMENT).delete({ where: { documentId: id } });
    }),
    { numRuns: 25 }
  );
});

const ALLOWED = new Set(['authorName', 'authorEmail', 'content', 'parent', 'website']);
const unknownKey = fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !ALLOWED.has(k) && k !== '__proto__');
const invalidBody = fc.oneof(
  fc.tuple(validBody, unknownKey, fc.jsonValue()).map(([b, k, v]) => ({ ...b, [k]: v })),
  fc.tuple(validBody, fc.integer({ min: 5001, max: 7000 })).map(([b, len]) => ({ ...b, content: 'c'.repeat(len) })),
  fc.tuple(validBody, fc.integer({ min: 81, max: 400 })).map(([b, len]) => ({ ...b, authorName: 'n'.repeat(len) })),
  fc
    .tuple(
      validBody,
      fc.string({ maxLength: 40 }).filter((s) => !/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(s))
    )
    .map(([b, e]) => ({ ...b, authorEmail: e })),
  fc
    .tuple(
      validBody,
      fc.constantFrom('authorName', 'authorEmail', 'content'),
      fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.object())
    )
    .map(([b, k, v]) => ({ ...b, [k]: v }))
);

it('rejects any body with an unknown key or an out-of-range value, and stores nothing', async () => {
  await fc.assert(
    fc.asyncProperty(invalidBody, async (body) => {
      const before = await count();
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
      expect(await count()).toBe(before);
    }),
    { numRuns: 40 }
  );
});

it('derives URL-safe slugs from any title and year', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.option(fc.integer({ min: 1888, max: 2100 })),
      (title, year) => {
        const slug = slugFrom(title, year);
        expect(slug).toMatch(SLUG_PATTERN);
        expect(slug.length).toBeLessThanOrEqual(200);
        expect(encodeURIComponent(slug)).toBe(slug);
      }
    ),
    { numRuns: 1000 }
  );
});

it('gives stored reviews URL-safe, unique slugs, whatever the titles', async () => {
  await fc.assert(
    fc.asyncProperty(plain(1, 120), fc.integer({ min: 1888, max: 2100 }), async (title, year) => {
      const a = await createReview(app, { title, movieTitle: 'x', movieYear: year }, { publish: false });
      const b = await createReview(app, { title, movieTitle: 'x', movieYear: year }, { publish: false });
      expect(a.slug).toMatch(SLUG_PATTERN);
      expect(b.slug).toMatch(SLUG_PATTERN);
      expect(a.slug).not.toBe(b.slug);
    }),
    { numRuns: 12 }
  );
  const rows = (await app.strapi.db.query(REVIEW).findMany({ select: ['slug', 'documentId'] })) as Array<{
    slug: string;
    documentId: string;
  }>;
  // Draft and published rows of one document share a slug; different documents never do.
  const owners = new Map<string, Set<string>>();
  for (const r of rows) owners.set(r.slug, (owners.get(r.slug) ?? new Set()).add(r.documentId));
  expect([...owners.entries()].filter(([, docs]) => docs.size > 1)).toEqual([]);
});

const REAL_URLS = [
  'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42',
  'https://youtu.be/dQw4w9WgXcQ',
  'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC',
  'https://soundcloud.com/forss/flickermood',
  'https://music.apple.com/us/album/her-original-score/1440858725?i=1440858979',
  'https://vimeo.com/76979871',
  'https://player.vimeo.com/video/76979871',
];

const expectEmbedSafe = (input: string) => {
  const result = parseSongUrl(input);
  if (!result.ok) return;
  const embed = new URL(result.value.embedUrl);
  expect(embed.protocol).toBe('https:');
  expect(EMBED_HOSTS).toContain(embed.hostname);
  expect(embed.username + embed.password + embed.port).toBe('');
  expect(result.value.embedUrl).not.toMatch(/[\s<>"'`\\]/);
  expect(SONG_PROVIDERS).toContain(result.value.provider);
};

it('builds embed URLs only on the allowed embed hosts, for arbitrary strings', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.string({ unit: 'binary', maxLength: 100 })
      ),
      expectEmbedSafe
    ),
    { numRuns: 3000 }
  );
});

const mutation = fc.oneof(
  // Insert any text anywhere.
  fc.tuple(fc.nat(), fc.string({ maxLength: 12 })).map(
    ([at, text]) =>
      (u: string) =>
        u.slice(0, at % (u.length + 1)) + text + u.slice(at % (u.length + 1))
  ),
  // Replace a span with hostile pieces.
  fc
    .tuple(
      fc.nat(),
      fc.nat({ max: 12 }),
      fc.constantFrom(
        '@evil.example',
        '.evil.example',
        ':8080',
        'javascript:',
        '//',
        '\\',
        '%2F',
        '%00',
        '"><',
        'user:pw@',
        '[::1]',
        '127.0.0.1',
        'http:',
        '#',
        '?url=https://evil.example/'
      )
    )
    .map(
      ([at, len, piece]) =>
        (u: string) =>
          u.slice(0, at % (u.length + 1)) + piece + u.slice((at % (u.length + 1)) + len)
    ),
  // Change the case of everything.
  fc.constant((u: string) => u.toUpperCase()),
  // Prefix or suffix.
  fc.constantFrom('https://evil.example/?', ' ', 'javascript:', 'data:text/html,').map((p) => (u: string) => p + u),
  fc.string({ maxLength: 30 }).map((s) => (u: string) => u + s)
);

it('builds embed URLs only on the allowed embed hosts, for mutated real links', () => {
  fc.assert(
    fc.property(fc.constantFrom(...REAL_URLS), fc.array(mutation, { minLength: 1, maxLength: 3 }), (url, fns) => {
      expectEmbedSafe(fns.reduce((u, f) => f(u), url));
    }),
    { numRuns: 3000 }
  );
  // The real links themselves are accepted.
  for (const url of REAL_URLS) expect(parseSongUrl(url).ok).toBe(true);
});

it('serves only allowed embed hosts through the API, for mutated real links saved on a review', async () => {
  let saved = 0;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...REAL_URLS), fc.array(mutation, { maxLength: 2 }), async (url, fns) => {
      const input = fns.reduce((u, f) => f(u), url);
      let slug: string;
      try {
        slug = (await createReview(app, { movieYear: 2001, song: { url: input } })).slug;
      } catch (error) {
        expect((error as Error).name).toBe('ValidationError');
        return;
      }
      saved += 1;
      const res = await app.http().get(`${API}/reviews/${slug}`);
      expect(res.status).toBe(200);
      const embed = new URL(res.body.data.song.embedUrl as string);
      expect(EMBED_HOSTS).toContain(embed.hostname);
      expect(embed.protocol).toBe('https:');
    }),
    { numRuns: 20 }
  );
  expect(saved).toBeGreaterThan(0);
});
