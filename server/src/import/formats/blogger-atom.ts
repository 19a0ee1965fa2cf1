/**
 * Blogger's Atom export: one `<entry>` per post, comment, page, setting or
 * template, told apart by a `kind#…` category. Comments come after the posts
 * and point at theirs with `thr:in-reply-to`; a reply points at its parent
 * comment with a `related` link.
 */
import { childOf, childrenOf, textOf, type XmlNode } from '../xml-stream';
import type { SourceComment, SourcePost } from '../types';
import {
  ATOM,
  BLOGGER_KIND_COMMENT,
  BLOGGER_KIND_POST,
  BLOGGER_KIND_SCHEME,
  isoDate,
  slugHintFromUrl,
  THREAD,
} from './namespaces';

export const isAtomEntry = (local: string, uri: string, depth: number): boolean =>
  depth === 1 && uri === ATOM && local === 'entry';

/** Blogger writes this address when the author's email is hidden. */
const HIDDEN_EMAIL = 'noreply@blogger.com';

export const kindOf = (node: XmlNode): 'post' | 'comment' | 'other' | null => {
  const kind = childrenOf(node, ATOM, 'category').find((c) => c.attrs.scheme === BLOGGER_KIND_SCHEME)?.attrs.term;
  if (!kind) return null;
  if (kind === BLOGGER_KIND_POST) return 'post';
  if (kind === BLOGGER_KIND_COMMENT) return 'comment';
  return 'other';
};

export const linkOf = (node: XmlNode, rel: string): string | null =>
  childrenOf(node, ATOM, 'link').find((l) => (l.attrs.rel ?? 'alternate') === rel)?.attrs.href ?? null;

export const authorOf = (node: XmlNode): { name: string | null; email: string | null } => {
  const author = childOf(node, ATOM, 'author');
  const email = author ? textOf(author, ATOM, 'email') : null;
  return { name: author ? textOf(author, ATOM, 'name') : null, email: email && email !== HIDDEN_EMAIL ? email : null };
};

/** Replaces the trailing `post-<n>` of a Blogger id with another item's number. */
const siblingId = (id: string, number: string) => id.replace(/post-\d+$/, `post-${number}`);

export const readAtomComment = (node: XmlNode): { postId: string; comment: SourceComment } | null => {
  const id = textOf(node, ATOM, 'id') ?? '';
  const postId = childOf(node, THREAD, 'in-reply-to')?.attrs.ref ?? null;
  if (!postId || !id) return null;
  const related = linkOf(node, 'related');
  const parentNumber = related ? /\/comments\/default\/(\d+)$/.exec(related)?.[1] : undefined;
  const author = authorOf(node);
  return {
    postId,
    comment: {
      sourceId: id,
      parentSourceId: parentNumber ? siblingId(id, parentNumber) : null,
      authorName: author.name ?? '',
      authorEmail: author.email,
      date: isoDate(textOf(node, ATOM, 'published')),
      html: textOf(node, ATOM, 'content') ?? '',
      // The feed carries only published comments.
      state: 'approved',
      skip: null,
    },
  };
};

export const readAtomPost = (node: XmlNode): SourcePost => {
  const control = childrenOf(node, null, 'control')[0];
  const draft = control ? (textOf(control, null, 'draft') ?? '') === 'yes' : false;
  const url = linkOf(node, 'alternate');
  return {
    sourceId: textOf(node, ATOM, 'id') ?? '',
    title: textOf(node, ATOM, 'title') ?? '',
    html: textOf(node, ATOM, 'content') ?? '',
    url,
    slugHint: slugHintFromUrl(url),
    date: isoDate(textOf(node, ATOM, 'published')),
    author: authorOf(node).name,
    labels: childrenOf(node, ATOM, 'category')
      .filter((c) => c.attrs.scheme !== BLOGGER_KIND_SCHEME && c.attrs.term)
      .map((c) => c.attrs.term.trim())
      .filter(Boolean),
    status: draft ? 'draft' : 'published',
    comments: [],
    skip: null,
  };
};
