/** Namespace URIs the readers look for (prefixes vary between exports; URIs do not). */
export const ATOM = 'http://www.w3.org/2005/Atom';
export const THREAD = 'http://purl.org/syndication/thread/1.0';
export const BLOGGER_2018 = 'http://schemas.google.com/blogger/2018';
export const BLOGGER_KIND_SCHEME = 'http://schemas.google.com/g/2005#kind';
export const BLOGGER_KIND_POST = 'http://schemas.google.com/blogger/2008/kind#post';
export const BLOGGER_KIND_COMMENT = 'http://schemas.google.com/blogger/2008/kind#comment';
export const CONTENT = 'http://purl.org/rss/1.0/modules/content/';
export const DUBLIN_CORE = 'http://purl.org/dc/elements/1.1/';
/** WXR's `wp:` namespace carries the format's version: 1.0, 1.1 or 1.2. */
export const WXR_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/(1\.[0-2])\/$/;
export const RSS = '';

/** ISO string of a date the export wrote, or null when it is absent or unreadable. */
export const isoDate = (raw: string | null | undefined): string | null => {
  if (!raw || /^0000-00-00/.test(raw)) return null;
  // WXR writes "2014-01-05 10:00:00" (GMT in *_gmt fields).
  const text = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(raw) ? `${raw.replace(' ', 'T')}Z` : raw;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
};

/** The last segment of a permalink without its extension ("/2014/01/her-2013.html" → "her-2013"). */
export const slugHintFromUrl = (url: string | null | undefined): string | null => {
  if (!url) return null;
  let path = url;
  try {
    path = new URL(url, 'https://blog.invalid').pathname;
  } catch {
    return null;
  }
  const last = path.split('/').filter(Boolean).pop();
  return last ? decodeURIComponent(last).replace(/\.html?$/i, '') || null : null;
};
