import movieReviewSchema from '../../../content-types/movie-review/schema.json';
import commentSchema from '../../../content-types/comment/schema.json';
import importJobSchema from '../../../content-types/import-job/schema.json';

export default {
  'movie-review': { schema: movieReviewSchema },
  comment: { schema: commentSchema },
  'import-job': { schema: importJobSchema },
};
