/**
 * Streams an XML file through saxes and hands over one small element tree per
 * "record" (a WXR `<item>`, an Atom `<entry>`...), so memory holds one record at
 * a time whatever the file size.
 *
 * Hostile input is refused before it can do harm:
 *  - any DOCTYPE is refused: it is the only way to declare external entities
 *    (XXE) or nested entities ("billion laughs"); saxes never fetches or expands
 *    them, and blog exports never carry one;
 *  - an undefined entity, a bad tag or an unclosed element is malformed XML,
 *    reported with its line and column;
 *  - attributes, text and nesting are bounded.
 */
import fs from 'node:fs';
import { SaxesParser, type SaxesTagNS } from 'saxes';

export const MAX_ATTRIBUTE_LENGTH = 64 * 1024;
/** All text of one record (a post with its comments): far above any real post. */
export const MAX_RECORD_TEXT = 32 * 1024 * 1024;
export const MAX_DEPTH = 64;

export type ImportFileProblem = 'doctype' | 'malformed' | 'format' | 'limit' | 'encoding' | 'empty';

/** A file the import refuses, with a message meant for the person who uploaded it. */
export class ImportFileError extends Error {
  constructor(
    readonly problem: ImportFileProblem,
    message: string
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export interface XmlNode {
  local: string;
  uri: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

export interface XmlRoot {
  local: string;
  uri: string;
  /** Namespace URIs declared on the root element (prefix → URI). */
  ns: Record<string, string>;
}

export interface XmlStreamOptions {
  /** Called once with the root element; throw an ImportFileError to refuse the file. */
  onRoot(root: XmlRoot): void;
  /** Whether the element opening at this depth (root = 0) is a record to build. */
  isRecord(local: string, uri: string, depth: number): boolean;
  onRecord(node: XmlNode): Promise<void> | void;
  signal?: AbortSignal;
}

const attrsOf = (tag: SaxesTagNS): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, attr] of Object.entries(tag.attributes)) {
    if (attr.value.length > MAX_ATTRIBUTE_LENGTH) {
      throw new ImportFileError(
        'limit',
        `An attribute "${name}" on <${tag.name}> is over ${MAX_ATTRIBUTE_LENGTH / 1024} KiB: refused.`
      );
    }
    out[attr.local] = attr.value;
  }
  return out;
};

/** Reads the whole file once; resolves when the document is complete and well formed. */
export const streamXml = async (filePath: string, options: XmlStreamOptions): Promise<void> => {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlNode[] = [];
  let depth = 0;
  let recordDepth = -1;
  let recordText = 0;
  let sawRoot = false;
  const ready: XmlNode[] = [];

  const fail = (problem: ImportFileProblem, message: string): never => {
    throw new ImportFileError(problem, message);
  };

  parser.on('xmldecl', (decl) => {
    if (decl.encoding && !/^utf-?8$/i.test(decl.encoding)) {
      fail('encoding', `The file is encoded as ${decl.encoding}; only UTF-8 exports are supported.`);
    }
  });
  parser.on('doctype', () =>
    fail(
      'doctype',
      'The file declares a DOCTYPE, which blog exports never do: refused, because it could define external entities (XXE) or entity expansion ("billion laughs").'
    )
  );
  parser.on('error', (error) => fail('malformed', `The file is not well-formed XML: ${error.message}`));
  parser.on('opentag', (tag) => {
    if (depth >= MAX_DEPTH) fail('limit', `Elements are nested more than ${MAX_DEPTH} deep: refused.`);
    if (!sawRoot) {
      sawRoot = true;
      const ns: Record<string, string> = {};
      for (const [prefix, uri] of Object.entries(tag.ns ?? {})) ns[prefix] = uri;
      options.onRoot({ local: tag.local, uri: tag.uri, ns });
    }
    if (recordDepth >= 0) {
      const node: XmlNode = { local: tag.local, uri: tag.uri, attrs: attrsOf(tag), children: [], text: '' };
      stack[stack.length - 1].children.push(node);
      stack.push(node);
    } else {
      const attrs = attrsOf(tag);
      if (options.isRecord(tag.local, tag.uri, depth)) {
        recordDepth = depth;
        recordText = 0;
        stack.push({ local: tag.local, uri: tag.uri, attrs, children: [], text: '' });
      }
    }
    depth += 1;
  });
  const onText = (text: string) => {
    if (recordDepth < 0 || !stack.length) return;
    recordText += text.length;
    if (recordText > MAX_RECORD_TEXT)
      fail('limit', `One item holds more than ${MAX_RECORD_TEXT / 1024 / 1024} MiB of text: refused.`);
    stack[stack.length - 1].text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    depth -= 1;
    if (recordDepth < 0) return;
    const node = stack.pop();
    if (depth === recordDepth && node) {
      recordDepth = -1;
      ready.push(node);
    }
  });

  const stream = fs.createReadStream(filePath, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      options.signal?.throwIfAborted();
      parser.write(first ? chunk.replace(/^\uFEFF/, '') : chunk);
      first = false;
      while (ready.length) await options.onRecord(ready.shift() as XmlNode);
    }
    parser.close();
    while (ready.length) await options.onRecord(ready.shift() as XmlNode);
  } finally {
    stream.destroy();
  }
  if (!sawRoot) fail('empty', 'The file holds no XML element: it is not a blog export.');
};

/* Small readers over a record tree. */

export const childrenOf = (node: XmlNode, uri: string | null, local: string): XmlNode[] =>
  node.children.filter((c) => c.local === local && (uri === null || c.uri === uri));

export const childOf = (node: XmlNode, uri: string | null, local: string): XmlNode | undefined =>
  node.children.find((c) => c.local === local && (uri === null || c.uri === uri));

export const textOf = (node: XmlNode, uri: string | null, local: string): string | null => {
  const child = childOf(node, uri, local);
  return child ? child.text.trim() : null;
};
