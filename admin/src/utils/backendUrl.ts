/**
 * The Strapi server's URL as the admin app knows it: Strapi's admin sets
 * `window.strapi.backendURL` at startup (not in its public types).
 */
export const backendUrl = (): string | undefined => (window as { strapi?: { backendURL?: string } }).strapi?.backendURL;
