import type { Core } from '@strapi/strapi';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const PATH = /^\/__test\/comments\/([A-Za-z0-9]+)\/status$/;
const STATUSES = new Set(['pending', 'approved', 'rejected', 'spam']);

/**
 * Test-only moderation hook, installed only when DEMO_TEST_HOOKS=true and answering only loopback:
 * `PUT /__test/comments/:documentId/status?status=approved` sets a comment's status
 * through the document service, as the moderation panel does. The two-instance test uses it to
 * moderate on one instance and read on the other (the Content Manager cannot set an attribute named
 * `status`: it reads `status` in the body as the draft/published status).
 */
export const installModerationHook = (strapi: Core.Strapi) => {
  strapi.server.use(async (ctx, next) => {
    const match = ctx.method === 'PUT' ? PATH.exec(ctx.path) : null;
    if (!match || !LOOPBACK.has(ctx.request.ip)) return next();
    const status = ctx.query.status;
    if (typeof status !== 'string' || !STATUSES.has(status)) {
      ctx.status = 400;
      ctx.body = { error: 'status must be pending, approved, rejected or spam' };
      return;
    }
    const updated = await strapi
      .documents('plugin::movie-reviews.comment')
      .update({ documentId: match[1], data: { status } as never });
    ctx.status = updated ? 200 : 404;
    ctx.body = { data: updated ? { documentId: match[1], status } : null };
  });
};
