import slug from './slug';
import settings from './settings';
import reviews from './reviews';
import comments from './comments';
import rateLimit from './rate-limit';

export default { slug, settings, reviews, comments, rateLimit };
