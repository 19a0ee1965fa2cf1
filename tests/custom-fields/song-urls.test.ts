/**
 * The song link parser shared by the server and the admin preview: a table of
 * real-shaped links (valid and hostile) with the provider, id and embed URL
 * they must give, or the reason they must be refused.
 */
import fc from 'fast-check';
import {
  EMBED_HOSTS,
  isIpHost,
  parseSongUrl,
  SONG_PROVIDERS,
  type SongProvider,
} from '../../server/src/custom-fields/song-providers';

type Valid = [input: string, provider: SongProvider, id: string, embedUrl: string];
type Invalid = [label: string, input: unknown, reason: RegExp];

const NOCOOKIE = 'https://www.youtube-nocookie.com/embed';
const SC_PLAYER = 'https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2F';

const valid: Valid[] = [
  // YouTube
  ['https://www.youtube.com/watch?v=3VKoeVMJN8w', 'youtube', '3VKoeVMJN8w', `${NOCOOKIE}/3VKoeVMJN8w`],
  [
    'https://youtube.com/watch?v=dQw4w9WgXcQ&list=RDdQw4w9WgXcQ&index=1',
    'youtube',
    'dQw4w9WgXcQ',
    `${NOCOOKIE}/dQw4w9WgXcQ`,
  ],
  ['https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share', 'youtube', 'dQw4w9WgXcQ', `${NOCOOKIE}/dQw4w9WgXcQ`],
  ['https://youtu.be/3VKoeVMJN8w?si=AbCdEf12345', 'youtube', '3VKoeVMJN8w', `${NOCOOKIE}/3VKoeVMJN8w`],
  ['https://youtu.be/3VKoeVMJN8w?t=42', 'youtube', '3VKoeVMJN8w', `${NOCOOKIE}/3VKoeVMJN8w?start=42`],
  ['https://www.youtube.com/watch?v=3VKoeVMJN8w&t=1m30s', 'youtube', '3VKoeVMJN8w', `${NOCOOKIE}/3VKoeVMJN8w?start=90`],
  ['https://music.youtube.com/watch?v=3VKoeVMJN8w&feature=share', 'youtube', '3VKoeVMJN8w', `${NOCOOKIE}/3VKoeVMJN8w`],
  ['https://www.youtube.com/shorts/dQw4w9WgXcQ', 'youtube', 'dQw4w9WgXcQ', `${NOCOOKIE}/dQw4w9WgXcQ`],
  ['https://www.youtube.com/embed/dQw4w9WgXcQ?start=10', 'youtube', 'dQw4w9WgXcQ', `${NOCOOKIE}/dQw4w9WgXcQ?start=10`],
  ['https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', 'youtube', 'dQw4w9WgXcQ', `${NOCOOKIE}/dQw4w9WgXcQ`],
  ['https://www.youtube.com/live/dQw4w9WgXcQ?si=x1', 'youtube', 'dQw4w9WgXcQ', `${NOCOOKIE}/dQw4w9WgXcQ`],
  [
    'https://music.youtube.com/playlist?list=OLAK5uy_kW2tuhNqjPrnS7p4nLvcf6L5pIeCrB4g0',
    'youtube',
    'playlist/OLAK5uy_kW2tuhNqjPrnS7p4nLvcf6L5pIeCrB4g0',
    `${NOCOOKIE}/videoseries?list=OLAK5uy_kW2tuhNqjPrnS7p4nLvcf6L5pIeCrB4g0`,
  ],
  ['HTTPS://WWW.YouTube.com/watch?v=3VKoeVMJN8w', 'youtube', '3VKoeVMJN8w', `${NOCOOKIE}/3VKoeVMJN8w`],
  ['  https://youtu.be/3VKoeVMJN8w\n', 'youtube', '3VKoeVMJN8w', `${NOCOOKIE}/3VKoeVMJN8w`],
  // Spotify
  [
    'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC',
    'spotify',
    'track/4uLU6hMCjMI75M1A2tKUQC',
    'https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC',
  ],
  [
    'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=1a2b3c4d5e6f4711',
    'spotify',
    'track/4uLU6hMCjMI75M1A2tKUQC',
    'https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC',
  ],
  [
    'https://open.spotify.com/intl-de/track/4uLU6hMCjMI75M1A2tKUQC',
    'spotify',
    'track/4uLU6hMCjMI75M1A2tKUQC',
    'https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC',
  ],
  [
    'https://open.spotify.com/album/1ATL5GLyefJaxhQzSPVrLX',
    'spotify',
    'album/1ATL5GLyefJaxhQzSPVrLX',
    'https://open.spotify.com/embed/album/1ATL5GLyefJaxhQzSPVrLX',
  ],
  [
    'https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M',
    'spotify',
    'playlist/37i9dQZF1DXcBWIGoYBM5M',
    'https://open.spotify.com/embed/playlist/37i9dQZF1DXcBWIGoYBM5M',
  ],
  [
    'https://open.spotify.com/episode/512ojhOuo1ktJprKbVcKyQ',
    'spotify',
    'episode/512ojhOuo1ktJprKbVcKyQ',
    'https://open.spotify.com/embed/episode/512ojhOuo1ktJprKbVcKyQ',
  ],
  [
    'https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC',
    'spotify',
    'track/4uLU6hMCjMI75M1A2tKUQC',
    'https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC',
  ],
  // SoundCloud
  ['https://soundcloud.com/forss/flickermood', 'soundcloud', 'forss/flickermood', `${SC_PLAYER}forss%2Fflickermood`],
  [
    'https://soundcloud.com/forss/sets/soulhack',
    'soundcloud',
    'forss/sets/soulhack',
    `${SC_PLAYER}forss%2Fsets%2Fsoulhack`,
  ],
  [
    'https://m.soundcloud.com/forss/flickermood?utm_source=clipboard&utm_medium=text',
    'soundcloud',
    'forss/flickermood',
    `${SC_PLAYER}forss%2Fflickermood`,
  ],
  // Apple Music
  [
    'https://music.apple.com/us/album/the-moon-song/1440839093?i=1440839105',
    'apple-music',
    'us/album/the-moon-song/1440839093?i=1440839105',
    'https://embed.music.apple.com/us/album/the-moon-song/1440839093?i=1440839105',
  ],
  [
    'https://music.apple.com/gb/playlist/film-scores/pl.u-8aAVZAWuLlBPz',
    'apple-music',
    'gb/playlist/film-scores/pl.u-8aAVZAWuLlBPz',
    'https://embed.music.apple.com/gb/playlist/film-scores/pl.u-8aAVZAWuLlBPz',
  ],
  [
    'https://music.apple.com/us/song/the-moon-song/1440839105',
    'apple-music',
    'us/song/the-moon-song/1440839105',
    'https://embed.music.apple.com/us/song/the-moon-song/1440839105',
  ],
  [
    'https://music.apple.com/fr/album/her-original-score/1440839093',
    'apple-music',
    'fr/album/her-original-score/1440839093',
    'https://embed.music.apple.com/fr/album/her-original-score/1440839093',
  ],
  // Vimeo
  ['https://vimeo.com/76979871', 'vimeo', '76979871', 'https://player.vimeo.com/video/76979871'],
  [
    'https://vimeo.com/76979871/8272103f6e',
    'vimeo',
    '76979871/8272103f6e',
    'https://player.vimeo.com/video/76979871?h=8272103f6e',
  ],
  ['https://player.vimeo.com/video/76979871', 'vimeo', '76979871', 'https://player.vimeo.com/video/76979871'],
  ['https://vimeo.com/channels/staffpicks/76979871', 'vimeo', '76979871', 'https://player.vimeo.com/video/76979871'],
  ['https://vimeo.com/76979871#t=1m5s', 'vimeo', '76979871', 'https://player.vimeo.com/video/76979871#t=65s'],
  ['https://vimeo.com/76979871?autoplay=1', 'vimeo', '76979871', 'https://player.vimeo.com/video/76979871'],
];

const YT = 'watch?v=3VKoeVMJN8w';
const invalid: Invalid[] = [
  ['look-alike suffix host', `https://youtube.com.evil.example/${YT}`, /must be a YouTube, Spotify/],
  ['provider host in the path', `https://evil.example/youtube.com/${YT}`, /must be a YouTube, Spotify/],
  ['provider host as user name (@ trick)', `https://youtube.com@evil.example/${YT}`, /credentials/],
  ['encoded slash before @', 'https://www.youtube.com%2F@evil.example/', /credentials/],
  ['credentials on a real host', `https://user:pass@www.youtube.com/${YT}`, /credentials/],
  ['javascript: scheme', 'javascript:alert(document.cookie)//https://youtu.be/3VKoeVMJN8w', /must be an https link/],
  ['data: scheme', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', /must be an https link/],
  ['http:', `http://www.youtube.com/${YT}`, /must use https/],
  ['ftp:', 'ftp://youtube.com/3VKoeVMJN8w', /must be an https link/],
  ['no scheme', `//www.youtube.com/${YT}`, /must be an https link/],
  ['https without slashes', `https:youtube.com/${YT}`, /https:\/\/host/],
  ['IPv4 literal', `https://127.0.0.1/${YT}`, /IP address/],
  ['IPv6 literal', `https://[::1]/${YT}`, /IP address/],
  ['IPv4-mapped IPv6 literal', 'https://[::ffff:7f00:1]/', /IP address/],
  ['decimal IPv4', `https://2130706433/${YT}`, /IP address/],
  ['hex IPv4', 'https://0x7f000001/', /IP address/],
  ['mixed hex dotted IPv4', 'https://0x7f.0.0.1/', /IP address/],
  ['explicit port', `https://www.youtube.com:8443/${YT}`, /port/],
  ['explicit default port', `https://www.youtube.com:443/${YT}`, /port/],
  ['over-long link', `https://www.youtube.com/${YT}&pad=${'a'.repeat(2100)}`, /at most 2048/],
  ['Cyrillic look-alike letter', `https://www.y\u043Eutube.com/${YT}`, /look-alike/],
  ['full-width look-alike letters', `https://\uFF59\uFF4F\uFF55\uFF54\uFF55\uFF42\uFF45.com/${YT}`, /look-alike/],
  ['punycode host', `https://xn--yutube-wqf.com/${YT}`, /punycode/],
  ['percent-encoded host', `https://you%74ube.com/${YT}`, /percent-encode/],
  ['backslashes', `https:\\\\youtube.com\\${YT}`, /backslashes/],
  ['space inside', 'https://www.youtube.com/watch?v=3VKoe VMJN8w', /spaces/],
  ['tab inside the host', 'https://www.youtube.com\t.evil.example/', /spaces/],
  ['zero-width space', `https://www.youtube.com/${YT}\u200B`, /invisible/],
  ['line separator', `https://www.youtube.com/${YT}#\u2028`, /spaces/],
  ['right-to-left override', `https://www.youtube.com/\u202Ewatch?v=3VKoeVMJN8w`, /invisible/],
  ['trailing-dot host', `https://youtube.com./${YT}`, /must be a YouTube, Spotify/],
  ['YouTube id too short', 'https://www.youtube.com/watch?v=tooShort', /not a YouTube video/],
  ['two YouTube ids', 'https://www.youtube.com/watch?v=3VKoeVMJN8w&v=dQw4w9WgXcQ', /not a YouTube video/],
  ['YouTube channel page', 'https://www.youtube.com/@karenO', /not a YouTube video/],
  ['Spotify artist page', 'https://open.spotify.com/artist/0oSGxfWSnnOXhD2fKuz2Gy', /not a Spotify track/],
  [
    'Spotify id smuggling a path',
    'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC/../../../evil',
    /not a Spotify track/,
  ],
  ['SoundCloud profile', 'https://soundcloud.com/forss', /not a SoundCloud track/],
  ['SoundCloud short link', 'https://on.soundcloud.com/AbCdEf123', /short link/],
  ['Apple Music artist page', 'https://music.apple.com/us/artist/karen-o/12345', /not an Apple Music/],
  ['Apple Music bad track id', 'https://music.apple.com/us/album/x/1440839093?i=1%22onload', /track id/],
  ['Vimeo user page', 'https://vimeo.com/user/12345', /not a Vimeo video/],
  ['Vimeo hash with markup', 'https://vimeo.com/76979871/<script>', /privacy hash/],
  ['empty string', '', /must be a link/],
  ['not a string', 12345, /must be a link/],
];

describe('parseSongUrl: real-shaped links', () => {
  it('has a table of at least 40 links', () => {
    expect(valid.length + invalid.length).toBeGreaterThanOrEqual(40);
  });

  it.each(valid)('accepts %s', (input, provider, id, embedUrl) => {
    const result = parseSongUrl(input);
    expect(result).toMatchObject({ ok: true, value: { provider, id, embedUrl } });
    if (!result.ok) return;
    const embed = new URL(result.value.embedUrl);
    expect(embed.protocol).toBe('https:');
    expect(embed.hostname).toBe(EMBED_HOSTS[provider]);
    // Tracking parameters of the pasted link never reach the embed.
    expect(result.value.embedUrl).not.toMatch(/si=|utm_|feature=|autoplay/);
    // The stored form is the WHATWG serialisation, itself a valid input that parses the same.
    expect(parseSongUrl(result.value.url)).toMatchObject({ ok: true, value: { provider, id, embedUrl } });
  });

  it.each(invalid)('rejects %s', (_label, input, reason) => {
    const result = parseSongUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('reads start times from the link', () => {
    expect(parseSongUrl('https://youtu.be/3VKoeVMJN8w?t=1h2m3s')).toMatchObject({ ok: true, value: { startAt: 3723 } });
    expect(parseSongUrl('https://youtu.be/3VKoeVMJN8w?t=90s')).toMatchObject({ ok: true, value: { startAt: 90 } });
    // Nonsense or over a day is ignored, not an error.
    const junk = parseSongUrl('https://youtu.be/3VKoeVMJN8w?t=999999');
    expect(junk).toMatchObject({ ok: true, value: { embedUrl: `${NOCOOKIE}/3VKoeVMJN8w` } });
  });

  it('refuses a provider the site does not allow, by name', () => {
    const result = parseSongUrl('https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC', ['youtube', 'vimeo']);
    expect(result).toEqual({ ok: false, reason: 'links from Spotify are not allowed on this site' });
    expect(parseSongUrl('https://vimeo.com/76979871', ['youtube', 'vimeo']).ok).toBe(true);
  });

  it('recognises every IP spelling a WHATWG parser would accept', () => {
    for (const host of ['127.0.0.1', '2130706433', '0x7f000001', '0x7f.1', '017700000001', '[::1]', '1.2.3.4.']) {
      expect(isIpHost(host)).toBe(true);
    }
    for (const host of ['youtube.com', 'youtu.be', 'w.soundcloud.com', '1password.com']) {
      expect(isIpHost(host)).toBe(false);
    }
  });
});

describe('parseSongUrl: properties', () => {
  it('never throws, and anything it accepts embeds on the provider host over https', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          fc.webUrl().map((u) => u.replace(/^https?:\/\/[^/]+/, 'https://www.youtube.com'))
        ),
        (input) => {
          const result = parseSongUrl(input);
          if (result.ok) {
            const embed = new URL(result.value.embedUrl);
            expect(embed.protocol).toBe('https:');
            expect(embed.hostname).toBe(EMBED_HOSTS[result.value.provider]);
            expect(embed.username + embed.password + embed.port).toBe('');
          }
        }
      ),
      { numRuns: 2000 }
    );
  });

  it('rejects every valid link moved under another domain, or with another domain appended', () => {
    fc.assert(
      fc.property(fc.constantFrom(...valid.map((v) => v[0].trim())), fc.domain(), (input, domain) => {
        const host = new URL(input).hostname;
        const suffixed = input.replace(new RegExp(host, 'i'), `${host}.${domain}`);
        const prefixed = input.replace(new RegExp(host, 'i'), `${domain}`);
        const credential = input.replace(new RegExp(host, 'i'), `${host}@${domain}`);
        expect(parseSongUrl(suffixed).ok).toBe(false);
        expect(parseSongUrl(prefixed).ok).toBe(domain.toLowerCase() === host.toLowerCase());
        expect(parseSongUrl(credential).ok).toBe(false);
      }),
      { numRuns: 500 }
    );
  });

  it('limits providers to the allowed list', () => {
    fc.assert(
      fc.property(
        fc.subarray([...SONG_PROVIDERS], { minLength: 1 }),
        fc.constantFrom(...valid),
        (allowed, [input, provider]) => {
          expect(parseSongUrl(input, allowed).ok).toBe(allowed.includes(provider));
        }
      ),
      { numRuns: 300 }
    );
  });
});
