/**
 * Runs the link table (song-links.table.ts): every accepted form gives its
 * provider, id, start time and embed URL (also through the read shape the public
 * API uses), and every refused form is refused with its reason.
 */
import { parseSongUrl, EMBED_HOSTS } from '../../server/src/custom-fields/song-providers';
import { toPublicSong } from '../../server/src/custom-fields/read';
import { LINKS, REFUSED } from './song-links.table';

describe('song link table', () => {
  it('has at least 150 accepted forms, each once', () => {
    expect(LINKS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(LINKS.map((l) => l.url)).size).toBe(LINKS.length);
    expect(new Set(REFUSED.map((l) => l.url)).size).toBe(REFUSED.length);
  });

  it.each(LINKS.map((row) => [row.url, row] as const))('accepts %s', (_url, row) => {
    const parsed = parseSongUrl(row.url);
    expect(parsed).toMatchObject({ ok: true });
    if (!parsed.ok) return;
    expect({
      provider: parsed.value.provider,
      id: parsed.value.id,
      startAt: parsed.value.startAt ?? null,
      embed: parsed.value.embedUrl,
    }).toEqual({ provider: row.provider, id: row.id, startAt: row.startAt, embed: row.embed });
    expect(new URL(parsed.value.embedUrl).host).toBe(EMBED_HOSTS[row.provider]);
    // What is stored is an https link that parses to the same thing (spotify: URIs become links).
    expect(parsed.value.url.startsWith('https://')).toBe(true);
    const again = parseSongUrl(parsed.value.url);
    expect(again.ok && again.value.id).toBe(row.id);
    // The public read shape rebuilds the same embed from the stored link.
    expect(toPublicSong({ url: parsed.value.url, startAt: null })).toMatchObject({
      provider: row.provider,
      embedUrl: row.embed,
      startAt: row.startAt,
    });
  });

  it.each(REFUSED.map((row) => [row.url, row] as const))('refuses %s', (_url, row) => {
    const parsed = parseSongUrl(row.url);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(row.reason);
  });
});
