/**
 * `jsonBytes` (server/src/utils/json-bytes.ts) writes the bytes of
 * `Buffer.from(JSON.stringify(value))`, also when it builds them in pieces (values
 * holding a long array, such as a list page of 100 summaries).
 */
import fc from 'fast-check';
import { jsonBytes, PIECEWISE_ITEMS } from '../../server/src/utils/json-bytes';

const expected = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

/** Values JSON.stringify treats specially: left out of objects, null in arrays, or replaced by toJSON(). */
const special = fc.oneof(
  fc.constant(undefined),
  fc.constant(() => 1),
  fc.constant(Symbol('s')),
  fc.date({ noInvalidDate: true }),
  fc.constant({ toJSON: () => ({ replaced: true }) }),
  // A toJSON() with nothing to write: left out of an object, null in an array.
  fc.constant({ toJSON: () => undefined }),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
  // Boxed primitives, which JSON.stringify writes as the value they wrap.
  fc.constant(Object('boxed')),
  fc.constant(Object(7)),
  fc.constant(Object(false))
);
const item = fc.oneof(fc.jsonValue(), special, fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), special)));
const longArray = fc.array(item, { minLength: PIECEWISE_ITEMS, maxLength: PIECEWISE_ITEMS * 3 });

describe('jsonBytes', () => {
  it('writes the bytes of JSON.stringify for any value, short or holding a long array', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          // The root is always a value JSON.stringify writes (a route's body).
          fc.jsonValue(),
          fc.dictionary(fc.string(), item),
          longArray,
          fc.record({ data: longArray, meta: fc.jsonValue() }),
          fc.record({ data: longArray, skipped: special, meta: fc.dictionary(fc.string(), item) })
        ),
        (value) => {
          expect(jsonBytes(value).equals(expected(value))).toBe(true);
        }
      ),
      { numRuns: 300 }
    );
  });

  it('writes a long page of non-ASCII text in several chunks with nothing lost at their edges', () => {
    // About 100 K characters per half of the page, with two-byte and four-byte characters
    // and lone surrogates (which JSON.stringify escapes) in every item.
    const summary = (i: number) => ({
      title: `Été ${i} — 映画 🎬 ${'ß'.repeat(600)}`,
      lone: '\ud83c',
      cast: [{ actor: 'Zoë', character: null }],
      skipped: undefined,
    });
    const page = { data: Array.from({ length: 200 }, (_, i) => summary(i)), meta: { pagination: { page: 1 } } };
    const bytes = jsonBytes(page);
    expect(bytes.length).toBeGreaterThan(3 * 32 * 1024);
    expect(bytes.equals(expected(page))).toBe(true);
    expect(JSON.parse(bytes.toString('utf8'))).toEqual(JSON.parse(JSON.stringify(page)));
  });

  it('throws where JSON.stringify throws: a BigInt, boxed or not, and a cycle', () => {
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;
    for (const bad of [BigInt(1), Object(BigInt(2)), cycle]) {
      const page = { data: Array.from({ length: PIECEWISE_ITEMS }, (_, i) => (i === 5 ? bad : i)) };
      expect(() => JSON.stringify(page)).toThrow(TypeError);
      expect(() => jsonBytes(page)).toThrow(TypeError);
    }
  });

  it('writes holes of a long array as null and an object whose properties are all left out as {}', () => {
    const sparse: unknown[] = new Array(PIECEWISE_ITEMS + 1);
    sparse[3] = 'three';
    const value = { data: sparse, empty: { gone: undefined, fn: () => 0 } };
    const text = jsonBytes(value).toString('utf8');
    expect(text).toBe(JSON.stringify(value));
    expect(text).toContain('"empty":{}');
    expect(text.startsWith('{"data":[null,null,null,"three",null')).toBe(true);
  });
});
