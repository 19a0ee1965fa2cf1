/**
 * The shapes shared by the import's readers, analyser and runner. A reader
 * turns one export format into `SourcePost`s (with their `SourceComment`s); the
 * analyser turns a post into a `PostReport` (the dry run) and a `ReviewPlan`
 * (what the import writes).
 */

export const IMPORT_FORMATS = ['wxr', 'blogger-atom', 'blogger'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  wxr: 'WordPress (WXR)',
  'blogger-atom': 'Blogger (Atom feed)',
  blogger: 'Blogger (export with blogger: elements)',
};

/** A comment's state in the source blog, before it becomes a moderation state. */
export type SourceCommentState = 'approved' | 'pending' | 'spam';

export interface SourceComment {
  sourceId: string;
  parentSourceId: string | null;
  authorName: string;
  authorEmail: string | null;
  date: string | null;
  /** The comment's text as the blog stored it (HTML for most blogs). */
  html: string;
  state: SourceCommentState;
  /** Set when the comment is not imported (trackbacks, trashed comments), with why. */
  skip: string | null;
}

export type SourcePostStatus = 'published' | 'draft';

export interface SourcePost {
  sourceId: string;
  title: string;
  html: string;
  /** The post's public URL on the old blog. */
  url: string | null;
  /** The last part of the old permalink, when the export names it. */
  slugHint: string | null;
  date: string | null;
  author: string | null;
  labels: string[];
  status: SourcePostStatus;
  comments: SourceComment[];
  /** Set when the item is not a post to import (pages, attachments, trashed posts), with why. */
  skip: string | null;
}

/** Something of the post that did not make it into the review, and why. */
export interface Unmapped {
  part: string;
  reason: string;
}

export interface StillPlan {
  src: string;
  caption: string | null;
  alt: string;
}

export interface SongPlan {
  url: string;
  provider: string;
  startAt?: number;
}

export interface SynopsisPlan {
  text: string;
  source: string | null;
  sourceUrl: string | null;
}

export interface CommentReport {
  sourceId: string;
  name: string;
  /** Admin-only: reports are served only behind the import permission. */
  email: string | null;
  date: string | null;
  approved: boolean;
  state: SourceCommentState;
  replies: CommentReport[];
}

/** One post of the dry run: everything the import would write, and what it could not map. */
export interface PostReport {
  sourceId: string;
  sourceUrl: string | null;
  title: string;
  slug: string;
  date: string | null;
  status: SourcePostStatus;
  movieTitle: string | null;
  movieYear: number | null;
  movieDirector: string | null;
  movieImdbId: string | null;
  synopsis: SynopsisPlan | null;
  stills: StillPlan[];
  song: SongPlan | null;
  tags: string[];
  labels: string[];
  author: string;
  comments: CommentReport[];
  commentCount: number;
  blockCount: number;
  unmapped: Unmapped[];
  /** Null when the post can be imported; otherwise why it is skipped. */
  skip: string | null;
}
