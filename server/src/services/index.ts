import slug from './slug';
import settings from './settings';
import reviews from './reviews';
import comments from './comments';
import rateLimit from './rate-limit';
import customFields from './custom-fields';
import moderation from './moderation';
import responseCache from './response-cache';
import idempotency from './idempotency';
import preview from './preview';
import importer from './importer';
import cacheBus from './cache-bus';
import reviewVersion from './review-version';
import publicAccess from './public-access';
import tagSuggestions from './tag-suggestions';
import siteUrls from './site-urls';
import authors from './authors';
import related from './related';
import commentReports from './comment-reports';

export default {
  slug,
  settings,
  reviews,
  comments,
  rateLimit,
  customFields,
  moderation,
  responseCache,
  idempotency,
  preview,
  importer,
  cacheBus,
  reviewVersion,
  publicAccess,
  tagSuggestions,
  siteUrls,
  authors,
  related,
  commentReports,
};
