/**
 * Reads one source post the way an editor would and says what it holds: the
 * film's title and year, the synopsis, stills with captions, the song, tags,
 * threaded comments, the author, the body as blocks, and what could not be
 * mapped (with why). The dry run shows this; the import writes it.
 */
import slugify from 'slugify';
import { parseSongUrl } from '../custom-fields/song-providers';
import { MAX_ALT, MAX_CAPTION, MAX_STILLS, MAX_SYNOPSIS } from '../shared/custom-field-limits';
import { SLUG_PATTERN } from '../validation/slug';
import { slugFrom } from '../services/slug';
import { emailSchema } from '../validation/comment';
import { convertToBlocks, safeLinkUrl, type Block } from './blocks';
import {
  autoParagraphs,
  findAll,
  hasClass,
  htmlToPlainText,
  parseHtml,
  textContent,
  walk,
  type HtmlElement,
} from './html-tree';
import { movieFromTitle, yearFromText, directorFromText } from './film-facts';
import type {
  CommentReport,
  PostReport,
  SongPlan,
  SourceComment,
  SourcePost,
  StillPlan,
  SynopsisPlan,
  Unmapped,
} from './types';

export const MAX_TAGS = 20;
const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u;
const MAX_COMMENT = 5000;
const MAX_COMMENT_NAME = 80;
/** Stored for a comment whose export has no usable email (the field is required). */
export const NO_EMAIL = 'unknown@import.invalid';

export interface CommentPlan {
  sourceId: string;
  parentSourceId: string | null;
  authorName: string;
  authorEmail: string;
  content: string;
  date: string | null;
  state: SourceComment['state'];
}

export interface ReviewPlan {
  report: PostReport;
  blocks: Block[];
  comments: CommentPlan[];
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** `[caption …]<img/> Text[/caption]` shortcodes (WordPress) become `<figure>` with a `<figcaption>`. */
const expandCaptionShortcodes = (html: string): string =>
  html.replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/gi, (_m, attrs: string, inner: string) => {
    const split = /^([\s\S]*>)([^<>]*)$/.exec(inner.trim());
    const media = split ? split[1] : inner;
    const fromAttr = /\bcaption="([^"]*)"/i.exec(attrs)?.[1] ?? '';
    const caption = (split?.[2] ?? '').trim() || fromAttr;
    return `<figure class="wp-caption">${media}<figcaption>${caption}</figcaption></figure>`;
  });

/** `[embed]url[/embed]` shortcodes become links (a song link is then found like any other). */
const expandEmbedShortcodes = (html: string): string =>
  html.replace(
    /\[embed[^\]]*\]([^[\s]+)\[\/embed\]/gi,
    (_m, url: string) => `<a href="${url.replace(/"/g, '&quot;')}">${url}</a>`
  );

const imageSource = (img: HtmlElement): string | null => {
  const parent = img.parent;
  const linked = parent?.name === 'a' ? safeLinkUrl(parent.attrs.href) : null;
  if (linked && /\.(?:jpe?g|png|gif|webp)(?:$|\?)/i.test(linked)) return linked;
  const src = img.attrs.src?.trim() ?? '';
  if (src.startsWith('//')) return `https:${src}`;
  return /^https?:\/\//i.test(src) ? src : null;
};

const isTrackingPixel = (img: HtmlElement) => img.attrs.width === '1' || img.attrs.height === '1';

interface Found {
  stills: StillPlan[];
  consumed: Set<HtmlElement>;
}

const findStills = (root: HtmlElement, movieTitle: string | null, unmapped: Unmapped[]): Found => {
  const stills: StillPlan[] = [];
  const consumed = new Set<HtmlElement>();
  const add = (img: HtmlElement | undefined, caption: string | null) => {
    if (!img || isTrackingPixel(img)) return;
    const src = imageSource(img);
    if (!src) {
      unmapped.push({ part: 'image', reason: `"${clip(img.attrs.src ?? '', 80)}" is not an http(s) image address` });
      return;
    }
    if (stills.length >= MAX_STILLS) {
      unmapped.push({ part: 'image', reason: `${src}: a review holds at most ${MAX_STILLS} stills` });
      return;
    }
    const cleanCaption = caption ? clip(oneLine(caption), MAX_CAPTION) || null : null;
    let alt = oneLine(img.attrs.alt ?? '') || oneLine(img.attrs.title ?? '');
    if (!alt) {
      alt = cleanCaption ?? `${movieTitle ?? 'Film'} still ${stills.length + 1}`;
      unmapped.push({
        part: 'image',
        reason: `${src}: no alt text; used ${cleanCaption ? 'the caption' : 'a generated one'}`,
      });
    }
    stills.push({ src, caption: cleanCaption, alt: clip(alt, MAX_ALT) });
  };
  walk(root, (el) => {
    const captioned =
      el.name === 'figure' ||
      (el.name === 'table' && hasClass(el, 'tr-caption-container')) ||
      (el.name === 'div' && hasClass(el, 'wp-caption'));
    if (captioned) {
      const img = findAll(el, (e) => e.name === 'img')[0];
      const captionEl = findAll(
        el,
        (e) => e.name === 'figcaption' || hasClass(e, 'tr-caption') || hasClass(e, 'wp-caption-text')
      )[0];
      add(img, captionEl ? htmlToPlainText(textContent(captionEl).replace(/</g, '&lt;')) : null);
      consumed.add(el);
      return false;
    }
    if (el.name === 'img') {
      add(el, null);
      consumed.add(el);
    }
    return true;
  });
  return { stills, consumed };
};

const SYNOPSIS_LABEL = /^\s*(imdb(?:\s+synopsis)?|synopsis|plot(?:\s+summary)?)\s*[:\-–—]\s*/i;
const IMDB_TITLE = /^https?:\/\/(?:www\.|m\.)?imdb\.com\/title\/(tt\d{7,8})\/?/i;

const findSynopsis = (root: HtmlElement, consumed: Set<HtmlElement>, unmapped: Unmapped[]): SynopsisPlan | null => {
  let found: SynopsisPlan | null = null;
  walk(root, (el) => {
    if (found || consumed.has(el)) return false;
    if (el.name !== 'p' && el.name !== 'blockquote' && el.name !== 'div') return true;
    const text = htmlToPlainText(textContent(el).replace(/</g, '&lt;'));
    const imdbLink = findAll(el, (a) => a.name === 'a' && IMDB_TITLE.test(a.attrs.href ?? ''))[0];
    const label = SYNOPSIS_LABEL.exec(text);
    if (!label && !(el.name === 'blockquote' && imdbLink)) return true;
    const full = oneLine(label ? text.slice(label[0].length) : text);
    let body = full.replace(/\s*[(—–-]?\s*(?:source:\s*)?imdb\)?\.?$/i, '');
    if (!body) return true;
    if (body.length > MAX_SYNOPSIS) {
      unmapped.push({ part: 'synopsis', reason: `longer than ${MAX_SYNOPSIS} characters: shortened` });
      body = clip(body, MAX_SYNOPSIS);
    }
    const href = imdbLink?.attrs.href?.replace(/^http:/i, 'https:') ?? null;
    const isImdb = Boolean(imdbLink) || /imdb/i.test(label?.[1] ?? '') || body !== full;
    found = {
      text: body,
      source: isImdb ? 'IMDb' : null,
      sourceUrl: href && /^https:\/\/(?:www\.)?imdb\.com\//i.test(href) ? new URL(href).toString() : null,
    };
    consumed.add(el);
    return false;
  });
  return found;
};

const songCandidate = (raw: string | undefined): string | null => {
  if (!raw) return null;
  const text = raw.trim();
  if (text.startsWith('//')) return `https:${text}`;
  return text.replace(/^http:\/\//i, 'https://');
};

const findSong = (root: HtmlElement, consumed: Set<HtmlElement>, unmapped: Unmapped[]): SongPlan | null => {
  const iframes = findAll(root, (el) => el.name === 'iframe' || el.name === 'embed');
  const anchors = findAll(root, (el) => el.name === 'a');
  /** A paragraph holding only a link (WordPress turns those into embeds). */
  const bareLines = findAll(root, (el) => el.name === 'p' && /^https?:\/\/\S+$/.test(textContent(el).trim()));
  const parse = (raw: string | undefined) => {
    const candidate = songCandidate(raw);
    return candidate ? parseSongUrl(candidate) : null;
  };
  let song: SongPlan | null = null;
  for (const frame of iframes) {
    const result = parse(frame.attrs.src);
    if (result?.ok)
      song = {
        url: result.value.url,
        provider: result.value.provider,
        ...(result.value.startAt ? { startAt: result.value.startAt } : {}),
      };
    else {
      let host = 'an unknown host';
      try {
        host = new URL(songCandidate(frame.attrs.src) ?? '').hostname;
      } catch {
        /* keep the generic name */
      }
      unmapped.push({
        part: frame.name,
        reason: `embedded content from ${host} removed: only song links become embeds`,
      });
    }
  }
  if (song) return song;
  for (const line of [...bareLines].reverse()) {
    const result = parse(textContent(line).trim());
    if (result?.ok) {
      consumed.add(line);
      return { url: result.value.url, provider: result.value.provider };
    }
  }
  for (const a of [...anchors].reverse()) {
    const result = parse(a.attrs.href);
    if (result?.ok) return { url: result.value.url, provider: result.value.provider };
  }
  return null;
};

const cleanTags = (labels: string[], unmapped: Unmapped[]): string[] => {
  const tags: string[] = [];
  for (const label of labels) {
    const tag = oneLine(label)
      .replace(/[^\p{L}\p{N} ._-]/gu, '')
      .trim();
    if (!tag || !TAG_PATTERN.test(tag) || tag.length > 50) {
      unmapped.push({
        part: 'tag',
        reason: `"${clip(label, 60)}" is not a usable tag (letters, digits, spaces, dots, dashes; at most 50)`,
      });
      continue;
    }
    if (tags.some((t) => t.toLowerCase() === tag.toLowerCase())) continue;
    if (tags.length >= MAX_TAGS) {
      unmapped.push({ part: 'tag', reason: `"${tag}": a review holds at most ${MAX_TAGS} tags` });
      continue;
    }
    tags.push(tag);
  }
  return tags;
};

export const slugForPost = (post: SourcePost, movieTitle: string | null, movieYear: number | null): string => {
  if (post.slugHint) {
    const fromPermalink = slugify(post.slugHint, { lower: true, strict: true, trim: true })
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 190);
    if (fromPermalink && SLUG_PATTERN.test(fromPermalink)) return fromPermalink;
  }
  return slugFrom(movieTitle ?? post.title ?? 'review', movieYear);
};

/** Comments in an order where every parent comes before its replies; orphans become top-level. */
const planComments = (post: SourcePost, unmapped: Unmapped[]): CommentPlan[] => {
  const kept = post.comments.filter((c) => {
    if (c.skip) unmapped.push({ part: 'comment', reason: `${c.sourceId}: ${c.skip}` });
    return !c.skip;
  });
  const ids = new Set(kept.map((c) => c.sourceId));
  const plans: CommentPlan[] = [];
  for (const c of kept) {
    let content = htmlToPlainText(c.html);
    if (!content) {
      unmapped.push({ part: 'comment', reason: `${c.sourceId}: empty` });
      continue;
    }
    if (content.length > MAX_COMMENT) {
      unmapped.push({ part: 'comment', reason: `${c.sourceId}: longer than ${MAX_COMMENT} characters, shortened` });
      content = clip(content, MAX_COMMENT);
    }
    const email = c.authorEmail && emailSchema.safeParse(c.authorEmail.trim()).success ? c.authorEmail.trim() : null;
    const parent =
      c.parentSourceId && ids.has(c.parentSourceId) && c.parentSourceId !== c.sourceId ? c.parentSourceId : null;
    if (c.parentSourceId && !parent)
      unmapped.push({
        part: 'comment',
        reason: `${c.sourceId}: its parent is not in the export; shown at the top level`,
      });
    plans.push({
      sourceId: c.sourceId,
      parentSourceId: parent,
      authorName: clip(oneLine(htmlToPlainText(c.authorName)), MAX_COMMENT_NAME) || 'Anonymous',
      authorEmail: email ?? NO_EMAIL,
      content,
      date: c.date,
      state: c.state,
    });
  }
  // Parents first: a stable topological order (ids are unique, so it terminates).
  const placed = new Set<string>();
  const ordered: CommentPlan[] = [];
  let rest = plans;
  while (rest.length) {
    const next = rest.filter((p) => !p.parentSourceId || placed.has(p.parentSourceId));
    if (!next.length) {
      // A cycle of parents: break it by putting the rest at the top level.
      rest.forEach((p) => ordered.push({ ...p, parentSourceId: null }));
      break;
    }
    next.forEach((p) => {
      placed.add(p.sourceId);
      ordered.push(p);
    });
    rest = rest.filter((p) => !placed.has(p.sourceId));
  }
  return ordered;
};

const threaded = (plans: CommentPlan[], emails: Map<string, string | null>): CommentReport[] => {
  const byParent = new Map<string | null, CommentPlan[]>();
  for (const p of plans) byParent.set(p.parentSourceId, [...(byParent.get(p.parentSourceId) ?? []), p]);
  const build = (parent: string | null): CommentReport[] =>
    (byParent.get(parent) ?? []).map((p) => ({
      sourceId: p.sourceId,
      name: p.authorName,
      email: emails.get(p.sourceId) ?? null,
      date: p.date,
      approved: p.state === 'approved',
      state: p.state,
      replies: build(p.sourceId),
    }));
  return build(null);
};

export const analysePost = (post: SourcePost, defaultAuthor = 'Imported'): ReviewPlan => {
  const unmapped: Unmapped[] = [];
  const title = oneLine(htmlToPlainText(post.title));
  const root = parseHtml(expandEmbedShortcodes(expandCaptionShortcodes(post.html)));
  autoParagraphs(root);
  if (/\[gallery[^\]]*\]/i.test(post.html))
    unmapped.push({
      part: 'gallery',
      reason: 'gallery shortcodes name no images in the export: add the stills by hand',
    });

  const plainBody = htmlToPlainText(textContent(root).replace(/</g, '&lt;'));
  const fromTitle = movieFromTitle(title);
  const movieTitle = fromTitle.title;
  const movieYear = fromTitle.year ?? (movieTitle ? yearFromText(plainBody, movieTitle) : null);
  const { stills, consumed } = findStills(root, movieTitle, unmapped);
  const synopsis = findSynopsis(root, consumed, unmapped);
  const song = findSong(root, consumed, unmapped);
  const imdbLink = findAll(root, (el) => el.name === 'a' && IMDB_TITLE.test(el.attrs.href ?? ''))[0];
  const { blocks, dropped } = convertToBlocks(root, consumed);
  for (const name of dropped.filter((d) => d !== 'iframe' && d !== 'embed')) {
    unmapped.push({ part: name, reason: `<${name}> markup removed from the body` });
  }
  if (!synopsis) unmapped.push({ part: 'synopsis', reason: 'no "IMDb:" or "Synopsis:" paragraph or quote found' });
  if (!song)
    unmapped.push({ part: 'song', reason: 'no YouTube, Spotify, SoundCloud, Apple Music or Vimeo link found' });

  const comments = planComments(post, unmapped);
  const emails = new Map(post.comments.map((c) => [c.sourceId, c.authorEmail]));
  let skip = post.skip;
  if (!skip && !title) skip = 'has no title';
  if (!skip && !movieYear) skip = 'no film year found in the title (e.g. "Review: Her (2013)") or the text';

  const author = clip(oneLine(post.author ?? ''), 120) || defaultAuthor;
  if (!post.author) unmapped.push({ part: 'author', reason: `no author in the export: "${defaultAuthor}" used` });

  const report: PostReport = {
    sourceId: post.sourceId,
    sourceUrl: post.url,
    title: clip(title || '(untitled)', 200),
    slug: slugForPost(post, movieTitle, movieYear),
    date: post.date,
    status: post.status,
    movieTitle: movieTitle ? clip(movieTitle, 200) : null,
    movieYear,
    movieDirector: directorFromText(plainBody),
    movieImdbId: imdbLink ? (IMDB_TITLE.exec(imdbLink.attrs.href ?? '')?.[1] ?? null) : null,
    synopsis,
    stills,
    song,
    tags: cleanTags(post.labels, unmapped),
    labels: post.labels,
    author,
    comments: threaded(comments, emails),
    commentCount: comments.length,
    blockCount: blocks.length,
    unmapped,
    skip,
  };
  return { report, blocks, comments };
};
