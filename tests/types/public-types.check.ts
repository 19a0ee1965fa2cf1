/**
 * Compiled (not run) by tests/api/types.test.ts: the published types in
 * types/index.d.ts must be identical to what the server builds responses with.
 */
import type { PreviewDetail } from '../../server/src/services/preview';
import type { CastValue } from '../../server/src/custom-fields/cast';
import type { validateTags } from '../../server/src/custom-fields/string-lists';
import type { TagSuggestion } from '../../server/src/services/tag-suggestions';
import type { PreviewStatus } from '../../server/src/validation/preview';
import type * as Public from '../../types';
import type {
  ReviewDetail,
  ReviewSummary,
  PublicAvatar,
  PublicImage,
  PublicSong,
  PublicStill,
  Pagination,
  ReviewStructuredData,
  ReviewSeo,
  ShareLinks,
  PublicAuthor,
} from '../../server/src/services/review-format';
import type { SeoImage } from '../../server/src/services/seo';
import type { AuthorPage } from '../../server/src/services/authors';
import type { ReviewPage } from '../../server/src/services/reviews';
import type { CommentInput, CommentPage, CreatedComment, PublicComment } from '../../server/src/services/comments';
import type { SongProvider } from '../../server/src/custom-fields/song-providers';
import type { SortKey } from '../../server/src/validation/list-query';
import type relatedService from '../../server/src/services/related';
import type { ReportOutcome } from '../../server/src/services/comment-reports';
import type { CommentReportInput, ReportReason } from '../../server/src/validation/comment-report';

type RelatedList = NonNullable<Awaited<ReturnType<ReturnType<typeof relatedService>['forSlug']>>>;

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

export type Checks = [
  Expect<Equal<Public.SongProvider, SongProvider>>,
  Expect<Equal<Public.PublicImage, PublicImage>>,
  Expect<Equal<Public.PublicAvatar, PublicAvatar>>,
  Expect<Equal<Public.PublicStill, PublicStill>>,
  Expect<Equal<Public.PublicSong, PublicSong>>,
  Expect<Equal<Public.ReviewStructuredData, ReviewStructuredData>>,
  Expect<Equal<Public.ReviewSummary, ReviewSummary>>,
  Expect<Equal<Public.ReviewDetail, ReviewDetail>>,
  Expect<Equal<Public.ReviewSeo, ReviewSeo>>,
  Expect<Equal<Public.ShareLinks, ShareLinks>>,
  Expect<Equal<Public.SeoImage, SeoImage>>,
  Expect<Equal<Public.Pagination, Pagination>>,
  Expect<Equal<Public.ReviewListResponse, ReviewPage>>,
  Expect<Equal<Public.ReviewResponse['data'], ReviewDetail>>,
  Expect<Equal<Public.PublicComment, PublicComment>>,
  Expect<Equal<Public.CommentListResponse, CommentPage>>,
  Expect<Equal<Public.CreatedComment, CreatedComment>>,
  Expect<Equal<Public.CreateCommentResponse['data'], CreatedComment>>,
  Expect<Equal<Required<Public.CommentInput>, Required<CommentInput>>>,
  Expect<Equal<Public.ReviewSortKey, SortKey>>,
  Expect<Equal<Public.PreviewReviewResponse['data'], PreviewDetail>>,
  Expect<Equal<Public.PreviewStatus, PreviewStatus>>,
  Expect<Equal<NonNullable<Public.CastFieldValue>, CastValue[]>>,
  Expect<Equal<NonNullable<Public.StringListFieldValue>, NonNullable<ReturnType<typeof validateTags>>>>,
  Expect<Equal<Public.TagSuggestionsResponse['data'], TagSuggestion[]>>,
  Expect<Equal<Public.PublicAuthor, PublicAuthor>>,
  Expect<Equal<Public.AuthorPageResponse, AuthorPage>>,
  Expect<Equal<Public.RelatedReviewsResponse['data'], RelatedList>>,
  Expect<Equal<Public.CommentReportReason, ReportReason>>,
  Expect<Equal<Public.CommentReportResponse['data'], ReportOutcome['data']>>,
  // The server also takes `note: null`; every input the public type allows is accepted.
  Expect<Public.CommentReportInput extends CommentReportInput ? true : false>,
  Expect<Equal<Public.CommentReportInput['reason'], CommentReportInput['reason']>>,
];
