import type { Core } from '@strapi/strapi';
import type services from '../services';
import { PLUGIN_ID } from './constants';

type Services = typeof services;

/** The plugin's service names, as registered in `services/index.ts`. */
export type ServiceName = keyof Services;

/** What `getService(strapi, name)` returns: the object the service factory builds. */
export type ServiceOf<N extends ServiceName> = ReturnType<Services[N]>;

/**
 * Typed lookup of one of the plugin's own services. Strapi's registry is typed
 * loosely (`service(name): unknown`-ish), so the one cast lives here and a renamed
 * or removed service fails to compile wherever it is used.
 */
export const getService = <N extends ServiceName>(strapi: Core.Strapi, name: N): ServiceOf<N> =>
  strapi.plugin(PLUGIN_ID).service(name) as ServiceOf<N>;
