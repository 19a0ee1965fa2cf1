/**
 * Cache tags: every response-cache entry carries the tags of what it shows, and a
 * write invalidates the tags it can change (see cache-invalidation.ts). The same
 * tags go out as `Surrogate-Key` and `Cache-Tag` headers, so a CDN in front can
 * purge by tag too.
 */
export const CACHE_TAGS = {
  /** Carried by every entry: settings and permission changes invalidate it. */
  all: 'mr:all',
  /** Every page that lists reviews (the list, and pages built from lists such as author or related pages). */
  list: 'mr:list',
  /** Everything that shows this published review (its detail, its comment pages). */
  review: (documentId: string) => `mr:review:${documentId}`,
  /** The approved-comment pages of this review. */
  comments: (reviewDocumentId: string) => `mr:comments:${reviewDocumentId}`,
  /** Every entry that shows this upload file (stills, avatars). */
  file: (id: number | string) => `mr:file:${id}`,
  /**
   * Every review detail: its ETag (the review version) holds the stamp that any upload
   * file deletion renews (files-stamp.ts), so a cached detail must go with it.
   */
  fileDeletions: 'mr:files-deleted',
  /** Everything that shows this author (by documentId): its page, and the lists and details of its reviews. */
  author: (id: number | string) => `mr:author:${id}`,
  /**
   * Given to the entries of a route that declared no tags (see `addCacheTags`):
   * every invalidation drops them, so a route is never stale for lack of tags.
   */
  unscoped: 'mr:unscoped',
} as const;

/** Where a controller leaves the tags of its answer for the `cache-headers` middleware. */
const STATE_KEY = 'movieReviewsCacheTags';

type WithState = { state: Record<string, unknown> };

/** Adds cache tags to the answer being built (call from a controller of a GET route using `cache-headers`). */
export const addCacheTags = (ctx: WithState, ...tags: Array<string | Iterable<string>>): void => {
  const current = (ctx.state[STATE_KEY] as Set<string> | undefined) ?? new Set<string>();
  for (const tag of tags) {
    if (typeof tag === 'string') current.add(tag);
    else for (const t of tag) current.add(t);
  }
  ctx.state[STATE_KEY] = current;
};

/** `mr:all` and the tags the route declared for its answer (`mr:unscoped` when it declared none). */
export const cacheTagsOf = (ctx: WithState): string[] => {
  const tags = ctx.state[STATE_KEY] as Set<string> | undefined;
  return [CACHE_TAGS.all, ...(tags?.size ? [...tags].filter((t) => t !== CACHE_TAGS.all) : [CACHE_TAGS.unscoped])];
};

/**
 * Not carried by entries: announced (with `mr:all`) when the plugin settings
 * change, so other instances also refresh their settings memo.
 */
export const SETTINGS_CHANGED_TAG = 'mr:settings';

/** Tags are sent in headers and Redis messages separated by spaces and commas: anything else is kept. */
export const isValidTag = (tag: string): boolean => /^[A-Za-z0-9:._-]{1,200}$/.test(tag);
