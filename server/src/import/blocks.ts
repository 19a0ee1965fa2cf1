/**
 * Converts a post's HTML tree into Strapi blocks: paragraphs, headings, lists,
 * quotes, code, and inline bold / italic / underline / strikethrough / code /
 * links. Images are not blocks here (they become stills), and script, style,
 * iframe and other active markup is dropped, never carried over.
 */
import { BLOCK_ELEMENTS, DROPPED_ELEMENTS, textContent, type HtmlElement, type HtmlNode } from './html-tree';

interface Marks {
  bold?: true;
  italic?: true;
  underline?: true;
  strikethrough?: true;
  code?: true;
}

export interface TextNode extends Marks {
  type: 'text';
  text: string;
}

export interface LinkNode {
  type: 'link';
  url: string;
  children: TextNode[];
}

export type InlineNode = TextNode | LinkNode;

export interface ListItemNode {
  type: 'list-item';
  children: InlineNode[];
}

export interface ListNode {
  type: 'list';
  format: 'ordered' | 'unordered';
  indentLevel?: number;
  children: Array<ListItemNode | ListNode>;
}

export type Block =
  | { type: 'paragraph'; children: InlineNode[] }
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: InlineNode[] }
  | { type: 'quote'; children: InlineNode[] }
  | { type: 'code'; children: TextNode[] }
  | ListNode;

export interface BlocksResult {
  blocks: Block[];
  /** Element names dropped from the body (script, iframe...), once each. */
  dropped: string[];
}

const MARK_OF: Record<string, keyof Marks> = {
  strong: 'bold',
  b: 'bold',
  em: 'italic',
  i: 'italic',
  cite: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  code: 'code',
  tt: 'code',
  kbd: 'code',
  samp: 'code',
};

/** Links readers may follow: http(s) and mailto only. */
export const safeLinkUrl = (raw: string | undefined): string | null => {
  if (!raw) return null;
  const href = raw.trim().startsWith('//') ? `https:${raw.trim()}` : raw.trim();
  try {
    const url = new URL(href);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) && !url.username && !url.password
      ? url.toString()
      : null;
  } catch {
    return null;
  }
};

const sameMarks = (a: TextNode, b: TextNode) =>
  a.bold === b.bold &&
  a.italic === b.italic &&
  a.underline === b.underline &&
  a.strikethrough === b.strikethrough &&
  a.code === b.code;

/** Joins neighbouring texts with the same marks, collapses spaces, trims the edges; empty when only blanks remain. */
const tidy = (nodes: InlineNode[]): InlineNode[] => {
  const merged: InlineNode[] = [];
  for (const node of nodes) {
    const last = merged[merged.length - 1];
    if (node.type === 'text' && last?.type === 'text' && sameMarks(last, node)) last.text += node.text;
    else merged.push(node.type === 'text' ? { ...node } : { ...node, children: node.children.map((c) => ({ ...c })) });
  }
  for (const node of merged) {
    const texts = node.type === 'text' ? [node] : node.children;
    for (const t of texts)
      t.text = t.text.replace(/[ \t\r\f\v\u00A0]*\n[ \t\r\f\v\u00A0]*/g, '\n').replace(/[ \t\r\f\v]+/g, ' ');
  }
  const edge = (node: InlineNode | undefined, trim: (s: string) => string) => {
    if (!node) return;
    if (node.type === 'text') node.text = trim(node.text);
    else if (node.children.length) edge(node.children[node.children.length - 1], trim);
  };
  edge(merged[0], (s) => s.replace(/^\s+/, ''));
  edge(merged[merged.length - 1], (s) => s.replace(/\s+$/, ''));
  const kept = merged.filter((n) => (n.type === 'text' ? n.text !== '' : n.children.some((c) => c.text.trim())));
  return kept;
};

export const convertToBlocks = (root: HtmlElement, skip: ReadonlySet<HtmlElement> = new Set()): BlocksResult => {
  const blocks: Block[] = [];
  const dropped = new Set<string>();

  const inlines = (node: HtmlNode, marks: Marks, out: InlineNode[], link: LinkNode | null) => {
    if (node.kind === 'text') {
      const text: TextNode = { type: 'text', text: node.text, ...marks };
      if (link) link.children.push(text);
      else out.push(text);
      return;
    }
    if (skip.has(node) || node.name === 'img') return;
    if (DROPPED_ELEMENTS.has(node.name)) {
      dropped.add(node.name);
      return;
    }
    if (node.name === 'br') {
      const text: TextNode = { type: 'text', text: '\n', ...marks };
      if (link) link.children.push(text);
      else out.push(text);
      return;
    }
    const mark = MARK_OF[node.name];
    const nextMarks: Marks = mark ? { ...marks, [mark]: true } : marks;
    if (node.name === 'a' && !link) {
      const url = safeLinkUrl(node.attrs.href);
      if (url) {
        const created: LinkNode = { type: 'link', url, children: [] };
        node.children.forEach((c) => inlines(c, nextMarks, out, created));
        if (created.children.some((c) => c.text.trim())) out.push(created);
        return;
      }
    }
    const isBlock = BLOCK_ELEMENTS.has(node.name);
    node.children.forEach((c) => inlines(c, nextMarks, out, link));
    if (isBlock) out.push({ type: 'text', text: '\n', ...marks });
  };

  const inlineOf = (el: HtmlElement): InlineNode[] => {
    const out: InlineNode[] = [];
    el.children.forEach((c) => inlines(c, {}, out, null));
    return tidy(out);
  };

  const list = (el: HtmlElement, indentLevel: number): ListNode => {
    const node: ListNode = { type: 'list', format: el.name === 'ol' ? 'ordered' : 'unordered', children: [] };
    if (indentLevel > 0) node.indentLevel = indentLevel;
    for (const child of el.children) {
      if (child.kind !== 'element' || child.name !== 'li') continue;
      const nested = child.children.filter(
        (c): c is HtmlElement => c.kind === 'element' && (c.name === 'ul' || c.name === 'ol')
      );
      const own: HtmlElement = { ...child, children: child.children.filter((c) => !nested.includes(c as HtmlElement)) };
      const children = inlineOf(own);
      if (children.length) node.children.push({ type: 'list-item', children });
      for (const sub of nested) {
        const subList = list(sub, indentLevel + 1);
        if (subList.children.length) node.children.push(subList);
      }
    }
    return node;
  };

  let pending: InlineNode[] = [];
  const flush = () => {
    const children = tidy(pending);
    pending = [];
    if (children.length) blocks.push({ type: 'paragraph', children });
  };

  const block = (node: HtmlNode) => {
    if (node.kind === 'text') {
      pending.push({ type: 'text', text: node.text });
      return;
    }
    if (skip.has(node)) return;
    if (DROPPED_ELEMENTS.has(node.name)) {
      dropped.add(node.name);
      return;
    }
    if (!BLOCK_ELEMENTS.has(node.name) || node.name === 'li') {
      inlines(node, {}, pending, null);
      return;
    }
    flush();
    const heading = /^h([1-6])$/.exec(node.name);
    if (heading) {
      const children = inlineOf(node);
      if (children.length)
        blocks.push({ type: 'heading', level: Number(heading[1]) as 1 | 2 | 3 | 4 | 5 | 6, children });
    } else if (node.name === 'p') {
      const children = inlineOf(node);
      if (children.length) blocks.push({ type: 'paragraph', children });
    } else if (node.name === 'ul' || node.name === 'ol') {
      const built = list(node, 0);
      if (built.children.length) blocks.push(built);
    } else if (node.name === 'blockquote') {
      const children = inlineOf(node);
      if (children.length) blocks.push({ type: 'quote', children });
    } else if (node.name === 'pre') {
      const text = textContent(node).replace(/\n+$/, '');
      if (text.trim()) blocks.push({ type: 'code', children: [{ type: 'text', text }] });
    } else if (node.name !== 'hr' && node.name !== 'figure') {
      node.children.forEach(block);
      flush();
    }
  };

  root.children.forEach(block);
  flush();
  return { blocks, dropped: [...dropped] };
};
