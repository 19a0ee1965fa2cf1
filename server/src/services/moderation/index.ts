/**
 * Comment moderation for the admin panels, one concern per file: the queue (queue.ts),
 * the Reported tab (reported.ts), bulk status changes and deletes (bulk.ts), editor
 * replies (reply.ts) and the review edit-view panel (panel.ts), over the shared rows,
 * counts and decision write (rows.ts).
 *
 * Every write goes through `strapi.documents()` so the validation middleware (and
 * anything else hooked into the document service, like cache invalidation) sees it.
 * Reads of a page are a bounded number of queries whatever the page size.
 */
import type { Core } from '@strapi/strapi';
import { moderationRows } from './rows';
import { moderationQueue } from './queue';
import { reportedTab } from './reported';
import { moderationBulk } from './bulk';
import { moderationReply } from './reply';
import { reviewPanel } from './panel';

export type { ModerationRow } from './rows';
export type { ListQuery } from './queue';
export type { ReportedQuery, ReportSummary, ReportedPage } from './reported';
export { editorName, type AdminUserLike } from './reply';
export type { PanelWarning, ReviewOverview, ReviewAccess } from './panel';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = moderationRows(strapi);
  const { reported, reportedTotal } = reportedTab(strapi, rows);
  return {
    ...moderationQueue(strapi, rows, reportedTotal),
    reported,
    ...moderationBulk(strapi, rows),
    ...moderationReply(strapi, rows),
    ...reviewPanel(strapi, rows),
  };
};
