/**
 * The plugin's admin permissions, shown under Settings → Roles → Plugins → Movie Reviews:
 * - `plugin::movie-reviews.moderate`: the moderation page and its API (comment queue, actions, replies);
 * - `plugin::movie-reviews.settings`: Settings → Movie Reviews and its API;
 * - `plugin::movie-reviews.import`: the Import page and its API (WordPress / Blogger imports).
 * Super admins get them automatically; other roles get them from a super admin.
 */
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './utils/constants';

export const ACTIONS = {
  moderate: `plugin::${PLUGIN_ID}.moderate`,
  settings: `plugin::${PLUGIN_ID}.settings`,
  import: `plugin::${PLUGIN_ID}.import`,
} as const;

interface ActionDefinition {
  section: 'plugins';
  displayName: string;
  uid: string;
  pluginName: string;
  subCategory?: string;
}

interface PermissionService {
  actionProvider: { registerMany(actions: ActionDefinition[]): Promise<void> };
}

export const registerAdminActions = async (strapi: Core.Strapi) => {
  // The admin's permission service is not in Strapi's public types.
  const permissions = strapi.service('admin::permission') as unknown as PermissionService;
  await permissions.actionProvider.registerMany([
    {
      section: 'plugins',
      displayName: 'Moderate comments',
      uid: 'moderate',
      subCategory: 'comments',
      pluginName: PLUGIN_ID,
    },
    {
      section: 'plugins',
      displayName: 'Edit settings',
      uid: 'settings',
      subCategory: 'settings',
      pluginName: PLUGIN_ID,
    },
    {
      section: 'plugins',
      displayName: 'Import WordPress and Blogger exports',
      uid: 'import',
      subCategory: 'import',
      pluginName: PLUGIN_ID,
    },
  ]);
};

const authenticated = 'admin::isAuthenticatedAdmin';

/** Route policies: a signed-in admin whose role holds every listed action (subject may be a content-type uid). */
export const requirePermissions = (...actions: Array<string | [string, string]>) => [
  authenticated,
  { name: 'admin::hasPermissions', config: { actions } },
];
