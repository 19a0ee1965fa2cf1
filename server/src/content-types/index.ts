import movieReviewSchema from '../../../content-types/movie-review/schema.json';
import commentSchema from '../../../content-types/comment/schema.json';
import idempotencyKeySchema from '../../../content-types/idempotency-key/schema.json';
import importJobSchema from '../../../content-types/import-job/schema.json';
import authorSchema from '../../../content-types/author/schema.json';
import commentReportSchema from '../../../content-types/comment-report/schema.json';

export default {
  'movie-review': { schema: movieReviewSchema },
  comment: { schema: commentSchema },
  'idempotency-key': { schema: idempotencyKeySchema },
  'import-job': { schema: importJobSchema },
  author: { schema: authorSchema },
  'comment-report': { schema: commentReportSchema },
};
