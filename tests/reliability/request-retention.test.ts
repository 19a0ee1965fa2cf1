/**
 * A request must not stay in memory after its answer. Node timers keep the async
 * context they were created in, and during a request that context holds Strapi's
 * request context (the Koa context: request, response, body). The comment rate
 * limit keeps a timer per client address for a minute, so it must not create them
 * in the request's context (this was the soak's RSS growth: thousands of finished
 * requests held by rate-limit timers).
 *
 * Checked with a real request context: the rate limit is called inside an
 * AsyncLocalStorage store standing for the request, then the store must be
 * collectable by the garbage collector.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startStrapi, type TestApp } from '../helpers/strapi';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let app: TestApp;
beforeAll(async () => {
  app = await startStrapi({ seed: false });
});
afterAll(async () => {
  await app?.close();
});

interface RateLimit {
  consume(key: string, bucket?: 'comment-posts' | 'comment-reports'): Promise<{ allowed: boolean }>;
}

/** Whether the garbage collector frees `ref`'s target within a few collections. */
const collected = async (ref: WeakRef<object>): Promise<boolean> => {
  for (let i = 0; i < 10 && ref.deref(); i += 1) {
    // A WeakRef keeps its target until the current job ends: let it end, then collect.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  return ref.deref() === undefined;
};

const requests = new AsyncLocalStorage<{ body: Buffer }>();

/**
 * Runs `work` inside a new request store and returns only a weak reference to the
 * store (no variable of the test keeps it).
 */
const inRequest = async <T>(work: () => T): Promise<{ ref: WeakRef<object>; result: Awaited<T> }> => {
  const request = { body: Buffer.alloc(1024) };
  return { ref: new WeakRef(request), result: await requests.run(request, work) };
};

it.each(['comment-posts', 'comment-reports'] as const)(
  'lets the %s rate limit count a request without keeping the request in memory',
  async (bucket) => {
    const rateLimit = app.strapi.plugin('movie-reviews').service('rateLimit') as RateLimit;
    // The first call outside any request: what lives for the whole process (the stores,
    // the settings memo) is made once; this test is about what each request leaves.
    await rateLimit.consume('192.0.2.1', bucket);
    const refs: Array<WeakRef<object>> = [];
    for (let i = 0; i < 5; i += 1) {
      const { ref, result } = await inRequest(() => rateLimit.consume(`198.51.100.${i}`, bucket));
      expect(result.allowed).toBe(true);
      refs.push(ref);
    }
    for (const ref of refs) expect(await collected(ref)).toBe(true);
  }
);

it('the check itself sees a request kept by a timer made inside it (so it can fail)', async () => {
  const timers: Array<NodeJS.Timeout | undefined> = [];
  const { ref } = await inRequest(() => timers.push(setTimeout(() => undefined, 60_000)));
  expect(await collected(ref)).toBe(false);
  clearTimeout(timers.pop());
  expect(await collected(ref)).toBe(true);
});
