/** The plugin's GraphQL schema (SDL): types, inputs, root fields. Shapes match the REST answers (docs/api.md). */

/** The fields of a listed review; the detail has them all, then its own (as REST's summary and detail). */
const SUMMARY_FIELDS = /* GraphQL */ `
    documentId: ID!
    slug: String!
    title: String!
    movie: MovieReviewMovie!
    synopsis: MovieReviewSynopsis
    stills: [MovieReviewStill!]!
    filmingLocations: [String!]!
    song: MovieReviewSong
    rating: Float
    "null only for a review with no author"
    author: MovieReviewAuthor
    tags: [String!]!
    commentsEnabled: Boolean!
    publishedAt: DateTime!
    createdAt: DateTime!
    updatedAt: DateTime!
`;

/** The public view of a comment; the comment just posted has it too, with its status. */
const COMMENT_FIELDS = /* GraphQL */ `
    documentId: ID!
    authorName: String!
    content: String!
    createdAt: DateTime!
    isEditor: Boolean!
    replies: [MovieReviewComment!]!
`;

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

  "A link of an author (website, social profile): always https."
  type MovieReviewAuthorLink {
    label: String!
    url: String!
  }

  type MovieReviewAuthor {
    name: String!
    slug: String!
    bio: String
    avatar: MovieReviewAvatar
    links: [MovieReviewAuthorLink!]!
  }

  "A published review without its body, as listed."
  type MovieReviewSummary {
${SUMMARY_FIELDS}  }

  "A published review with everything expanded."
  type MovieReview {
${SUMMARY_FIELDS}    "Strapi blocks"
    body: JSON!
    "Approved comments readers can see"
    commentCount: Int!
    "schema.org Review JSON-LD"
    structuredData: JSON!
    "Head tags of the review page: title, description, canonical URL, Open Graph, Twitter card"
    seo: MovieReviewSeo!
    "Share links from the canonical URL; null while the site's addresses are not set"
    share: MovieReviewShare
    "Published reviews sharing the director, cast members or tags, most shared first, then newest (limit 1 to 12, default 4)"
    related(limit: Int): [MovieReviewSummary!]!
  }

  "The first still, for head tags and share cards"
  type MovieReviewSeoImage {
    url: String!
    width: Int
    height: Int
    alt: String!
  }

  type MovieReviewOpenGraph {
    type: String!
    title: String!
    description: String!
    url: String
    siteName: String
    image: MovieReviewSeoImage
    publishedTime: DateTime!
    modifiedTime: DateTime!
    tags: [String!]!
  }

  type MovieReviewTwitterCard {
    card: String!
    title: String!
    description: String!
    image: String
    imageAlt: String
  }

  type MovieReviewSeo {
    title: String!
    "At most 160 characters, cut at a word"
    description: String!
    canonicalUrl: String
    image: MovieReviewSeoImage
    openGraph: MovieReviewOpenGraph!
    twitter: MovieReviewTwitterCard!
  }

  type MovieReviewShare {
    facebook: String!
    x: String!
    whatsapp: String!
    pinterest: String!
    email: String!
    copy: String!
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

  type MovieReviewAuthorPageData {
    author: MovieReviewAuthor!
    "The author's published reviews, newest first"
    reviews: [MovieReviewSummary!]!
  }

  type MovieReviewAuthorResponse {
    data: MovieReviewAuthorPageData!
    meta: MovieReviewsMeta!
  }

  type MovieReviewComment {
${COMMENT_FIELDS}  }

  type MovieReviewCommentsResponse {
    data: [MovieReviewComment!]!
    meta: MovieReviewsMeta!
  }

  "The comment just posted: its public view and whether it awaits moderation."
  type MovieReviewCreatedComment {
${COMMENT_FIELDS}    "pending or approved"
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

  "The answer to a reader's report: the reported comment's documentId."
  type MovieReviewCommentReport {
    comment: ID!
    reported: Boolean!
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
    "An author and a page of their published reviews, newest first; null for unknown slugs."
    movieReviewAuthor(slug: String!, page: Int, pageSize: Int): MovieReviewAuthorResponse
  }

  extend type Mutation {
    "Posts a reader comment (pending moderation unless auto-approve is on). Rate limited per IP."
    createMovieReviewComment(slug: String!, data: MovieReviewCommentInput!): MovieReviewCreatedComment!
    "Reports an approved comment (reason: spam, abuse, off-topic, spoiler or other; note at most 500 characters). One report per address and comment; rate limited per IP."
    reportMovieReviewComment(slug: String!, documentId: ID!, reason: String!, note: String): MovieReviewCommentReport!
  }
`;
