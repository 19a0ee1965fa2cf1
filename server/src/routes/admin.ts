/** Admin-panel routes under /movie-reviews (moderation, settings, edit-view panel, import, tag suggestions). */
import { ACTIONS, requirePermissions } from '../rbac';
import { REVIEW_UID } from '../utils/constants';

const moderate = { policies: requirePermissions(ACTIONS.moderate) };
const settings = { policies: requirePermissions(ACTIONS.settings) };
const importer = { policies: requirePermissions(ACTIONS.import) };
// The edit-view panel is for whoever can open the review in the Content Manager.
const readReview = { policies: requirePermissions(['plugin::content-manager.explorer.read', REVIEW_UID]) };

export default {
  type: 'admin' as const,
  routes: [
    { method: 'GET', path: '/moderation/comments', handler: 'moderation.list', config: moderate },
    { method: 'GET', path: '/moderation/reported', handler: 'moderation.reported', config: moderate },
    { method: 'POST', path: '/moderation/comments/actions', handler: 'moderation.bulk', config: moderate },
    { method: 'POST', path: '/moderation/comments/:documentId/reply', handler: 'moderation.reply', config: moderate },
    { method: 'GET', path: '/moderation/reviews', handler: 'moderation.reviews', config: moderate },
    { method: 'GET', path: '/reviews/:documentId/overview', handler: 'moderation.overview', config: readReview },
    // Tag suggestions show the tags used on reviews, so they are for whoever can read reviews.
    { method: 'GET', path: '/tags/suggest', handler: 'tagSuggestions.suggest', config: readReview },
    { method: 'GET', path: '/settings', handler: 'adminSettings.get', config: settings },
    { method: 'PUT', path: '/settings', handler: 'adminSettings.update', config: settings },
    { method: 'GET', path: '/import/jobs', handler: 'importJobs.list', config: importer },
    { method: 'POST', path: '/import/jobs', handler: 'importJobs.create', config: importer },
    { method: 'GET', path: '/import/jobs/:id', handler: 'importJobs.findOne', config: importer },
    { method: 'GET', path: '/import/jobs/:id/report', handler: 'importJobs.report', config: importer },
    { method: 'GET', path: '/import/jobs/:id/results', handler: 'importJobs.results', config: importer },
    { method: 'POST', path: '/import/jobs/:id/run', handler: 'importJobs.run', config: importer },
    { method: 'GET', path: '/import/jobs/:id/redirects', handler: 'importJobs.redirects', config: importer },
  ] as Array<Record<string, unknown>>,
};
