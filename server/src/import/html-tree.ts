/**
 * A small element tree of a post's HTML, built with htmlparser2's tokenizer
 * (which knows void elements, implied end tags and raw-text elements such as
 * `<script>`). Comments and processing instructions are not kept.
 */
import { Parser } from 'htmlparser2';

export interface HtmlElement {
  kind: 'element';
  name: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}

export interface HtmlText {
  kind: 'text';
  text: string;
}

export type HtmlNode = HtmlElement | HtmlText;

/** Elements whose content is not text for readers: dropped with everything inside. */
export const DROPPED_ELEMENTS = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'noscript',
  'template',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'head',
  'meta',
  'link',
  'title',
  'frame',
  'frameset',
  'applet',
]);

export const BLOCK_ELEMENTS = new Set([
  'p',
  'div',
  'section',
  'article',
  'aside',
  'header',
  'footer',
  'main',
  'nav',
  'center',
  'address',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'hr',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'figure',
  'figcaption',
  'details',
  'summary',
]);

export const parseHtml = (html: string): HtmlElement => {
  const root: HtmlElement = { kind: 'element', name: '#root', attrs: {}, children: [], parent: null };
  let current = root;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const el: HtmlElement = { kind: 'element', name, attrs, children: [], parent: current };
        current.children.push(el);
        current = el;
      },
      ontext(text) {
        const last = current.children[current.children.length - 1];
        if (last?.kind === 'text') last.text += text;
        else current.children.push({ kind: 'text', text });
      },
      onclosetag() {
        current = current.parent ?? root;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true }
  );
  parser.write(html);
  parser.end();
  return root;
};

export const elementsOf = (node: HtmlElement): HtmlElement[] =>
  node.children.filter((c): c is HtmlElement => c.kind === 'element');

/** Depth-first walk of the elements under `node` (not `node` itself); `visit` returning false skips a subtree. */
export const walk = (node: HtmlElement, visit: (el: HtmlElement) => boolean | void) => {
  for (const child of elementsOf(node)) {
    if (visit(child) === false) continue;
    walk(child, visit);
  }
};

export const findAll = (node: HtmlElement, test: (el: HtmlElement) => boolean): HtmlElement[] => {
  const out: HtmlElement[] = [];
  walk(node, (el) => {
    if (test(el)) out.push(el);
  });
  return out;
};

export const hasClass = (el: HtmlElement, name: string) => (el.attrs.class ?? '').split(/\s+/).includes(name);

/** The text a reader would see, with `<br>` and block ends as line breaks, dropped elements left out. */
export const textContent = (node: HtmlNode): string => {
  if (node.kind === 'text') return node.text;
  if (DROPPED_ELEMENTS.has(node.name)) return '';
  if (node.name === 'br') return '\n';
  const inner = node.children.map(textContent).join('');
  return BLOCK_ELEMENTS.has(node.name) ? `${inner}\n` : inner;
};

/** Plain text of an HTML fragment (comments, captions): lines kept, spaces collapsed. */
export const htmlToPlainText = (html: string): string =>
  textContent(parseHtml(html))
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00A0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

const INLINE_PARENTS_FOR_AUTOP = new Set(['#root', 'blockquote', 'div', 'td', 'li']);

/**
 * WordPress stores classic posts without `<p>`: blank lines separate paragraphs
 * and single newlines are line breaks. When a post has no `<p>` at all, this
 * groups the loose text and inline elements of its containers into paragraphs,
 * so the rest of the import reads it like any other HTML.
 */
export const autoParagraphs = (root: HtmlElement): void => {
  if (findAll(root, (el) => el.name === 'p').length) return;
  const apply = (container: HtmlElement) => {
    const out: HtmlNode[] = [];
    let paragraph: HtmlElement | null = null;
    const close = () => {
      if (paragraph && paragraph.children.some((c) => c.kind === 'element' || c.text.trim())) out.push(paragraph);
      paragraph = null;
    };
    const open = (): HtmlElement => {
      if (!paragraph) paragraph = { kind: 'element', name: 'p', attrs: {}, children: [], parent: container };
      return paragraph;
    };
    for (const child of container.children) {
      if (child.kind === 'element' && (BLOCK_ELEMENTS.has(child.name) || DROPPED_ELEMENTS.has(child.name))) {
        close();
        out.push(child);
        if (INLINE_PARENTS_FOR_AUTOP.has(child.name)) apply(child);
        continue;
      }
      if (child.kind === 'element') {
        const p = open();
        child.parent = p;
        p.children.push(child);
        continue;
      }
      const parts = child.text.split(/\r?\n[ \t]*\r?\n/);
      parts.forEach((part, i) => {
        if (i > 0) close();
        const lines = part.split(/\r?\n/);
        lines.forEach((line, j) => {
          if (j > 0 && paragraph)
            paragraph.children.push({ kind: 'element', name: 'br', attrs: {}, children: [], parent: paragraph });
          if (line.trim()) open().children.push({ kind: 'text', text: line });
        });
      });
    }
    close();
    container.children = out;
  };
  apply(root);
};
