import cacheHeaders from './cache-headers';
import commentBody from './comment-body';
import commentRateLimit from './comment-rate-limit';

/** Route middlewares, referenced as `plugin::movie-reviews.<name>`. */
export default {
  'cache-headers': cacheHeaders,
  'comment-body': commentBody,
  'comment-rate-limit': commentRateLimit,
};
