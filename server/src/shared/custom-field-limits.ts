/** Length limits of the custom-field values, shared by the server rules and the admin inputs. Pure module. */
export const MAX_SYNOPSIS = 5000;
export const MAX_SOURCE = 100;
export const MAX_SOURCE_URL = 2048;
export const MAX_STILLS = 50;
export const MAX_CAPTION = 500;
export const MAX_ALT = 300;

/** Cast: rows of actor and (optional) character. */
export const MAX_CAST = 100;
export const MAX_CAST_NAME = 200;

/** Tags: short labels readers can filter by (letters, digits, spaces, dots, dashes, underscores). */
export const MAX_TAGS = 20;
export const MAX_TAG = 50;
export const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u;

/** Filming locations: free place names. */
export const MAX_LOCATIONS = 50;
export const MAX_LOCATION = 200;

/** Year of release: the first films to this century's end. */
export const MIN_YEAR = 1888;
export const MAX_YEAR = 2100;

/** Rating scale: 0 to 10 in steps of 0.5. */
export const MAX_RATING = 10;
export const RATING_STEP = 0.5;

/** Tag suggestions (admin route): at most this many, for a query of at most this many characters. */
export const MAX_SUGGESTIONS = 10;
export const MAX_SUGGEST_QUERY = 50;
/** Author links: how many, and how long a label and a URL may be. */
export const MAX_AUTHOR_LINKS = 10;
export const MAX_AUTHOR_LINK_LABEL = 60;
export const MAX_AUTHOR_LINK_URL = 2048;
