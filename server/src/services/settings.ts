import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/constants';
import type { PluginConfig } from '../config';
import { settingsSchema, type Settings } from '../validation/settings';
import { zodToValidationError } from '../utils/zod-issues';

/**
 * Settings editors change in the admin (Settings → Movie Reviews). Stored in the
 * plugin store; the file config (`config/plugins.ts`) gives the defaults. `get()`
 * reads the store; `current()` is the memoised read the request paths use, read
 * again only after a change here (`set`) or one announced by another instance
 * (`forget()`, called on cache-bus messages), so a change applies without a restart.
 */
export { settingsSchema, type Settings };

const STORE_KEY = 'settings';

export const defaultsFromConfig = (config: PluginConfig): Settings => ({
  autoApprove: config.comments.autoApprove,
  rateLimitPoints: config.rateLimit.points,
  cacheMaxAge: config.cache.maxAge,
  embedProviders: [...config.embedProviders],
  commentsEnabledByDefault: config.comments.enabledByDefault,
  grantPublicPermissions: config.grantPublicPermissions,
  siteUrl: config.site.siteUrl,
  reviewUrlPattern: config.site.reviewUrlPattern,
  siteName: config.site.siteName,
  siteLogoUrl: config.site.siteLogoUrl,
  mediaBaseUrl: config.site.mediaBaseUrl,
  authorUrlPattern: config.site.authorUrlPattern,
  reportThreshold: config.comments.reportThreshold,
});

type Listener = (settings: Settings) => void | Promise<void>;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID });
  const fileConfig = () => strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
  const listeners = new Set<Listener>();
  /** Bumped by every change (local or announced); a memo of an older version is read again. */
  let version = 0;
  let memo: { version: number; value: Settings; hash: string } | undefined;
  let loading: { version: number; promise: Promise<Settings> } | undefined;

  return {
    /** Defaults from the file config, overridden by what was saved in the admin. */
    async get(): Promise<Settings> {
      const defaults = defaultsFromConfig(fileConfig());
      const saved = await store().get({ key: STORE_KEY });
      const merged: Record<string, unknown> = { ...defaults };
      // Key by key: a saved value that no longer validates (e.g. after an upgrade) falls back to
      // the file config's value for that key alone, keeping every other saved setting.
      if (saved && typeof saved === 'object') {
        const shape = settingsSchema.shape;
        for (const [key, value] of Object.entries(saved as Record<string, unknown>)) {
          if (!Object.hasOwn(shape, key)) continue;
          if (shape[key as keyof Settings].safeParse(value).success) merged[key] = value;
        }
      }
      const parsed = settingsSchema.safeParse(merged);
      return parsed.success ? parsed.data : defaults;
    },

    /** The settings, memoised until the next change (no query per request). */
    async current(): Promise<Settings> {
      const at = version;
      if (memo?.version === at) return memo.value;
      if (loading?.version === at) return loading.promise;
      const promise = this.get().then((value) => {
        const hash = createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 12);
        if (version === at) memo = { version: at, value, hash };
        // Settled: drop it, so the request that started the load is not kept by it.
        if (loading?.version === at) loading = undefined;
        return value;
      });
      loading = { version: at, promise };
      promise.catch(() => {
        if (loading?.promise === promise) loading = undefined;
      });
      return promise;
    },

    /** A short hash of the current settings (part of validators that depend on them), loading them if needed. */
    async hash(): Promise<string> {
      await this.current();
      return (
        memo?.hash ??
        createHash('sha256')
          .update(JSON.stringify(await this.get()))
          .digest('base64url')
          .slice(0, 12)
      );
    },

    /** Drops the memo: the next `current()` reads the store (another instance changed the settings). */
    forget(): void {
      version += 1;
      memo = undefined;
    },

    /** Validates and saves a partial update; returns the full settings. Throws a 400 ValidationError. */
    async set(patch: unknown): Promise<Settings> {
      const partial = settingsSchema.partial().safeParse(patch);
      if (!partial.success) throw zodToValidationError(partial.error);
      const next = { ...(await this.get()), ...partial.data };
      await store().set({ key: STORE_KEY, value: next });
      this.forget();
      for (const listener of listeners) await listener(next);
      return next;
    },

    /** Called after every successful `set` (e.g. to re-apply public permissions or resize a rate limiter). */
    onChange(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
