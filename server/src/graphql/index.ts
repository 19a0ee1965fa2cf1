/**
 * Typed GraphQL API (with @strapi/plugin-graphql): `movieReview(slug)`,
 * `movieReviews(filters, q, pagination, sort)`, `movieReviewComments(slug, pagination)`,
 * `movieReviewAuthor(slug, page, pageSize)`, the `MovieReview.related(limit)` field and the
 * `createMovieReviewComment` and `reportMovieReviewComment` mutations. They call the same services as
 * REST, so shapes, validation, the rate limit and errors are the same.
 *
 * Strapi's generated ("shadow CRUD") queries and mutations are disabled for both
 * plugin types: they would expose drafts through `status: DRAFT`, and private
 * fields exist only in the database, never in this schema.
 */
import type { Core } from '@strapi/strapi';
import { AUTHOR_UID, COMMENT_UID, IDEMPOTENCY_UID, PLUGIN_ID, REPORT_UID, REVIEW_UID } from '../utils/constants';
import { parseCommentPageQuery, parseReviewListQuery } from '../validation/list-query';
import { parseRelatedQuery } from '../validation/related';
import { getService } from '../utils/get-service';
import { clientIpOf, requesterOf } from '../utils/requester';
import { setRetryAfter } from '../utils/retry-after';
import { hostErrors } from '../utils/host-errors';
import type { PublicImage, ReviewDetail } from '../services/review-format';
import { typeDefs } from './type-defs';
import { listArgsToQuery, type Args } from './list-args';
import { applyOperationLimits, spendFieldBudget } from './limits';
import { guardDatabase } from './errors';
import type { GraphqlContext } from './context';

export { typeDefs, listArgsToQuery };
export { MAX_PLUGIN_FIELDS_PER_REQUEST } from './limits';

const formatsList = (image: PublicImage) => Object.entries(image.formats ?? {}).map(([name, f]) => ({ name, ...f }));

const scope = (action: string, controller = 'reviews') => ({
  auth: { scope: [`plugin::${PLUGIN_ID}.${controller}.${action}`] },
});

export const registerGraphql = (strapi: Core.Strapi): void => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  applyOperationLimits(strapi);
  const extension = graphql.service('extension');
  extension.shadowCRUD(REVIEW_UID).disable();
  extension.shadowCRUD(COMMENT_UID).disable();
  extension.shadowCRUD(IDEMPOTENCY_UID).disable();
  extension.shadowCRUD(AUTHOR_UID).disable();
  // Reports are private (hashed addresses, notes): only the moderation page reads them.
  extension.shadowCRUD(REPORT_UID).disable();
  // Import jobs are internal (admin import page and CLI only).
  extension.shadowCRUD(`plugin::${PLUGIN_ID}.import-job`).disable();

  const reviews = () => getService(strapi, 'reviews');
  const comments = () => getService(strapi, 'comments');

  extension.use(() => ({
    typeDefs,
    resolvers: {
      MovieReviewImage: { formats: formatsList },
      MovieReviewAvatar: { formats: formatsList },
      MovieReview: {
        related: guardDatabase(
          async (parent: ReviewDetail, args: { limit?: number | null }, context: GraphqlContext) => {
            spendFieldBudget(context);
            const { limit } = parseRelatedQuery(
              args.limit === null || args.limit === undefined ? {} : { limit: args.limit }
            );
            return (await getService(strapi, 'related').forSlug(parent.slug, limit)) ?? [];
          }
        ),
      },
      Query: {
        movieReview: guardDatabase((_: unknown, args: { slug: string }, context: GraphqlContext) => {
          spendFieldBudget(context);
          return reviews().findOne(args.slug);
        }),
        movieReviews: guardDatabase((_: unknown, args: Args, context: GraphqlContext) => {
          spendFieldBudget(context);
          return reviews().list(parseReviewListQuery(listArgsToQuery(args)));
        }),
        movieReviewComments: guardDatabase(
          async (_: unknown, args: { slug: string; pagination?: Args | null }, context: GraphqlContext) => {
            spendFieldBudget(context);
            const page = parseCommentPageQuery(listArgsToQuery({ pagination: args.pagination }));
            const review = await reviews().findPublishedRef(args.slug);
            return review ? comments().listApproved(review.documentId, page) : null;
          }
        ),
        movieReviewAuthor: guardDatabase(
          (
            _: unknown,
            args: { slug: string; page?: number | null; pageSize?: number | null },
            context: GraphqlContext
          ) => {
            spendFieldBudget(context);
            const page = parseCommentPageQuery(
              listArgsToQuery({ pagination: { page: args.page, pageSize: args.pageSize } })
            );
            return getService(strapi, 'authors').page(args.slug, page);
          }
        ),
      },
      Mutation: {
        createMovieReviewComment: guardDatabase(
          async (_: unknown, args: { slug: string; data: Record<string, unknown> }, context: GraphqlContext) => {
            spendFieldBudget(context);
            // GraphQL gives explicit nulls for omitted optional inputs; REST's strict schema treats them alike.
            const data = Object.fromEntries(Object.entries({ ...args.data }).filter(([, v]) => v !== null));
            try {
              return await comments().submit(args.slug, data, requesterOf(context.koaContext));
            } catch (error) {
              if (error instanceof hostErrors().RateLimitError) setRetryAfter(context.koaContext, error);
              throw error;
            }
          }
        ),
        reportMovieReviewComment: guardDatabase(
          async (
            _: unknown,
            args: { slug: string; documentId: string; reason: string; note?: string | null },
            context: GraphqlContext
          ) => {
            spendFieldBudget(context);
            const body =
              args.note === null || args.note === undefined
                ? { reason: args.reason }
                : { reason: args.reason, note: args.note };
            try {
              const outcome = await getService(strapi, 'commentReports').report(
                args.slug,
                args.documentId,
                body,
                clientIpOf(context.koaContext)
              );
              return outcome.data;
            } catch (error) {
              if (error instanceof hostErrors().RateLimitError) setRetryAfter(context.koaContext, error);
              throw error;
            }
          }
        ),
      },
    },
    resolversConfig: {
      'Query.movieReview': scope('findOne'),
      'Query.movieReviews': scope('find'),
      'Query.movieReviewComments': scope('comments'),
      'Query.movieReviewAuthor': scope('findOne', 'authors'),
      'Mutation.createMovieReviewComment': scope('createComment'),
      'Mutation.reportMovieReviewComment': scope('reportComment'),
      'MovieReview.related': scope('related'),
    },
  }));
};
