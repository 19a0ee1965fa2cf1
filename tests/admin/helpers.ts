/** Admin users with chosen permissions, and small helpers for the admin-route tests. */
import type { TestApp } from '../helpers/strapi';

export const REVIEW = 'plugin::movie-reviews.movie-review';
export const COMMENT = 'plugin::movie-reviews.comment';
export const MODERATE = 'plugin::movie-reviews.moderate';
export const SETTINGS = 'plugin::movie-reviews.settings';

export interface PermissionInput {
  action: string;
  subject?: string | null;
  properties?: { fields?: string[] };
  conditions?: string[];
}

interface RoleService {
  create(attrs: { name: string; description: string }): Promise<{ id: number }>;
  assignPermissions(roleId: number, permissions: PermissionInput[]): Promise<unknown>;
}
interface UserService {
  create(attrs: Record<string, unknown>): Promise<{ id: number }>;
}

let counter = 0;

/**
 * Creates an admin role holding exactly `permissions` and an active user with it, logs
 * that user in and returns a bearer token. Goes through the admin's own services.
 */
export const limitedAdminToken = async (app: TestApp, permissions: PermissionInput[]): Promise<string> => {
  counter += 1;
  const roles = app.strapi.service('admin::role') as unknown as RoleService;
  const users = app.strapi.service('admin::user') as unknown as UserService;
  const role = await roles.create({ name: `Limited ${counter} ${Date.now()}`, description: 'test role' });
  if (permissions.length) await roles.assignPermissions(role.id, permissions);
  const email = `limited-${counter}-${Date.now()}@movie-reviews.local`;
  const password = 'Limited-User-2026';
  await users.create({
    email,
    firstname: 'Limited',
    lastname: `User ${counter}`,
    password,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  const res = await app.http().post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`limited admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
};

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Asserts Strapi's error shape. */
export const expectError = (body: unknown, status: number, name?: string) => {
  const b = body as { data: unknown; error: { status: number; name: string; message: string } };
  expect(b.data).toBeNull();
  expect(b.error.status).toBe(status);
  if (name) expect(b.error.name).toBe(name);
  expect(typeof b.error.message).toBe('string');
};
