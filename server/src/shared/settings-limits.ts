/**
 * Bounds shared by the file config, the admin settings rule and the admin settings
 * form, so a valid file value is a valid setting. Pure module (admin and server).
 */
export const LIMITS = { rateLimitPoints: 10_000, cacheMaxAge: 86_400, reportThreshold: 100 } as const;
