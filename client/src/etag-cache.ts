/**
 * Revalidation: keeps each GET answer with its ETag and sends `If-None-Match` the
 * next time; a 304 then reuses the kept body instead of downloading it again.
 * In memory, bounded (least recently used entries go first), one per client or shared.
 */
export interface EtagEntry {
  etag: string;
  body: unknown;
}

export interface EtagCache {
  get(url: string): EtagEntry | undefined;
  set(url: string, entry: EtagEntry): void;
  delete(url: string): void;
  clear(): void;
  readonly size: number;
}

export const createEtagCache = (options: { maxEntries?: number } = {}): EtagCache => {
  const maxEntries = options.maxEntries ?? 500;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
  const entries = new Map<string, EtagEntry>();
  return {
    get(url) {
      const entry = entries.get(url);
      if (entry) {
        // Map keeps insertion order: re-inserting marks it as the most recently used.
        entries.delete(url);
        entries.set(url, entry);
      }
      return entry;
    },
    set(url, entry) {
      entries.delete(url);
      entries.set(url, entry);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    delete(url) {
      entries.delete(url);
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
};
