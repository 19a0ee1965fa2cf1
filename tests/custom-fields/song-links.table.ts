/**
 * Song links as people paste them, each with what the parser must make of it:
 * provider, id, start time (seconds, or null) and embed URL; then links it must
 * refuse, with the reason. Written for this project (ids are made up, with the
 * shape each provider uses). The expected embed URLs are spelled out by the small
 * builders below, independent of the parser's own builder.
 * Run by tests/custom-fields/song-links.test.ts.
 */
import type { SongProvider } from '../../server/src/custom-fields/song-providers';

export interface LinkRow {
  url: string;
  provider: SongProvider;
  id: string;
  startAt: number | null;
  embed: string;
}

export interface RefusedRow {
  url: string;
  reason: RegExp;
}

// Made-up ids in each provider's shape.
const V1 = 'Xq3bT7kLm2A';
const V2 = 'aB3_dE-6gH9';
const V3 = 'Zz9yY8xX7wW';
const LIST = 'PLx7Qm2RtY9uVb3NcK5eLw8Zp1AaSsDdFf';
const LIST2 = 'OLAK5uy_nQ3xW8pLr2Tk6Vb9Hs4Jd7Fm1Ce0Ga';
const CHANNEL = 'UCa1B2c3D4e5F6g7H8i9J0kL';
const SP = '6rqhFgbbKwnb9MLmUQDhG6';
const SP2 = '0Xk3nWq8Lr5Tz2Vb7Mc4Hd';

const NOCOOKIE = 'https://www.youtube-nocookie.com/embed';
const yt = (id: string, start?: number) => `${NOCOOKIE}/${id}${start ? `?start=${start}` : ''}`;
const ytList = (list: string) => `${NOCOOKIE}/videoseries?list=${list}`;
const ytLive = (channel: string) => `${NOCOOKIE}/live_stream?channel=${channel}`;
const sp = (kind: string, id: string) => `https://open.spotify.com/embed/${kind}/${id}`;
const sc = (path: string) =>
  `https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2F${path.split('/').join('%2F')}`;
const vm = (id: string, hash?: string, start?: number) =>
  `https://player.vimeo.com/video/${id}${hash ? `?h=${hash}` : ''}${start ? `#t=${start}s` : ''}`;
const am = (path: string, track?: string) => `https://embed.music.apple.com/${path}${track ? `?i=${track}` : ''}`;

const youtubeRow = (url: string, id: string, startAt: number | null = null): LinkRow => ({
  url,
  provider: 'youtube',
  id,
  startAt,
  embed: yt(id, startAt ?? undefined),
});

/** Every way a start time is written, with the seconds it means (null: not a usable start). */
const TIMES: Array<[string, number | null]> = [
  ['30', 30],
  ['30s', 30],
  ['90', 90],
  ['1m40', 100],
  ['1m40s', 100],
  ['2m', 120],
  ['10m0s', 600],
  ['1h', 3600],
  ['1h2m3s', 3723],
  ['1h2m3', 3723],
  ['0', null],
  ['86400', 86400],
  ['86401', null],
  ['abc', null],
];

export const LINKS: LinkRow[] = [
  // YouTube watch pages on every host, plain and with tracking parameters.
  ...['youtube.com', 'www.youtube.com', 'm.youtube.com', 'music.youtube.com'].flatMap((host) => [
    youtubeRow(`https://${host}/watch?v=${V1}`, V1),
    youtubeRow(`https://${host}/watch?v=${V2}&feature=share`, V2),
    youtubeRow(`https://${host}/watch?feature=youtu.be&v=${V3}`, V3),
    youtubeRow(`https://${host}/watch?v=${V1}&list=${LIST}&index=3`, V1),
  ]),
  // Start times in the query (t= and start=) and in the fragment (#t=).
  ...TIMES.map(([t, seconds]) => youtubeRow(`https://www.youtube.com/watch?v=${V1}&t=${t}`, V1, seconds)),
  ...TIMES.map(([t, seconds]) => youtubeRow(`https://youtu.be/${V2}?t=${t}`, V2, seconds)),
  ...TIMES.slice(0, 10).map(([t, seconds]) => youtubeRow(`https://www.youtube.com/watch?v=${V3}#t=${t}`, V3, seconds)),
  youtubeRow(`https://youtu.be/${V1}#t=30s`, V1, 30),
  youtubeRow(`https://youtu.be/${V1}?si=Qw3Er5Ty7Ui9&t=1m40`, V1, 100),
  youtubeRow(`https://www.youtube.com/embed/${V2}?start=45`, V2, 45),
  youtubeRow(`https://www.youtube.com/embed/${V2}?start=45&rel=0`, V2, 45),
  youtubeRow(`https://www.youtube-nocookie.com/embed/${V3}?start=12`, V3, 12),
  youtubeRow(`https://www.youtube.com/watch?v=${V1}&start=75`, V1, 75),
  // Short links, shorts, live, /v/ and embed paths.
  youtubeRow(`https://youtu.be/${V1}`, V1),
  youtubeRow(`https://youtu.be/${V2}?si=AbCdEfGh1234`, V2),
  youtubeRow(`https://www.youtube.com/shorts/${V3}`, V3),
  youtubeRow(`https://youtube.com/shorts/${V1}?feature=share`, V1),
  youtubeRow(`https://m.youtube.com/shorts/${V2}`, V2),
  youtubeRow(`https://www.youtube.com/live/${V3}`, V3),
  youtubeRow(`https://www.youtube.com/live/${V1}?si=x9Y8z7`, V1),
  youtubeRow(`https://www.youtube.com/v/${V2}`, V2),
  youtubeRow(`https://www.youtube.com/embed/${V3}`, V3),
  youtubeRow(`https://youtube.com/embed/${V1}?list=${LIST}`, V1),
  youtubeRow(`https://youtube-nocookie.com/embed/${V2}`, V2),
  youtubeRow(`https://www.youtube-nocookie.com/embed/${V3}?autoplay=1`, V3),
  youtubeRow(`HTTPS://WWW.YOUTUBE.COM/watch?v=${V1}`, V1),
  youtubeRow(`  https://youtu.be/${V2}  `, V2),
  youtubeRow(`https://www.youtube.com/watch/?v=${V3}`, V3),
  // Playlists: the playlist page and YouTube's own playlist embed code.
  ...[LIST, LIST2].flatMap((list): LinkRow[] => [
    {
      url: `https://www.youtube.com/playlist?list=${list}`,
      provider: 'youtube',
      id: `playlist/${list}`,
      startAt: null,
      embed: ytList(list),
    },
    {
      url: `https://music.youtube.com/playlist?list=${list}`,
      provider: 'youtube',
      id: `playlist/${list}`,
      startAt: null,
      embed: ytList(list),
    },
    {
      url: `https://www.youtube.com/embed/videoseries?list=${list}`,
      provider: 'youtube',
      id: `playlist/${list}`,
      startAt: null,
      embed: ytList(list),
    },
    {
      url: `https://www.youtube-nocookie.com/embed/videoseries?list=${list}`,
      provider: 'youtube',
      id: `playlist/${list}`,
      startAt: null,
      embed: ytList(list),
    },
    {
      url: `https://youtube.com/embed/videoseries?si=Ab12Cd34&list=${list}`,
      provider: 'youtube',
      id: `playlist/${list}`,
      startAt: null,
      embed: ytList(list),
    },
  ]),
  // A channel's live stream embed.
  {
    url: `https://www.youtube.com/embed/live_stream?channel=${CHANNEL}`,
    provider: 'youtube',
    id: `live/${CHANNEL}`,
    startAt: null,
    embed: ytLive(CHANNEL),
  },
  {
    url: `https://www.youtube-nocookie.com/embed/live_stream?channel=${CHANNEL}&autoplay=1`,
    provider: 'youtube',
    id: `live/${CHANNEL}`,
    startAt: null,
    embed: ytLive(CHANNEL),
  },
  {
    url: `https://youtube.com/embed/live_stream?channel=${CHANNEL}`,
    provider: 'youtube',
    id: `live/${CHANNEL}`,
    startAt: null,
    embed: ytLive(CHANNEL),
  },

  // Spotify: every kind, with and without intl-xx and embed, share parameters, and spotify: URIs.
  ...(['track', 'album', 'playlist', 'episode'] as const).flatMap((kind): LinkRow[] => [
    {
      url: `https://open.spotify.com/${kind}/${SP}`,
      provider: 'spotify',
      id: `${kind}/${SP}`,
      startAt: null,
      embed: sp(kind, SP),
    },
    {
      url: `https://open.spotify.com/${kind}/${SP2}?si=a1b2c3d4e5f64711`,
      provider: 'spotify',
      id: `${kind}/${SP2}`,
      startAt: null,
      embed: sp(kind, SP2),
    },
    {
      url: `https://open.spotify.com/intl-fr/${kind}/${SP}`,
      provider: 'spotify',
      id: `${kind}/${SP}`,
      startAt: null,
      embed: sp(kind, SP),
    },
    {
      url: `https://open.spotify.com/intl-pt-br/${kind}/${SP2}`,
      provider: 'spotify',
      id: `${kind}/${SP2}`,
      startAt: null,
      embed: sp(kind, SP2),
    },
    {
      url: `https://open.spotify.com/embed/${kind}/${SP}`,
      provider: 'spotify',
      id: `${kind}/${SP}`,
      startAt: null,
      embed: sp(kind, SP),
    },
    {
      url: `https://open.spotify.com/embed/intl-de/${kind}/${SP}?utm_source=generator`,
      provider: 'spotify',
      id: `${kind}/${SP}`,
      startAt: null,
      embed: sp(kind, SP),
    },
    {
      url: `https://open.spotify.com/intl-ja/embed/${kind}/${SP2}`,
      provider: 'spotify',
      id: `${kind}/${SP2}`,
      startAt: null,
      embed: sp(kind, SP2),
    },
    { url: `spotify:${kind}:${SP}`, provider: 'spotify', id: `${kind}/${SP}`, startAt: null, embed: sp(kind, SP) },
  ]),
  {
    url: `spotify:user:filmclub:playlist:${SP2}`,
    provider: 'spotify',
    id: `playlist/${SP2}`,
    startAt: null,
    embed: sp('playlist', SP2),
  },
  { url: ` spotify:track:${SP2} `, provider: 'spotify', id: `track/${SP2}`, startAt: null, embed: sp('track', SP2) },
  {
    url: `https://OPEN.SPOTIFY.COM/track/${SP}`,
    provider: 'spotify',
    id: `track/${SP}`,
    startAt: null,
    embed: sp('track', SP),
  },

  // SoundCloud: tracks, sets, private links with their secret token, host variants.
  ...['soundcloud.com', 'www.soundcloud.com', 'm.soundcloud.com'].flatMap((host): LinkRow[] => [
    {
      url: `https://${host}/night-owl-radio/city-of-stars`,
      provider: 'soundcloud',
      id: 'night-owl-radio/city-of-stars',
      startAt: null,
      embed: sc('night-owl-radio/city-of-stars'),
    },
    {
      url: `https://${host}/night-owl-radio/sets/late-scores`,
      provider: 'soundcloud',
      id: 'night-owl-radio/sets/late-scores',
      startAt: null,
      embed: sc('night-owl-radio/sets/late-scores'),
    },
    {
      url: `https://${host}/night-owl-radio/city-of-stars/s-Ab3Xy9Qz7`,
      provider: 'soundcloud',
      id: 'night-owl-radio/city-of-stars/s-Ab3Xy9Qz7',
      startAt: null,
      embed: sc('night-owl-radio/city-of-stars/s-Ab3Xy9Qz7'),
    },
  ]),
  {
    url: 'https://soundcloud.com/Night-Owl-Radio/City-Of-Stars',
    provider: 'soundcloud',
    id: 'night-owl-radio/city-of-stars',
    startAt: null,
    embed: sc('night-owl-radio/city-of-stars'),
  },
  {
    url: 'https://soundcloud.com/night-owl-radio/city-of-stars?in=someone/sets/mix&si=abc',
    provider: 'soundcloud',
    id: 'night-owl-radio/city-of-stars',
    startAt: null,
    embed: sc('night-owl-radio/city-of-stars'),
  },
  {
    url: 'https://soundcloud.com/night-owl-radio/city-of-stars/s-QWERTY12345?si=1',
    provider: 'soundcloud',
    id: 'night-owl-radio/city-of-stars/s-QWERTY12345',
    startAt: null,
    embed: sc('night-owl-radio/city-of-stars/s-QWERTY12345'),
  },
  {
    url: 'https://soundcloud.com/night-owl-radio/sets/late-scores/s-zzTop99',
    provider: 'soundcloud',
    id: 'night-owl-radio/sets/late-scores/s-zzTop99',
    startAt: null,
    embed: sc('night-owl-radio/sets/late-scores/s-zzTop99'),
  },
  {
    url: 'https://soundcloud.com/dj_frame-42/take_2',
    provider: 'soundcloud',
    id: 'dj_frame-42/take_2',
    startAt: null,
    embed: sc('dj_frame-42/take_2'),
  },

  // Vimeo: plain, unlisted (hash), player, channels, groups, showcase and album paths, start times.
  ...['vimeo.com', 'www.vimeo.com'].flatMap((host): LinkRow[] => [
    { url: `https://${host}/76979871`, provider: 'vimeo', id: '76979871', startAt: null, embed: vm('76979871') },
    {
      url: `https://${host}/76979871/abc123def4`,
      provider: 'vimeo',
      id: '76979871/abc123def4',
      startAt: null,
      embed: vm('76979871', 'abc123def4'),
    },
    {
      url: `https://${host}/showcase/9876543/video/76979871`,
      provider: 'vimeo',
      id: '76979871',
      startAt: null,
      embed: vm('76979871'),
    },
    {
      url: `https://${host}/album/4455667/video/123456789`,
      provider: 'vimeo',
      id: '123456789',
      startAt: null,
      embed: vm('123456789'),
    },
    {
      url: `https://${host}/channels/staffpicks/22439234`,
      provider: 'vimeo',
      id: '22439234',
      startAt: null,
      embed: vm('22439234'),
    },
    {
      url: `https://${host}/groups/shortfilms/videos/33445566`,
      provider: 'vimeo',
      id: '33445566',
      startAt: null,
      embed: vm('33445566'),
    },
  ]),
  {
    url: 'https://vimeo.com/76979871#t=30s',
    provider: 'vimeo',
    id: '76979871',
    startAt: 30,
    embed: vm('76979871', undefined, 30),
  },
  {
    url: 'https://vimeo.com/76979871#t=1m5s',
    provider: 'vimeo',
    id: '76979871',
    startAt: 65,
    embed: vm('76979871', undefined, 65),
  },
  {
    url: 'https://vimeo.com/showcase/9876543/video/76979871#t=90',
    provider: 'vimeo',
    id: '76979871',
    startAt: 90,
    embed: vm('76979871', undefined, 90),
  },
  {
    url: 'https://player.vimeo.com/video/76979871',
    provider: 'vimeo',
    id: '76979871',
    startAt: null,
    embed: vm('76979871'),
  },
  {
    url: 'https://player.vimeo.com/video/76979871?h=abc123def4&badge=0',
    provider: 'vimeo',
    id: '76979871/abc123def4',
    startAt: null,
    embed: vm('76979871', 'abc123def4'),
  },
  {
    url: 'https://player.vimeo.com/video/76979871#t=2m',
    provider: 'vimeo',
    id: '76979871',
    startAt: 120,
    embed: vm('76979871', undefined, 120),
  },

  // Apple Music: albums (with a track), songs, playlists, music videos, with and without a slug.
  {
    url: 'https://music.apple.com/us/album/night-scores/1440833098',
    provider: 'apple-music',
    id: 'us/album/night-scores/1440833098',
    startAt: null,
    embed: am('us/album/night-scores/1440833098'),
  },
  {
    url: 'https://music.apple.com/us/album/night-scores/1440833098?i=1440833377',
    provider: 'apple-music',
    id: 'us/album/night-scores/1440833098?i=1440833377',
    startAt: null,
    embed: am('us/album/night-scores/1440833098', '1440833377'),
  },
  {
    url: 'https://music.apple.com/fr/album/1440833098',
    provider: 'apple-music',
    id: 'fr/album/1440833098',
    startAt: null,
    embed: am('fr/album/1440833098'),
  },
  {
    url: 'https://music.apple.com/gb/song/city-lights/1440833377',
    provider: 'apple-music',
    id: 'gb/song/city-lights/1440833377',
    startAt: null,
    embed: am('gb/song/city-lights/1440833377'),
  },
  {
    url: 'https://music.apple.com/de/playlist/film-themes/pl.u-AbCd1234EfGh',
    provider: 'apple-music',
    id: 'de/playlist/film-themes/pl.u-AbCd1234EfGh',
    startAt: null,
    embed: am('de/playlist/film-themes/pl.u-AbCd1234EfGh'),
  },
  {
    url: 'https://music.apple.com/jp/music-video/opening-titles/1500000001',
    provider: 'apple-music',
    id: 'jp/music-video/opening-titles/1500000001',
    startAt: null,
    embed: am('jp/music-video/opening-titles/1500000001'),
  },
  {
    url: 'https://embed.music.apple.com/us/album/night-scores/1440833098',
    provider: 'apple-music',
    id: 'us/album/night-scores/1440833098',
    startAt: null,
    embed: am('us/album/night-scores/1440833098'),
  },
  {
    url: 'https://music.apple.com/us/album/night-scores/1440833098?ls=1&app=music',
    provider: 'apple-music',
    id: 'us/album/night-scores/1440833098',
    startAt: null,
    embed: am('us/album/night-scores/1440833098'),
  },
];

const NOT_YT = /YouTube/;
export const REFUSED: RefusedRow[] = [
  // The YouTube embed words are not video ids.
  { url: 'https://www.youtube.com/embed/videoseries', reason: /playlist embed without a valid list id/ },
  { url: 'https://www.youtube.com/embed/videoseries?list=', reason: /playlist embed without a valid list id/ },
  {
    url: 'https://www.youtube.com/embed/videoseries?list=PL%3Cscript%3E',
    reason: /playlist embed without a valid list id/,
  },
  {
    url: `https://www.youtube.com/embed/videoseries?list=${LIST}&list=${LIST2}`,
    reason: /playlist embed without a valid list id/,
  },
  { url: 'https://www.youtube.com/embed/live_stream', reason: /live-stream embed without a valid channel id/ },
  {
    url: 'https://www.youtube.com/embed/live_stream?channel=mychannel',
    reason: /live-stream embed without a valid channel id/,
  },
  {
    url: `https://www.youtube.com/embed/live_stream?channel=${CHANNEL}x`,
    reason: /live-stream embed without a valid channel id/,
  },
  { url: 'https://youtu.be/videoseries', reason: NOT_YT },
  { url: 'https://www.youtube.com/watch?v=live_stream', reason: NOT_YT },
  { url: 'https://www.youtube.com/shorts/videoseries', reason: NOT_YT },
  { url: 'https://www.youtube.com/watch?v=short', reason: NOT_YT },
  { url: `https://www.youtube.com/watch?v=${V1}&v=${V2}`, reason: NOT_YT },
  { url: 'https://www.youtube.com/channel/UCa1B2c3D4e5F6g7H8i9J0kL', reason: NOT_YT },
  // Spotify forms that are not a track, album, playlist or episode.
  { url: `spotify:artist:${SP}`, reason: /Spotify/ },
  { url: 'spotify:track:tooShort', reason: /Spotify/ },
  { url: `spotify:playlist:${SP}:extra:parts`, reason: /Spotify/ },
  { url: `spotify:user:someone:track:${SP}`, reason: /Spotify/ },
  { url: 'spotify:', reason: /Spotify/ },
  { url: `https://open.spotify.com/embed/intl-fr/artist/${SP}`, reason: /Spotify/ },
  { url: `https://open.spotify.com/embed/embed/track/${SP}`, reason: /Spotify/ },
  { url: `https://open.spotify.com/intl-fr/intl-de/track/${SP}`, reason: /Spotify/ },
  // SoundCloud short links and non-track pages.
  { url: 'https://on.soundcloud.com/AbCdE', reason: /short link/ },
  { url: 'https://soundcloud.com/night-owl-radio/tracks', reason: /SoundCloud/ },
  { url: 'https://soundcloud.com/discover/sets/charts', reason: /SoundCloud/ },
  { url: 'https://soundcloud.com/night-owl-radio/city-of-stars/s-!!bad', reason: /SoundCloud/ },
  // Vimeo paths of the wrong shape.
  { url: 'https://vimeo.com/showcase/abc/video/76979871', reason: /Vimeo/ },
  { url: 'https://vimeo.com/album/4455667/videos/76979871', reason: /Vimeo/ },
  { url: 'https://vimeo.com/showcase/9876543', reason: /Vimeo/ },
  // What the security rules refuse, whatever the path.
  { url: `http://www.youtube.com/watch?v=${V1}`, reason: /https/ },
  { url: `https://user:pw@www.youtube.com/watch?v=${V1}`, reason: /credentials/ },
  { url: `https://www.youtube.com:443/watch?v=${V1}`, reason: /port/ },
  { url: `https://127.0.0.1/watch?v=${V1}`, reason: /IP/ },
  { url: `https://www.youtube.com.evil.example/watch?v=${V1}`, reason: /YouTube, Spotify/ },
  { url: `https://xn--youtube-9ta.com/watch?v=${V1}`, reason: /punycode/ },
  { url: `javascript:alert(1)//https://youtu.be/${V1}`, reason: /https link/ },
  { url: `https://youtu.be/${V1}\u200B`, reason: /invisible/ },
];
