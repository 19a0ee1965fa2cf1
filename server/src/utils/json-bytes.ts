/**
 * A JSON answer as the UTF-8 bytes the response cache stores and sends: exactly
 * `Buffer.from(JSON.stringify(value))`, built in pieces when the value holds a long array.
 *
 * Why pieces: V8 returns a long JSON text as a string made of parts, and turning a
 * string past its regular object size (about 128 K characters) into bytes first copies
 * it into one large object, which costs more than building it. Measured on a list page
 * of 100 summaries (290 KB): 0.7 ms to stringify, 2.3 ms more to make it bytes; stringified
 * item by item and encoded in chunks of 32 K characters, 1.0 ms in all. Short answers (a
 * detail, a page of 10) are faster in one piece, so only values holding an array of at
 * least `PIECEWISE_ITEMS` items are written in pieces.
 */

/** Arrays at least this long make a value be written in pieces (32 list summaries are about 90 K characters). */
export const PIECEWISE_ITEMS = 32;

/** Characters gathered before they are encoded: well under V8's regular object size. */
const CHUNK_CHARS = 32 * 1024;

/** Objects JSON.stringify writes as the primitive they wrap (`new String('a')` is `"a"`). */
const BOXED = new Set(['[object String]', '[object Number]', '[object Boolean]', '[object BigInt]']);

/** An array or object `JSON.stringify` walks key by key (no `toJSON` of its own, not a boxed primitive). */
const isWalked = (value: unknown): value is object =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { toJSON?: unknown }).toJSON !== 'function' &&
  !BOXED.has(Object.prototype.toString.call(value));

/**
 * The JSON text of a value not walked here, or undefined where JSON.stringify writes nothing
 * for it (undefined, a function, a symbol, or a `toJSON()` that returns one of them): left out
 * of an object, `null` in an array. (TypeScript's `JSON.stringify` type leaves undefined out.)
 */
const textOf = (value: unknown): string | undefined => {
  const text: string | undefined = JSON.stringify(value);
  return text;
};

/** Text gathered into chunks, each encoded once it is long enough. */
class ChunkedText {
  private readonly chunks: Buffer[] = [];
  private text = '';

  push(piece: string): void {
    this.text += piece;
    if (this.text.length >= CHUNK_CHARS) {
      this.chunks.push(Buffer.from(this.text));
      this.text = '';
    }
  }

  bytes(): Buffer {
    if (this.text !== '') this.chunks.push(Buffer.from(this.text));
    return Buffer.concat(this.chunks);
  }
}

/**
 * Writes `value`, an array or object, as `JSON.stringify` would, walking `depth` levels of
 * arrays and objects itself. One difference, which no answer of the API meets: a `toJSON` of
 * a value written on its own here is called with the key `""`, where JSON.stringify passes the
 * value's key or index (a Date ignores it).
 */
const write = (value: object, depth: number, out: ChunkedText): void => {
  const walks = (item: unknown): item is object => depth > 1 && isWalked(item);
  if (Array.isArray(value)) {
    const items: readonly unknown[] = value;
    out.push('[');
    // An index loop, not forEach: a hole is written as null, as JSON.stringify does.
    for (let i = 0; i < items.length; i += 1) {
      if (i > 0) out.push(',');
      const item = items[i];
      if (walks(item)) write(item, depth - 1, out);
      else out.push(textOf(item) ?? 'null');
    }
    out.push(']');
    return;
  }
  let separator = '{';
  for (const [key, item] of Object.entries(value)) {
    const name = `${separator}${JSON.stringify(key)}:`;
    if (walks(item)) {
      out.push(name);
      write(item, depth - 1, out);
    } else {
      const text = textOf(item);
      if (text === undefined) continue;
      out.push(name + text);
    }
    separator = ',';
  }
  out.push(separator === '{' ? '{}' : '}');
};

/** Whether `value`, or a value one level in it, is an array of `PIECEWISE_ITEMS` or more. */
const holdsLongArray = (value: unknown): value is object => {
  if (!isWalked(value)) return false;
  if (Array.isArray(value)) return value.length >= PIECEWISE_ITEMS;
  return Object.values(value).some((item) => Array.isArray(item) && item.length >= PIECEWISE_ITEMS);
};

/**
 * `Buffer.from(JSON.stringify(value))`, the same bytes (see the module comment for why
 * in pieces). `value` must be a value JSON.stringify writes (not `undefined` at the root).
 */
export const jsonBytes = (value: unknown): Buffer => {
  if (!holdsLongArray(value)) return Buffer.from(JSON.stringify(value));
  const out = new ChunkedText();
  // Down to the long array's items, each stringified whole: a page's summaries one by one.
  write(value, Array.isArray(value) ? 1 : 2, out);
  return out.bytes();
};
