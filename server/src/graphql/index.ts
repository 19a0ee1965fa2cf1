/**
 * Typed GraphQL API (with @strapi/plugin-graphql): `movieReview(slug)`,
 * `movieReviews(filters, q, pagination, sort)`, `movieReviewComments(slug, pagination)`
 * and the `createMovieReviewComment` mutation. They call the same services as
 * REST, so shapes, validation, the rate limit and errors are the same.
 *
 * Strapi's generated ("shadow CRUD") queries and mutations are disabled for both
 * plugin types: they would expose drafts through `status: DRAFT`, and private
 * fields exist only in the database, never in this schema.
 */
import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { COMMENT_UID, PLUGIN_ID, REVIEW_UID } from '../utils/constants';
import { hostErrors } from '../utils/host-errors';
import { parseCommentPageQuery, parseReviewListQuery } from '../services/reviews-query';
import { enforceCommentRateLimit } from '../middlewares/comment-rate-limit';
import { assertOpenForComments, publishedReviewOr404 } from '../controllers/reviews';
import type { PublicImage } from '../services/review-format';
import type reviewsService from '../services/reviews';
import type commentsService from '../services/comments';

type Reviews = ReturnType<typeof reviewsService>;
type Comments = ReturnType<typeof commentsService>;

export const typeDefs = /* GraphQL */ `
  type MovieReviewCastMember {
    actor: String!
    character: String
  }

  type MovieReviewMovie {
    title: String!
    originalTitle: String
    year: Int!
    director: String
    cast: [MovieReviewCastMember!]!
    imdbId: String
    runtimeMinutes: Int
  }

  type MovieReviewSynopsis {
    text: String!
    source: String
    sourceUrl: String
  }

  "One resized version of an image (Strapi's thumbnail, small, medium, large...)."
  type MovieReviewImageFormat {
    name: String!
    url: String!
    width: Int
    height: Int
    mime: String!
  }

  type MovieReviewImage {
    url: String!
    width: Int
    height: Int
    mime: String!
    "REST returns an object keyed by format name; GraphQL a list with the name in each item."
    formats: [MovieReviewImageFormat!]!
  }

  type MovieReviewAvatar {
    url: String!
    width: Int
    height: Int
    mime: String!
    alternativeText: String
    formats: [MovieReviewImageFormat!]!
  }

  type MovieReviewStill {
    caption: String
    alt: String!
    image: MovieReviewImage!
  }

  type MovieReviewSong {
    url: String!
    "youtube, spotify, soundcloud, apple-music or vimeo"
    provider: String!
    "https URL on the provider's own embed host, built from the parsed id"
    embedUrl: String!
    title: String
    artist: String
    startAt: Int
  }

  type MovieReviewAuthor {
    name: String!
    bio: String
    avatar: MovieReviewAvatar
  }

  "A published review without its body, as listed."
  type MovieReviewSummary {
    documentId: ID!
    slug: String!
    title: String!
    movie: MovieReviewMovie!
    synopsis: MovieReviewSynopsis
    stills: [MovieReviewStill!]!
    filmingLocations: [String!]!
    song: MovieReviewSong
    rating: Float
    author: MovieReviewAuthor!
    tags: [String!]!
    commentsEnabled: Boolean!
    publishedAt: DateTime!
    createdAt: DateTime!
    updatedAt: DateTime!
  }

  "A published review with everything expanded."
  type MovieReview {
    documentId: ID!
    slug: String!
    title: String!
    movie: MovieReviewMovie!
    synopsis: MovieReviewSynopsis
    stills: [MovieReviewStill!]!
    filmingLocations: [String!]!
    song: MovieReviewSong
    rating: Float
    author: MovieReviewAuthor!
    tags: [String!]!
    commentsEnabled: Boolean!
    publishedAt: DateTime!
    createdAt: DateTime!
    updatedAt: DateTime!
    "Strapi blocks"
    body: JSON!
    "Approved comments readers can see"
    commentCount: Int!
    "schema.org Review JSON-LD"
    structuredData: JSON!
  }

  type MovieReviewsPagination {
    page: Int!
    pageSize: Int!
    pageCount: Int!
    total: Int!
  }

  type MovieReviewsMeta {
    pagination: MovieReviewsPagination!
  }

  type MovieReviewsResponse {
    data: [MovieReviewSummary!]!
    meta: MovieReviewsMeta!
  }

  type MovieReviewComment {
    documentId: ID!
    authorName: String!
    content: String!
    createdAt: DateTime!
    isEditor: Boolean!
    replies: [MovieReviewComment!]!
  }

  type MovieReviewCommentsResponse {
    data: [MovieReviewComment!]!
    meta: MovieReviewsMeta!
  }

  "The comment just posted: its public view and whether it awaits moderation."
  type MovieReviewCreatedComment {
    documentId: ID!
    authorName: String!
    content: String!
    createdAt: DateTime!
    isEditor: Boolean!
    replies: [MovieReviewComment!]!
    "pending or approved"
    status: String!
  }

  input MovieReviewsIntFilterInput {
    eq: Int
    ne: Int
    gt: Int
    gte: Int
    lt: Int
    lte: Int
    in: [Int!]
  }

  input MovieReviewsFloatFilterInput {
    eq: Float
    ne: Float
    gt: Float
    gte: Float
    lt: Float
    lte: Float
    in: [Float!]
  }

  input MovieReviewsStringFilterInput {
    eq: String
    eqi: String
    containsi: String
    in: [String!]
  }

  input MovieReviewsTagFilterInput {
    eq: String
    in: [String!]
  }

  input MovieReviewsMovieFiltersInput {
    year: MovieReviewsIntFilterInput
    director: MovieReviewsStringFilterInput
  }

  input MovieReviewsFiltersInput {
    movie: MovieReviewsMovieFiltersInput
    tags: MovieReviewsTagFilterInput
    rating: MovieReviewsFloatFilterInput
  }

  input MovieReviewsPaginationInput {
    page: Int
    pageSize: Int
  }

  input MovieReviewCommentInput {
    authorName: String!
    authorEmail: String!
    content: String!
    "documentId of an approved comment of the same review"
    parent: ID
    "Honeypot: leave empty"
    website: String
  }

  extend type Query {
    "A published review; null for drafts and unknown slugs."
    movieReview(slug: String!): MovieReview
    "Published reviews, newest first by default. sort: publishedAt, title, rating, movie.year with :asc or :desc."
    movieReviews(
      filters: MovieReviewsFiltersInput
      q: String
      pagination: MovieReviewsPaginationInput
      sort: [String!]
    ): MovieReviewsResponse!
    "Approved comments of a published review, threaded, oldest first; null for drafts and unknown slugs."
    movieReviewComments(slug: String!, pagination: MovieReviewsPaginationInput): MovieReviewCommentsResponse
  }

  extend type Mutation {
    "Posts a reader comment (pending moderation unless auto-approve is on). Rate limited per IP."
    createMovieReviewComment(slug: String!, data: MovieReviewCommentInput!): MovieReviewCreatedComment!
  }
`;

type Args = Record<string, unknown>;
interface GraphqlContext {
  koaContext: Context;
}

/** GraphQL operators (eq, in...) to the REST query's ($eq, $in...); null fields are dropped. */
const toRestOperators = (value: unknown): unknown => {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value;
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const converted = toRestOperators(v);
    if (converted === undefined) continue;
    const isOperator = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'eqi', 'containsi'].includes(key);
    out[isOperator ? `$${key}` : key] = converted;
  }
  return out;
};

/** The GraphQL arguments of `movieReviews` as the raw REST query, validated by the same parser. */
export const listArgsToQuery = (args: Args): Record<string, unknown> => {
  const raw: Record<string, unknown> = {};
  const pagination = (args.pagination ?? {}) as { page?: number | null; pageSize?: number | null };
  if (pagination.page !== null && pagination.page !== undefined) raw.page = pagination.page;
  if (pagination.pageSize !== null && pagination.pageSize !== undefined) raw.pageSize = pagination.pageSize;
  if (args.sort !== null && args.sort !== undefined) raw.sort = args.sort;
  if (args.q !== null && args.q !== undefined) raw.q = args.q;
  const filters = toRestOperators(args.filters);
  if (filters !== undefined && Object.keys(filters as object).length) raw.filters = filters;
  return raw;
};

const formatsList = (image: PublicImage) =>
  Object.entries(image.formats ?? {}).map(([name, f]) => ({ name, ...f }));

/**
 * Each of the plugin's root fields runs database queries, and GraphQL aliases let
 * one request ask for the same field hundreds of times (`a1: movieReviews ... a500:
 * movieReviews`), which the depth limit does not catch. A request may resolve at
 * most this many of them; the rest answer a GraphQL error.
 */
export const MAX_PLUGIN_FIELDS_PER_REQUEST = 20;
const fieldBudget = new WeakMap<object, number>();
const spendFieldBudget = (context: GraphqlContext | undefined) => {
  const key = context?.koaContext ?? context;
  if (!key) return;
  const used = (fieldBudget.get(key) ?? 0) + 1;
  fieldBudget.set(key, used);
  if (used > MAX_PLUGIN_FIELDS_PER_REQUEST) {
    throw new (hostErrors().ValidationError)(
      `A request may ask for at most ${MAX_PLUGIN_FIELDS_PER_REQUEST} movie review fields (aliases included)`
    );
  }
};

const scope = (action: string) => ({ auth: { scope: [`plugin::${PLUGIN_ID}.reviews.${action}`] } });

/**
 * The contract promises bounded GraphQL operations (depth ≤ 10, at most 100 items).
 * plugin-graphql leaves both unbounded unless the app configures them, so the plugin
 * sets them when the app did not (an app's own values are kept), before the GraphQL
 * plugin builds its server in bootstrap.
 */
const applyOperationLimits = (strapi: Core.Strapi) => {
  const limits: Array<[key: string, value: number, unbounded: (v: unknown) => boolean]> = [
    ['depthLimit', 10, (v) => typeof v !== 'number' || v <= 0],
    ['maxLimit', 100, (v) => typeof v !== 'number' || v <= 0],
  ];
  for (const [key, value, unbounded] of limits) {
    const path = `plugin::graphql.${key}`;
    if (unbounded(strapi.config.get(path))) {
      strapi.config.set(path, value);
      strapi.log.info(`[movie-reviews] GraphQL ${key} was unbounded; set to ${value} (configure it in config/plugins to choose another)`);
    }
  }
};

export const registerGraphql = (strapi: Core.Strapi): void => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  applyOperationLimits(strapi);
  const extension = graphql.service('extension');
  extension.shadowCRUD(REVIEW_UID).disable();
  extension.shadowCRUD(COMMENT_UID).disable();
  // Import jobs are internal (admin import page and CLI only).
  extension.shadowCRUD(`plugin::${PLUGIN_ID}.import-job`).disable();

  const reviews = () => strapi.plugin(PLUGIN_ID).service('reviews') as Reviews;
  const comments = () => strapi.plugin(PLUGIN_ID).service('comments') as Comments;

  extension.use(() => ({
    typeDefs,
    resolvers: {
      MovieReviewImage: { formats: formatsList },
      MovieReviewAvatar: { formats: formatsList },
      Query: {
        movieReview: (_: unknown, args: { slug: string }, context: GraphqlContext) => {
          spendFieldBudget(context);
          return reviews().findOne(args.slug);
        },
        movieReviews: (_: unknown, args: Args, context: GraphqlContext) => {
          spendFieldBudget(context);
          return reviews().list(parseReviewListQuery(listArgsToQuery(args)));
        },
        movieReviewComments: async (_: unknown, args: { slug: string; pagination?: Args | null }, context: GraphqlContext) => {
          spendFieldBudget(context);
          const page = parseCommentPageQuery(listArgsToQuery({ pagination: args.pagination }));
          const review = await reviews().findPublishedRef(args.slug);
          return review ? comments().listApproved(review.documentId, page) : null;
        },
      },
      Mutation: {
        createMovieReviewComment: async (
          _: unknown,
          args: { slug: string; data: Record<string, unknown> },
          context: GraphqlContext
        ) => {
          spendFieldBudget(context);
          await enforceCommentRateLimit(strapi, context.koaContext);
          const review = await publishedReviewOr404(strapi, args.slug);
          assertOpenForComments(review);
          // GraphQL gives explicit nulls for omitted optional inputs; REST's strict schema treats them alike.
          const data = Object.fromEntries(Object.entries({ ...args.data }).filter(([, v]) => v !== null));
          return comments().create(review, data, {
            ip: context.koaContext.request.ip || null,
            userAgent: context.koaContext.get('user-agent') || null,
          });
        },
      },
    },
    resolversConfig: {
      'Query.movieReview': scope('findOne'),
      'Query.movieReviews': scope('find'),
      'Query.movieReviewComments': scope('comments'),
      'Mutation.createMovieReviewComment': scope('createComment'),
    },
  }));
};
