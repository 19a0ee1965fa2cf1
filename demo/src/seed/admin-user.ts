import type { Core } from '@strapi/strapi';

export const demoAdmin = () => ({
  email: process.env.DEMO_ADMIN_EMAIL ?? 'editor@movie-reviews.local',
  password: process.env.DEMO_ADMIN_PASSWORD ?? 'Demo-Editor-2026',
  firstname: 'Demo',
  lastname: 'Editor',
});

/** Creates the demo's super admin when the app has no admin yet. */
export const ensureAdminUser = async (strapi: Core.Strapi): Promise<boolean> => {
  const users = strapi.service('admin::user');
  const roles = strapi.service('admin::role');
  if (await users.exists()) return false;
  const superAdmin = await roles.getSuperAdmin();
  if (!superAdmin) return false;
  const admin = demoAdmin();
  await users.create({ ...admin, registrationToken: null, isActive: true, roles: [superAdmin.id] });
  return true;
};
