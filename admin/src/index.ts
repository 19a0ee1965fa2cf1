import type { StrapiApp } from '@strapi/strapi/admin';
import { Message, Upload } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';
import { PERMISSIONS } from './api/permissions';
import { ReviewPanel } from './components/ReviewPanel';
import { plainYearColumns, registerCustomFields } from './custom-fields';

type TranslationModule = { default: Record<string, string> };

const prefixKeys = (data: Record<string, string>) =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [getTranslation(key), value]));

type PanelApi = { apis: { addEditViewSidePanel: (panels: unknown[]) => void } };

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    registerCustomFields(app);

    // Admin panels: the moderation page in the main menu, the settings page under Settings.
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Message,
      intlLabel: { id: getTranslation('plugin.name'), defaultMessage: 'Movie Reviews' },
      permissions: PERMISSIONS.moderate,
      Component: () => import('./pages/ModerationPage'),
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/import`,
      icon: Upload,
      intlLabel: { id: getTranslation('import.menu'), defaultMessage: 'Import reviews' },
      permissions: PERMISSIONS.import,
      Component: () => import('./pages/ImportPage'),
    });
    app.addSettingsLink('global', {
      id: `${PLUGIN_ID}-settings`,
      to: PLUGIN_ID,
      intlLabel: { id: getTranslation('settings.link'), defaultMessage: 'Movie Reviews' },
      permissions: PERMISSIONS.settings,
      Component: () => import('./pages/SettingsPage'),
    });
  },

  bootstrap(app: Pick<StrapiApp, 'getPlugin' | 'registerHook'>) {
    // Admin panels: the side panel on Movie Review entries in the Content Manager.
    // getPlugin() is typed without the plugin's `apis`; the Content Manager's include addEditViewSidePanel.
    (app.getPlugin('content-manager') as unknown as PanelApi).apis.addEditViewSidePanel([ReviewPanel]);
    // List view: year columns show 2013, not 2,013.
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', plainYearColumns);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as TranslationModule;
          return { data: prefixKeys(data), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
