/**
 * Reads an export file of any supported format and hands over its posts one at
 * a time, each with its comments. The format is detected from the root element
 * and its namespaces. WXR nests comments in their post (one pass); Blogger
 * lists them after the posts, so a first pass collects the comments (bounded:
 * text only, no post bodies) and a second pass hands over the posts.
 */
import { ImportFileError, streamXml, type XmlNode, type XmlRoot } from './xml-stream';
import type { ImportFormat, SourceComment, SourcePost } from './types';
import { ATOM, BLOGGER_2018, WXR_NAMESPACE } from './formats/namespaces';
import { isWxrRecord, readWxrRecord, type WxrState } from './formats/wxr';
import { isAtomEntry, kindOf, readAtomComment, readAtomPost } from './formats/blogger-atom';
import { bloggerType, readBloggerComment, readBloggerPost } from './formats/blogger';

export interface ExportInfo {
  format: ImportFormat;
  /** WXR version (1.0–1.2); null for Blogger. */
  version: string | null;
}

export const detectFormat = (root: XmlRoot): ExportInfo & { wp: string | null } => {
  const uris = Object.values(root.ns);
  if (root.local === 'rss' && root.uri === '') {
    const wp = uris.find((u) => WXR_NAMESPACE.test(u));
    if (wp) return { format: 'wxr', version: WXR_NAMESPACE.exec(wp)?.[1] ?? null, wp };
    throw new ImportFileError('format', 'This RSS file is not a WordPress export (no WXR "wp:" namespace).');
  }
  if (root.local === 'feed' && root.uri === ATOM) {
    return { format: uris.includes(BLOGGER_2018) ? 'blogger' : 'blogger-atom', version: null, wp: null };
  }
  throw new ImportFileError(
    'format',
    `This file is not a WordPress (WXR) or Blogger export: its root element is <${root.local}>.`
  );
};

export interface ReadOptions {
  signal?: AbortSignal;
}

/** Streams the posts of an export; resolves with the detected format once the file is read. */
export const readExport = async (
  filePath: string,
  onPost: (post: SourcePost) => Promise<void> | void,
  options: ReadOptions = {}
): Promise<ExportInfo> => {
  let info: (ExportInfo & { wp: string | null }) | null = null;
  const wxr: WxrState = { wp: '', siteUrl: null, authors: new Map() };
  const onRoot = (root: XmlRoot) => {
    info = detectFormat(root);
    if (info.wp) wxr.wp = info.wp;
  };
  const current = (): ExportInfo & { wp: string | null } => {
    if (!info) throw new ImportFileError('format', 'The export has no root element.');
    return info;
  };

  // Pass 1 for Blogger (and the only pass for WXR).
  const comments = new Map<string, SourceComment[]>();
  let bloggerItems = 0;
  await streamXml(filePath, {
    onRoot,
    signal: options.signal,
    isRecord: (local, uri, depth) =>
      current().format === 'wxr' ? isWxrRecord(wxr, local, uri, depth) : isAtomEntry(local, uri, depth),
    onRecord: async (node: XmlNode) => {
      const { format } = current();
      if (format === 'wxr') {
        const post = readWxrRecord(wxr, node);
        if (post) await onPost(post);
        return;
      }
      const kind = format === 'blogger' ? bloggerType(node) : kindOf(node);
      if (kind) bloggerItems += 1;
      const found = kind === 'comment' ? readAtomComment(node) : kind === 'COMMENT' ? readBloggerComment(node) : null;
      if (found) {
        const list = comments.get(found.postId) ?? [];
        list.push(found.comment);
        comments.set(found.postId, list);
      }
    },
  });
  const { format, version } = current();
  if (format === 'wxr') return { format, version };
  if (bloggerItems === 0) {
    throw new ImportFileError(
      'format',
      'This Atom feed is not a Blogger export: no entry is marked as a Blogger post or comment.'
    );
  }

  await streamXml(filePath, {
    onRoot: () => undefined,
    signal: options.signal,
    isRecord: isAtomEntry,
    onRecord: async (node: XmlNode) => {
      const post =
        format === 'blogger'
          ? ['POST', 'PAGE'].includes(bloggerType(node))
            ? readBloggerPost(node)
            : null
          : kindOf(node) === 'post'
            ? readAtomPost(node)
            : null;
      if (!post) return;
      post.comments = comments.get(post.sourceId) ?? [];
      comments.delete(post.sourceId);
      await onPost(post);
    },
  });
  return { format, version };
};
