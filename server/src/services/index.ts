import slug from './slug';
import settings from './settings';
import reviews from './reviews';
import comments from './comments';
import rateLimit from './rate-limit';
import customFields from './custom-fields';
import moderation from './moderation';
import responseCache from './response-cache';
import cacheBus from './cache-bus';
import reviewVersion from './review-version';
import publicAccess from './public-access';

export default { slug, settings, reviews, comments, rateLimit, customFields, moderation, responseCache, cacheBus, reviewVersion, publicAccess };
