/** The one place the plugin's public URL prefix is built: Strapi's REST prefix (default `/api`) + `/movie-reviews`. */
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from './constants';

/** Strapi's REST prefix without a trailing slash, e.g. `/api`. */
export const restPrefix = (strapi: Core.Strapi): string =>
  String(strapi.config.get('api.rest.prefix', '/api')).replace(/\/+$/, '');

/** The plugin's public API prefix, e.g. `/api/movie-reviews`. */
export const pluginApiPrefix = (strapi: Core.Strapi): string => `${restPrefix(strapi)}/${PLUGIN_ID}`;

/** A regular expression matching paths under the plugin's prefix followed by `pattern` (a regex source). */
export const pluginRoute = (strapi: Core.Strapi, pattern: string): RegExp =>
  new RegExp(`^${pluginApiPrefix(strapi).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${pattern}`);
