/**
 * Blogger's newer export: Atom entries typed by `blogger:type` (POST, PAGE,
 * COMMENT), with `blogger:status`, `blogger:parent` (a comment's post),
 * `blogger:inReplyTo` (a reply's parent comment) and `blogger:filename`.
 */
import { childrenOf, textOf, type XmlNode } from '../xml-stream';
import type { SourceComment, SourceCommentState, SourcePost, SourcePostStatus } from '../types';
import { authorOf, linkOf } from './blogger-atom';
import { ATOM, BLOGGER_2018 as B, isoDate, slugHintFromUrl } from './namespaces';

export const bloggerType = (node: XmlNode): string => (textOf(node, B, 'type') ?? '').toUpperCase();

const POST_STATUS: Record<string, SourcePostStatus> = { LIVE: 'published', DRAFT: 'draft', SCHEDULED: 'draft' };
const COMMENT_STATE: Record<string, SourceCommentState> = {
  LIVE: 'approved',
  PENDING: 'pending',
  SPAM_COMMENT: 'spam',
  SPAM: 'spam',
};

export const readBloggerComment = (node: XmlNode): { postId: string; comment: SourceComment } | null => {
  const id = textOf(node, ATOM, 'id') ?? '';
  const postId = textOf(node, B, 'parent');
  if (!id || !postId) return null;
  const status = (textOf(node, B, 'status') ?? 'LIVE').toUpperCase();
  const author = authorOf(node);
  return {
    postId,
    comment: {
      sourceId: id,
      parentSourceId: textOf(node, B, 'inReplyTo') || null,
      authorName: author.name ?? '',
      authorEmail: author.email,
      date: isoDate(textOf(node, ATOM, 'published') ?? textOf(node, B, 'created')),
      html: textOf(node, ATOM, 'content') ?? '',
      state: COMMENT_STATE[status] ?? 'pending',
      skip: COMMENT_STATE[status] ? null : `has the status ${status} on the old blog`,
    },
  };
};

export const readBloggerPost = (node: XmlNode): SourcePost => {
  const type = bloggerType(node);
  const status = (textOf(node, B, 'status') ?? 'LIVE').toUpperCase();
  const url = linkOf(node, 'alternate');
  const filename = textOf(node, B, 'filename');
  let skip: string | null = null;
  if (type !== 'POST') skip = `a ${type.toLowerCase() || 'untyped entry'}, not a post`;
  else if (!POST_STATUS[status]) skip = `has the status ${status} on the old blog`;
  return {
    sourceId: textOf(node, ATOM, 'id') ?? '',
    title: textOf(node, ATOM, 'title') ?? '',
    html: textOf(node, ATOM, 'content') ?? '',
    url,
    slugHint: slugHintFromUrl(filename || url),
    date: isoDate(textOf(node, ATOM, 'published') ?? textOf(node, B, 'created')),
    author: authorOf(node).name,
    labels: childrenOf(node, ATOM, 'category')
      .map((c) => (c.attrs.term ?? '').trim())
      .filter(Boolean),
    status: POST_STATUS[status] ?? 'draft',
    comments: [],
    skip,
  };
};
