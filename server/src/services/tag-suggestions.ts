/**
 * Tag suggestions for the admin's tag input: the tags already used on reviews
 * (drafts included: this is for editors), matching what the editor typed.
 * Tags live in a JSON column, which the three databases cannot search alike,
 * so the service reads the tags of at most `SCAN_LIMIT` most recently updated
 * review rows (one bounded query) and ranks in memory: tags starting with the
 * query first, then tags containing it, each by how often they are used.
 */
import type { Core } from '@strapi/strapi';
import { REVIEW_UID } from '../utils/constants';
import type { TagSuggestQuery } from '../validation/tag-suggestions';

export const SCAN_LIMIT = 2000;

export interface TagSuggestion {
  tag: string;
  count: number;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async suggest({ q, limit }: TagSuggestQuery): Promise<TagSuggestion[]> {
    const rows = (await strapi.db.query(REVIEW_UID).findMany({
      select: ['tags'],
      orderBy: { updatedAt: 'desc' },
      limit: SCAN_LIMIT,
    })) as Array<{ tags: unknown }>;

    // One entry per tag, case-insensitively; the spelling used most often wins.
    const byKey = new Map<string, { count: number; spellings: Map<string, number> }>();
    for (const row of rows) {
      if (!Array.isArray(row.tags)) continue;
      const seenInRow = new Set<string>();
      for (const tag of row.tags) {
        if (typeof tag !== 'string' || tag.trim() === '') continue;
        const key = tag.toLocaleLowerCase();
        if (seenInRow.has(key)) continue;
        seenInRow.add(key);
        const entry = byKey.get(key) ?? { count: 0, spellings: new Map<string, number>() };
        entry.count += 1;
        entry.spellings.set(tag, (entry.spellings.get(tag) ?? 0) + 1);
        byKey.set(key, entry);
      }
    }

    const needle = q.toLocaleLowerCase();
    const ranked = [...byKey.entries()]
      .filter(([key]) => key.includes(needle))
      .map(([key, entry]) => ({
        tag: [...entry.spellings.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0],
        count: entry.count,
        prefix: key.startsWith(needle),
      }))
      .sort((a, b) => Number(b.prefix) - Number(a.prefix) || b.count - a.count || a.tag.localeCompare(b.tag));
    return ranked.slice(0, limit).map(({ tag, count }) => ({ tag, count }));
  },
});
