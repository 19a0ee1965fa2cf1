/**
 * Parses a soundtrack link into a provider and an id, and builds the embed URL
 * on the provider's own embed host from that id. Only exact hosts of the
 * allowlist are accepted; nothing of the input URL is echoed into the embed
 * except the parsed, pattern-checked id.
 */
import { isIP } from 'node:net';

export const SONG_PROVIDERS = ['youtube', 'spotify', 'soundcloud', 'apple-music', 'vimeo'] as const;
export type SongProvider = (typeof SONG_PROVIDERS)[number];

export const MAX_SONG_URL = 2048;

export interface ParsedSong {
  provider: SongProvider;
  /** Provider-specific id; for Spotify and Apple Music it includes the kind, e.g. "track/…". */
  id: string;
  embedUrl: string;
  startAt?: number;
}

export type ParseResult = { ok: true; value: ParsedSong } | { ok: false; reason: string };

const fail = (reason: string): ParseResult => ({ ok: false, reason });

const HOSTS: Record<string, SongProvider> = {
  'youtube.com': 'youtube',
  'www.youtube.com': 'youtube',
  'm.youtube.com': 'youtube',
  'music.youtube.com': 'youtube',
  'youtu.be': 'youtube',
  'www.youtube-nocookie.com': 'youtube',
  'open.spotify.com': 'spotify',
  'soundcloud.com': 'soundcloud',
  'www.soundcloud.com': 'soundcloud',
  'm.soundcloud.com': 'soundcloud',
  'music.apple.com': 'apple-music',
  'embed.music.apple.com': 'apple-music',
  'vimeo.com': 'vimeo',
  'www.vimeo.com': 'vimeo',
  'player.vimeo.com': 'vimeo',
};

const YT_ID = /^[A-Za-z0-9_-]{11}$/;
const SPOTIFY_ID = /^[A-Za-z0-9]{22}$/;
const SPOTIFY_KINDS = new Set(['track', 'album', 'playlist', 'episode']);
const SC_SEGMENT = /^[A-Za-z0-9_-]{1,100}$/;
const APPLE_KINDS = new Set(['album', 'playlist', 'song', 'music-video']);
const APPLE_COUNTRY = /^[a-z]{2}$/;
const APPLE_SLUG = /^[\p{L}\p{N}%._-]{1,200}$/u;
const APPLE_ID = /^(pl\.[A-Za-z0-9-]{1,64}|\d{1,15})$/;
const DIGITS = /^\d{1,12}$/;

/** "1m30s", "90", "90s", "1h2m3s" -> seconds. */
const parseTime = (raw: string | null): number | undefined => {
  if (!raw) return undefined;
  if (/^\d{1,6}$/.test(raw)) return Number(raw);
  const m = /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s)?$/.exec(raw);
  if (!m || (!m[1] && !m[2] && !m[3])) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
};

const youtube = (url: URL, segments: string[]): ParseResult => {
  let id: string | undefined;
  if (url.hostname === 'youtu.be') id = segments[0];
  else if (segments.length === 1 && segments[0] === 'watch') id = url.searchParams.get('v') ?? undefined;
  else if (segments.length === 2 && ['shorts', 'embed', 'live', 'v'].includes(segments[0])) id = segments[1];
  if (!id || !YT_ID.test(id)) return fail('is not a YouTube video link');
  const startAt = parseTime(url.searchParams.get('t') ?? url.searchParams.get('start'));
  const embed = new URL(`https://www.youtube-nocookie.com/embed/${id}`);
  if (startAt) embed.searchParams.set('start', String(startAt));
  return { ok: true, value: { provider: 'youtube', id, embedUrl: embed.toString(), startAt } };
};

const spotify = (segments: string[]): ParseResult => {
  const parts = segments[0]?.startsWith('intl-') ? segments.slice(1) : segments;
  const [kindOrEmbed, ...rest] = parts;
  const [kind, id] = kindOrEmbed === 'embed' ? rest : [kindOrEmbed, rest[0]];
  if (!kind || !SPOTIFY_KINDS.has(kind) || !id || !SPOTIFY_ID.test(id)) {
    return fail('is not a Spotify track, album, playlist or episode link');
  }
  return {
    ok: true,
    value: { provider: 'spotify', id: `${kind}/${id}`, embedUrl: `https://open.spotify.com/embed/${kind}/${id}` },
  };
};

const soundcloud = (segments: string[]): ParseResult => {
  if (segments.length < 2 || segments.length > 3 || !segments.every((s) => SC_SEGMENT.test(s))) {
    return fail('is not a SoundCloud track or playlist link');
  }
  if (segments.length === 3 && segments[1] !== 'sets') return fail('is not a SoundCloud track or playlist link');
  const id = segments.join('/').toLowerCase();
  const embed = new URL('https://w.soundcloud.com/player/');
  embed.searchParams.set('url', `https://soundcloud.com/${id}`);
  return { ok: true, value: { provider: 'soundcloud', id, embedUrl: embed.toString() } };
};

const appleMusic = (url: URL, segments: string[]): ParseResult => {
  const [country, kind, slug, id] = segments;
  if (
    segments.length !== 4 ||
    !APPLE_COUNTRY.test(country) ||
    !APPLE_KINDS.has(kind) ||
    !APPLE_SLUG.test(slug) ||
    !APPLE_ID.test(id)
  ) {
    return fail('is not an Apple Music album, song or playlist link');
  }
  const trackId = url.searchParams.get('i');
  if (trackId !== null && !DIGITS.test(trackId)) return fail('has an invalid Apple Music track id');
  const embed = new URL(`https://embed.music.apple.com/${country}/${kind}/${slug}/${id}`);
  if (trackId) embed.searchParams.set('i', trackId);
  return {
    ok: true,
    value: {
      provider: 'apple-music',
      id: `${country}/${kind}/${slug}/${id}${trackId ? `?i=${trackId}` : ''}`,
      embedUrl: embed.toString(),
    },
  };
};

const vimeo = (url: URL, segments: string[]): ParseResult => {
  let id: string | undefined;
  if (url.hostname === 'player.vimeo.com') id = segments[0] === 'video' && segments.length === 2 ? segments[1] : undefined;
  else if (segments.length === 1) id = segments[0];
  else if (segments.length === 3 && segments[0] === 'channels') id = segments[2];
  else if (segments.length === 2 && DIGITS.test(segments[1] ?? '') && DIGITS.test(segments[0] ?? '')) id = segments[0];
  if (!id || !DIGITS.test(id)) return fail('is not a Vimeo video link');
  const startAt = parseTime(url.hash.startsWith('#t=') ? url.hash.slice(3) : null);
  return {
    ok: true,
    value: {
      provider: 'vimeo',
      id,
      embedUrl: `https://player.vimeo.com/video/${id}${startAt ? `#t=${startAt}s` : ''}`,
      startAt,
    },
  };
};

/** Parses a link; never throws. `allowed` limits the providers (site settings). */
export const parseSongUrl = (raw: unknown, allowed: readonly SongProvider[] = SONG_PROVIDERS): ParseResult => {
  if (typeof raw !== 'string' || raw.trim() === '') return fail('must be a link');
  const input = raw.trim();
  if (input.length > MAX_SONG_URL) return fail(`must be at most ${MAX_SONG_URL} characters`);
  // Whitespace or control characters inside a URL are a smuggling attempt, not a typo worth fixing.
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001F\u007F\\]/.test(input)) return fail('must not contain spaces, backslashes or control characters');
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return fail('must be a valid URL');
  }
  if (url.protocol !== 'https:') return fail('must use https');
  if (url.username || url.password) return fail('must not contain credentials');
  if (url.port) return fail('must not name a port');
  const host = url.hostname.toLowerCase();
  if (isIP(host.replace(/^\[|\]$/g, '')) || /^[\d.]+$/.test(host)) return fail('must not be an IP address');
  const provider = HOSTS[host];
  if (!provider) return fail('must be a YouTube, Spotify, SoundCloud, Apple Music or Vimeo link');
  if (!allowed.includes(provider)) return fail(`links from ${provider} are not allowed on this site`);
  const segments = url.pathname.split('/').filter(Boolean);
  switch (provider) {
    case 'youtube':
      return youtube(url, segments);
    case 'spotify':
      return spotify(segments);
    case 'soundcloud':
      return soundcloud(segments);
    case 'apple-music':
      return appleMusic(url, segments);
    case 'vimeo':
      return vimeo(url, segments);
  }
};
