/**
 * Public access to the read API without touching the Users & Permissions UI: the
 * Public role gets the plugin's content-API actions (PUBLIC_ACTIONS) at bootstrap, unless
 * `grantPublicPermissions` is off (file config, or the admin setting). Turning the
 * setting off in the admin revokes them; turning it on grants them again.
 */
import { getService } from './utils/get-service';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './utils/constants';

export const PUBLIC_ACTIONS = [
  ...['find', 'findOne', 'related', 'comments', 'createComment', 'reportComment'].map(
    (action) => `plugin::${PLUGIN_ID}.reviews.${action}`
  ),
  `plugin::${PLUGIN_ID}.authors.findOne`,
];

const PERMISSION_UID = 'plugin::users-permissions.permission';
const ROLE_UID = 'plugin::users-permissions.role';

const publicRoleId = async (strapi: Core.Strapi): Promise<number | null> => {
  if (!strapi.plugin('users-permissions')) return null;
  const role = (await strapi.db.query(ROLE_UID).findOne({ select: ['id'], where: { type: 'public' } })) as {
    id: number;
  } | null;
  return role?.id ?? null;
};

export const grantPublicPermissions = async (strapi: Core.Strapi): Promise<boolean> => {
  const roleId = await publicRoleId(strapi);
  if (roleId === null) return false;
  const existing = (await strapi.db.query(PERMISSION_UID).findMany({
    select: ['action'],
    where: { role: roleId, action: { $in: PUBLIC_ACTIONS } },
  })) as Array<{ action: string }>;
  const have = new Set(existing.map((p) => p.action));
  for (const action of PUBLIC_ACTIONS.filter((a) => !have.has(a))) {
    await strapi.db.query(PERMISSION_UID).create({ data: { action, role: roleId } });
  }
  return true;
};

/**
 * On a fresh database the Public role does not exist yet when this plugin boots:
 * Users & Permissions creates its roles in its own bootstrap and then, only if the
 * permissions table is still empty, its default permissions (login, register...).
 * Granting ours before that would cancel those defaults, so the grant waits for
 * the first permission U&P creates for the Public role; starting the HTTP server
 * (after every bootstrap) is the safety net.
 */
const grantWhenPublicRoleExists = async (strapi: Core.Strapi): Promise<void> => {
  if (await grantPublicPermissions(strapi)) return;
  let publicRoleId: number | null = null;
  let pending: Promise<unknown> | null = null;
  const grantOnce = () => {
    pending ??= grantPublicPermissions(strapi).catch((error: Error) =>
      strapi.log.error(`[movie-reviews] could not grant the public permissions: ${error.message}`)
    );
    return pending;
  };
  strapi.db.lifecycles.subscribe({
    models: [ROLE_UID, PERMISSION_UID],
    async afterCreate(event: {
      model: { uid: string };
      result?: { id?: number; type?: string };
      params?: { data?: { role?: unknown } };
    }) {
      if (pending) return;
      if (event.model.uid === ROLE_UID) {
        if (event.result?.type === 'public') publicRoleId = event.result.id ?? null;
        return;
      }
      const role = event.params?.data?.role;
      const roleId = typeof role === 'object' && role !== null ? (role as { id?: number }).id : role;
      if (publicRoleId !== null && Number(roleId) === publicRoleId) await grantOnce();
    },
  });
  strapi.server.httpServer.once('listening', () => void grantOnce());
};

export const revokePublicPermissions = async (strapi: Core.Strapi): Promise<void> => {
  const roleId = await publicRoleId(strapi);
  if (roleId === null) return;
  await strapi.db.query(PERMISSION_UID).deleteMany({ where: { role: roleId, action: { $in: PUBLIC_ACTIONS } } });
};

/** Called once from bootstrap. */
export const setupPublicPermissions = async (strapi: Core.Strapi): Promise<void> => {
  const settingsService = getService(strapi, 'settings');
  if (!strapi.plugin('users-permissions')) {
    strapi.log.warn('[movie-reviews] Users & Permissions is not installed: call the public API with an API token');
    return;
  }
  const settings = await settingsService.get();
  if (settings.grantPublicPermissions) await grantWhenPublicRoleExists(strapi);
  let granted = settings.grantPublicPermissions;
  settingsService.onChange(async (next) => {
    if (next.grantPublicPermissions === granted) return;
    granted = next.grantPublicPermissions;
    if (granted) await grantPublicPermissions(strapi);
    else await revokePublicPermissions(strapi);
  });
};
