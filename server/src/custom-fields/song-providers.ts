/**
 * Parses a soundtrack link into a provider and an id, and builds the embed URL
 * on the provider's own embed host from that id.
 *
 * Shared by the server (validation, read API) and the admin (live preview), so
 * it must stay pure: no Node built-ins, no Strapi imports, only WHATWG `URL`.
 *
 * Rules, in order:
 *  - the raw text is checked before `URL` sees it, because WHATWG parsing is
 *    forgiving in ways an allowlist must not be (it maps full-width letters to
 *    ASCII, decodes `%74` in hosts, accepts `https:host` without slashes, turns
 *    `0x7f.1` into `127.0.0.1` and backslashes into slashes);
 *  - the authority must be a bare ASCII host name: no credentials, no port, no
 *    IP literal, no percent-encoding, no punycode (`xn--`) labels;
 *  - the host must be one of the exact hosts of `HOSTS` (no suffix matching);
 *  - the path must have the provider's shape, and the id its pattern.
 * The embed URL is then built from constants and the pattern-checked id only.
 */

export const SONG_PROVIDERS = ['youtube', 'spotify', 'soundcloud', 'apple-music', 'vimeo'] as const;
export type SongProvider = (typeof SONG_PROVIDERS)[number];

export const PROVIDER_LABELS: Record<SongProvider, string> = {
  youtube: 'YouTube',
  spotify: 'Spotify',
  soundcloud: 'SoundCloud',
  'apple-music': 'Apple Music',
  vimeo: 'Vimeo',
};

/** Longest link accepted. Real share links are far shorter; this bounds parsing work and storage. */
export const MAX_SONG_URL = 2048;

/** The only hosts an `embedUrl` can point at. */
export const EMBED_HOSTS: Record<SongProvider, string> = {
  youtube: 'www.youtube-nocookie.com',
  spotify: 'open.spotify.com',
  soundcloud: 'w.soundcloud.com',
  'apple-music': 'embed.music.apple.com',
  vimeo: 'player.vimeo.com',
};

export interface ParsedSong {
  provider: SongProvider;
  /**
   * Provider-specific id, pattern-checked. YouTube: the 11-character video id or
   * `playlist/<list id>`; Spotify: `<kind>/<id>`; SoundCloud: `<user>/<track>` or
   * `<user>/sets/<playlist>`; Apple Music: `<country>/<kind>/<slug>/<id>` plus
   * `?i=<track>`; Vimeo: the numeric id, plus `/<hash>` for unlisted videos.
   */
  id: string;
  /** The link in WHATWG-serialised form (lower-case host, encoded path), as stored. */
  url: string;
  embedUrl: string;
  /** Start time read from the link (`t=`, `start=`, `#t=`), when the provider supports one. */
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
  'youtube-nocookie.com': 'youtube',
  'www.youtube-nocookie.com': 'youtube',
  'open.spotify.com': 'spotify',
  'soundcloud.com': 'soundcloud',
  'www.soundcloud.com': 'soundcloud',
  'm.soundcloud.com': 'soundcloud',
  'on.soundcloud.com': 'soundcloud',
  'music.apple.com': 'apple-music',
  'embed.music.apple.com': 'apple-music',
  'vimeo.com': 'vimeo',
  'www.vimeo.com': 'vimeo',
  'player.vimeo.com': 'vimeo',
};

const PROVIDER_LIST = 'a YouTube, Spotify, SoundCloud, Apple Music or Vimeo link';

const YT_ID = /^[A-Za-z0-9_-]{11}$/;
const YT_LIST = /^[A-Za-z0-9_-]{10,64}$/;
const SPOTIFY_ID = /^[A-Za-z0-9]{22}$/;
const SPOTIFY_KINDS = new Set(['track', 'album', 'playlist', 'episode']);
const SC_SEGMENT = /^[a-z0-9_-]{1,100}$/;
/** First path segments of soundcloud.com that are site pages, not user names. */
const SC_RESERVED = new Set([
  'discover',
  'search',
  'stream',
  'upload',
  'you',
  'settings',
  'charts',
  'stations',
  'pages',
  'messages',
  'notifications',
  'people',
  'tags',
  'popular',
  'terms-of-use',
  'imprint',
  'mobile',
  'jobs',
  'pro',
  'signin',
  'logout',
]);
/** Second segments of a SoundCloud profile page (not a track). */
const SC_PROFILE_TABS = new Set([
  'tracks',
  'albums',
  'sets',
  'reposts',
  'likes',
  'followers',
  'following',
  'popular-tracks',
  'comments',
  'spotlight',
]);
const APPLE_KINDS = new Set(['album', 'playlist', 'song', 'music-video']);
const APPLE_COUNTRY = /^[a-z]{2}$/;
/** A slug as it appears in a parsed (percent-encoded) path: letters, digits, `._-` and %XX escapes. */
const APPLE_SLUG = /^(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2}){1,200}$/;
const APPLE_ID = /^(?:pl\.[A-Za-z0-9-]{1,64}|\d{1,15})$/;
const DIGITS = /^\d{1,15}$/;
const VIMEO_HASH = /^[0-9a-f]{6,20}$/;
/** Start times above a day are not a real soundtrack moment. */
const MAX_START = 86_400;

/**
 * Characters that never belong in a pasted link: any whitespace (incl. NBSP,
 * U+2028, BOM), C0/C1 controls, zero-width and bidi-override characters, and
 * backslashes (which WHATWG parsing silently turns into slashes).
 */

const FORBIDDEN_CHARS =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this rule refuses
  /[\s\u0000-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\\]/u;

/**
 * True for anything a WHATWG URL parser would treat as an IP address:
 * a bracketed IPv6 literal, or a host whose last label is a number
 * (decimal, octal-looking or `0x` hex), e.g. `127.0.0.1`, `2130706433`, `0x7f.1`.
 */
export const isIpHost = (host: string): boolean => {
  if (host.startsWith('[') || host.includes(':')) return true;
  const labels = host.replace(/\.$/, '').split('.');
  const last = labels[labels.length - 1] ?? '';
  return /^(?:\d+|0x[0-9a-f]*)$/i.test(last);
};

/**
 * Why a raw authority (what sits between `https://` and the path) is not a
 * plain host name, or null when it is one: letters, digits, dots and dashes.
 */
export const authorityProblem = (authority: string): string | null => {
  if (authority === '') return 'must name a host';
  if (authority.includes('@')) return 'must not contain credentials (user:password@)';
  if (authority.startsWith('[') || isIpHost(authority.replace(/:\d*$/, ''))) return 'must not be an IP address';
  if (authority.includes(':')) return 'must not name a port';
  if (authority.includes('%')) return 'must not percent-encode the host name';
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u007F]/.test(authority)) return 'must not use look-alike (non-ASCII) characters in the host name';
  if (!/^[A-Za-z0-9.-]+$/.test(authority)) return 'has an invalid host name';
  if (authority.split('.').some((label) => label.toLowerCase().startsWith('xn--'))) {
    return 'must not use an internationalised (punycode) host name';
  }
  return null;
};

/** "1m30s", "90", "90s", "1h2m3s" -> seconds; undefined when absent, malformed or over a day. */
export const parseTime = (raw: string | null | undefined): number | undefined => {
  if (!raw) return undefined;
  let seconds: number | undefined;
  if (/^\d{1,6}s?$/.test(raw)) seconds = Number(raw.replace(/s$/, ''));
  else {
    const m = /^(?:(\d{1,2})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s)?$/.exec(raw);
    if (m && (m[1] || m[2] || m[3])) seconds = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  }
  return seconds !== undefined && seconds > 0 && seconds <= MAX_START ? seconds : undefined;
};

/**
 * The embed URL of a parsed link, with an optional start time. Built only from
 * constants, the provider and the pattern-checked id.
 */
export const buildEmbedUrl = (provider: SongProvider, id: string, startAt?: number | null): string => {
  const start =
    typeof startAt === 'number' && Number.isInteger(startAt) && startAt > 0 && startAt <= MAX_START
      ? startAt
      : undefined;
  switch (provider) {
    case 'youtube': {
      const embed = id.startsWith('playlist/')
        ? new URL(`https://${EMBED_HOSTS.youtube}/embed/videoseries`)
        : new URL(`https://${EMBED_HOSTS.youtube}/embed/${id}`);
      if (id.startsWith('playlist/')) embed.searchParams.set('list', id.slice('playlist/'.length));
      if (start) embed.searchParams.set('start', String(start));
      return embed.toString();
    }
    case 'spotify':
      return `https://${EMBED_HOSTS.spotify}/embed/${id}`;
    case 'soundcloud': {
      const embed = new URL(`https://${EMBED_HOSTS.soundcloud}/player/`);
      embed.searchParams.set('url', `https://soundcloud.com/${id}`);
      return embed.toString();
    }
    case 'apple-music': {
      const [path, track] = id.split('?i=');
      const embed = new URL(`https://${EMBED_HOSTS['apple-music']}/${path}`);
      if (track) embed.searchParams.set('i', track);
      return embed.toString();
    }
    case 'vimeo': {
      const [video, hash] = id.split('/');
      const embed = new URL(`https://${EMBED_HOSTS.vimeo}/video/${video}`);
      if (hash) embed.searchParams.set('h', hash);
      if (start) embed.hash = `t=${start}s`;
      return embed.toString();
    }
  }
};

type Parsed = { id: string; startAt?: number } | string;

const youtube = (url: URL, segments: string[]): Parsed => {
  const notVideo = 'is not a YouTube video or playlist link';
  const startAt = parseTime(url.searchParams.get('t') ?? url.searchParams.get('start'));
  if (url.hostname === 'youtu.be') {
    if (segments.length !== 1 || !YT_ID.test(segments[0])) return notVideo;
    return { id: segments[0], startAt };
  }
  if (segments.length === 1 && segments[0] === 'watch') {
    const ids = url.searchParams.getAll('v');
    if (ids.length !== 1 || !YT_ID.test(ids[0])) return notVideo;
    return { id: ids[0], startAt };
  }
  if (segments.length === 1 && segments[0] === 'playlist') {
    const lists = url.searchParams.getAll('list');
    if (lists.length !== 1 || !YT_LIST.test(lists[0])) return notVideo;
    return { id: `playlist/${lists[0]}` };
  }
  if (segments.length === 2 && ['shorts', 'embed', 'live', 'v'].includes(segments[0]) && YT_ID.test(segments[1])) {
    return { id: segments[1], startAt };
  }
  return notVideo;
};

const spotify = (segments: string[]): Parsed => {
  const parts = /^intl-[a-z]{2}(?:-[a-z]{2})?$/i.test(segments[0] ?? '') ? segments.slice(1) : segments;
  const [kind, id] = parts[0] === 'embed' ? parts.slice(1) : parts;
  const length = parts[0] === 'embed' ? parts.length - 1 : parts.length;
  if (length !== 2 || !kind || !SPOTIFY_KINDS.has(kind) || !id || !SPOTIFY_ID.test(id)) {
    return 'is not a Spotify track, album, playlist or episode link';
  }
  return { id: `${kind}/${id}` };
};

const soundcloud = (url: URL, segments: string[]): Parsed => {
  if (url.hostname === 'on.soundcloud.com') {
    return 'is a SoundCloud short link: open it and paste the full soundcloud.com link';
  }
  const lower = segments.map((s) => s.toLowerCase());
  const notTrack = 'is not a SoundCloud track or playlist link';
  if (!lower.every((s) => SC_SEGMENT.test(s)) || SC_RESERVED.has(lower[0] ?? '')) return notTrack;
  if (lower.length === 2 && !SC_PROFILE_TABS.has(lower[1])) return { id: lower.join('/') };
  if (lower.length === 3 && lower[1] === 'sets') return { id: lower.join('/') };
  return notTrack;
};

const appleMusic = (url: URL, segments: string[]): Parsed => {
  const notMusic = 'is not an Apple Music album, song, playlist or music video link';
  // /us/album/some-slug/123 or /us/album/123 (no slug).
  const [country, kind, ...rest] = segments;
  const [slug, id] = rest.length === 2 ? rest : [undefined, rest[0]];
  if (
    (rest.length !== 1 && rest.length !== 2) ||
    !APPLE_COUNTRY.test(country ?? '') ||
    !APPLE_KINDS.has(kind ?? '') ||
    (slug !== undefined && !APPLE_SLUG.test(slug)) ||
    !APPLE_ID.test(id ?? '')
  ) {
    return notMusic;
  }
  if (id.startsWith('pl.') !== (kind === 'playlist')) return notMusic;
  const tracks = url.searchParams.getAll('i');
  if (tracks.length > 1 || (tracks.length === 1 && (kind !== 'album' || !DIGITS.test(tracks[0])))) {
    return 'has an invalid Apple Music track id (?i=)';
  }
  const path = [country, kind, slug, id].filter(Boolean).join('/');
  return { id: `${path}${tracks.length ? `?i=${tracks[0]}` : ''}` };
};

const vimeo = (url: URL, segments: string[]): Parsed => {
  let id: string | undefined;
  let hash: string | undefined;
  if (url.hostname === 'player.vimeo.com') {
    if (segments.length === 2 && segments[0] === 'video') id = segments[1];
    hash = url.searchParams.get('h') ?? undefined;
  } else if (segments.length === 1) id = segments[0];
  else if (segments.length === 2 && DIGITS.test(segments[0])) [id, hash] = segments;
  else if (segments.length === 3 && segments[0] === 'channels') id = segments[2];
  else if (segments.length === 4 && segments[0] === 'groups' && segments[2] === 'videos') id = segments[3];
  if (!id || !DIGITS.test(id)) return 'is not a Vimeo video link';
  if (hash !== undefined && !VIMEO_HASH.test(hash)) return 'has an invalid Vimeo privacy hash';
  const startAt = parseTime(url.hash.startsWith('#t=') ? url.hash.slice(3) : null);
  return { id: hash ? `${id}/${hash}` : id, startAt };
};

/**
 * Parses a link; never throws. `allowed` limits the providers (the site's
 * settings); a provider outside it is rejected with its own message.
 */
export const parseSongUrl = (raw: unknown, allowed: readonly SongProvider[] = SONG_PROVIDERS): ParseResult => {
  if (typeof raw !== 'string' || raw.trim() === '') return fail('must be a link');
  // Surrounding spaces from a copy-paste are forgiven; anything else is not.
  const input = raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  if (input.length > MAX_SONG_URL) return fail(`must be at most ${MAX_SONG_URL} characters`);
  if (FORBIDDEN_CHARS.test(input)) {
    return fail('must not contain spaces, backslashes, control or invisible characters');
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(input)?.[1]?.toLowerCase();
  if (scheme !== 'https') {
    return fail(scheme === 'http' ? 'must use https' : `must be an https link (${PROVIDER_LIST})`);
  }
  if (!/^https:\/\//i.test(input)) return fail('must be an https link of the form https://host/path');
  const authority = /^https:\/\/([^/?#]*)/i.exec(input)?.[1] ?? '';
  const problem = authorityProblem(authority);
  if (problem) return fail(problem);

  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return fail('must be a valid URL');
  }
  // Belt and braces: the checks above should make these impossible.
  if (
    url.protocol !== 'https:' ||
    url.username ||
    url.password ||
    url.port ||
    url.hostname !== authority.toLowerCase()
  ) {
    return fail('must be a plain https link');
  }
  const provider = Object.hasOwn(HOSTS, url.hostname) ? HOSTS[url.hostname] : undefined;
  if (!provider) return fail(`must be ${PROVIDER_LIST}`);
  if (!allowed.includes(provider)) return fail(`links from ${PROVIDER_LABELS[provider]} are not allowed on this site`);

  const segments = url.pathname.split('/').filter(Boolean);
  let parsed: Parsed;
  switch (provider) {
    case 'youtube':
      parsed = youtube(url, segments);
      break;
    case 'spotify':
      parsed = spotify(segments);
      break;
    case 'soundcloud':
      parsed = soundcloud(url, segments);
      break;
    case 'apple-music':
      parsed = appleMusic(url, segments);
      break;
    case 'vimeo':
      parsed = vimeo(url, segments);
      break;
  }
  if (typeof parsed === 'string') return fail(parsed);
  return {
    ok: true,
    value: {
      provider,
      id: parsed.id,
      url: url.toString(),
      embedUrl: buildEmbedUrl(provider, parsed.id, parsed.startAt),
      ...(parsed.startAt ? { startAt: parsed.startAt } : {}),
    },
  };
};
