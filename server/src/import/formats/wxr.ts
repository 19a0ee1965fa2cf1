/**
 * WordPress eXtended RSS (WXR 1.0, 1.1, 1.2): `rss > channel > item`, one item
 * per post, page or attachment, with its comments nested as `wp:comment`.
 * Channel-level `wp:author` entries (1.1+) give display names for `dc:creator` logins.
 */
import { childOf, childrenOf, textOf, type XmlNode } from '../xml-stream';
import type { SourceComment, SourceCommentState, SourcePost, SourcePostStatus } from '../types';
import { CONTENT, DUBLIN_CORE, isoDate, RSS, slugHintFromUrl } from './namespaces';

export interface WxrState {
  wp: string;
  siteUrl: string | null;
  authors: Map<string, string>;
}

export const isWxrRecord = (state: WxrState, local: string, uri: string, depth: number): boolean =>
  depth === 2 &&
  ((uri === RSS && (local === 'item' || local === 'link')) ||
    (uri === state.wp && (local === 'author' || local === 'base_blog_url')));

const POST_STATUS: Record<string, SourcePostStatus | null> = {
  publish: 'published',
  draft: 'draft',
  pending: 'draft',
  future: 'draft',
  private: 'draft',
};

const COMMENT_STATE: Record<string, SourceCommentState> = { '1': 'approved', '0': 'pending', spam: 'spam' };

const readComment = (state: WxrState, node: XmlNode, base: string): SourceComment => {
  const wp = (local: string) => textOf(node, state.wp, local);
  const id = wp('comment_id') ?? '';
  const parent = wp('comment_parent');
  const type = wp('comment_type') ?? '';
  const approved = wp('comment_approved') ?? '0';
  let skip: string | null = null;
  if (type === 'pingback' || type === 'trackback') skip = `a ${type}, not a reader comment`;
  else if (approved === 'trash') skip = 'in the trash on the old blog';
  else if (!id) skip = 'has no comment id';
  return {
    sourceId: `${base}#comment-${id}`,
    parentSourceId: parent && parent !== '0' ? `${base}#comment-${parent}` : null,
    authorName: wp('comment_author') ?? '',
    authorEmail: wp('comment_author_email') || null,
    date: isoDate(wp('comment_date_gmt')) ?? isoDate(wp('comment_date')),
    html: wp('comment_content') ?? '',
    state: COMMENT_STATE[approved] ?? 'pending',
    skip,
  };
};

/** Reads one channel-level record; returns a post for `<item>`, null otherwise. */
export const readWxrRecord = (state: WxrState, node: XmlNode): SourcePost | null => {
  if (node.uri === state.wp && node.local === 'author') {
    const login = textOf(node, state.wp, 'author_login');
    const name = textOf(node, state.wp, 'author_display_name');
    if (login && name) state.authors.set(login, name);
    return null;
  }
  if (node.local === 'base_blog_url' || node.local === 'link') {
    if (!state.siteUrl || node.local === 'base_blog_url')
      state.siteUrl = node.text.trim().replace(/\/+$/, '') || state.siteUrl;
    return null;
  }
  const wp = (local: string) => textOf(node, state.wp, local);
  const base = state.siteUrl ?? 'wxr';
  const id = wp('post_id') ?? textOf(node, RSS, 'guid') ?? '';
  const type = wp('post_type') ?? 'post';
  // Attachments, menu items, revisions...: parts of the site, not writing; only posts and pages are reported.
  if (type !== 'post' && type !== 'page') return null;
  const rawStatus = wp('status') ?? 'publish';
  const status = POST_STATUS[rawStatus] ?? null;
  let skip: string | null = null;
  if (type !== 'post') skip = `a ${type}, not a post`;
  else if (!status) skip = rawStatus === 'trash' ? 'in the trash on the old blog' : `has the status "${rawStatus}"`;
  else if (!id) skip = 'has no post id';
  const login = textOf(node, DUBLIN_CORE, 'creator');
  const url = textOf(node, RSS, 'link');
  return {
    sourceId: `${base}#post-${id}`,
    title: textOf(node, RSS, 'title') ?? '',
    html: childOf(node, CONTENT, 'encoded')?.text ?? '',
    url: url || null,
    slugHint: wp('post_name') || slugHintFromUrl(url),
    date: isoDate(wp('post_date_gmt')) ?? isoDate(wp('post_date')) ?? isoDate(textOf(node, RSS, 'pubDate')),
    author: login ? (state.authors.get(login) ?? login) : null,
    labels: childrenOf(node, RSS, 'category')
      .filter((c) => (c.attrs.domain ?? 'category') === 'category' || c.attrs.domain === 'post_tag')
      .map((c) => c.text.trim())
      .filter(Boolean),
    status: status ?? 'draft',
    comments: childrenOf(node, state.wp, 'comment').map((c) => readComment(state, c, base)),
    skip,
  };
};
