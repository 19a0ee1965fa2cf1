/**
 * The three custom fields through the real Strapi, the way the admin writes
 * them: the Content Manager's admin API with an admin token. Every bad value
 * is refused with a 400 naming the field, on create, update, publish and
 * duplicate, and nothing is stored or changed.
 */
import { adminToken, startStrapi, type TestApp } from '../helpers/strapi';
import { expectFieldError } from './helpers/field-error';
import { uploadFile, type UploadedFile } from './helpers/media';

const REVIEW = 'plugin::movie-reviews.movie-review';
const CM = `/content-manager/collection-types/${REVIEW}`;

let app: TestApp;
let token: string;
let image: UploadedFile;
let image2: UploadedFile;
let textFile: UploadedFile;
let target: string;

const auth = () => ({ Authorization: `Bearer ${token}` });

const baseReview = (overrides: Record<string, unknown> = {}) => ({
  title: 'Fields test',
  movieTitle: 'Some Film',
  movieYear: 2001,
  authorName: 'Tester',
  ...overrides,
});

type Row = Record<string, unknown>;
/** Every row (draft and published) of a document, with the fields a bad write must not touch. */
const rowsOf = async (documentId: string) =>
  ((await app.strapi.db.query(REVIEW).findMany({ where: { documentId }, orderBy: { id: 'asc' } })) as Row[]).map(
    (r) => ({
      id: r.id,
      synopsis: r.synopsis,
      stills: r.stills,
      song: r.song,
      updatedAt: String(r.updatedAt),
    })
  );

beforeAll(async () => {
  app = await startStrapi({ seed: true });
  token = await adminToken(app);
  image = await uploadFile(app.strapi, 'still-a.png');
  image2 = await uploadFile(app.strapi, 'still-b.png');
  textFile = await uploadFile(app.strapi, 'notes.txt', 'text');
  const res = await app
    .http()
    .post(CM)
    .set(auth())
    .send(
      baseReview({
        title: 'Target of bad updates',
        synopsis: { text: 'A stored synopsis.', source: 'IMDb', sourceUrl: 'https://www.imdb.com/title/tt1798709/' },
        stills: [{ file: image.id, caption: 'A caption', alt: 'An alt text' }],
        song: { url: 'https://youtu.be/3VKoeVMJN8w', title: 'The Moon Song', artist: 'Karen O' },
      })
    );
  expect(res.status).toBe(201);
  target = res.body.data.documentId;
});

afterAll(async () => {
  await app?.close();
});

type Case = [label: string, field: 'synopsis' | 'stills' | 'song', value: () => unknown, path: string];

const cases: Case[] = [
  // synopsis
  ['synopsis as a string', 'synopsis', () => 'just text', 'synopsis'],
  ['synopsis without text', 'synopsis', () => ({ source: 'IMDb' }), 'synopsis.text'],
  ['synopsis with blank text', 'synopsis', () => ({ text: '   ' }), 'synopsis.text'],
  ['synopsis over 5000 characters', 'synopsis', () => ({ text: 'x'.repeat(5001) }), 'synopsis.text'],
  ['synopsis with a control character', 'synopsis', () => ({ text: 'bad\u0000text' }), 'synopsis.text'],
  ['synopsis with an unknown key', 'synopsis', () => ({ text: 'ok', html: '<b>x</b>' }), 'synopsis'],
  [
    'synopsis source over 100 characters',
    'synopsis',
    () => ({ text: 'ok', source: 's'.repeat(101) }),
    'synopsis.source',
  ],
  [
    'synopsis source URL on http',
    'synopsis',
    () => ({ text: 'ok', sourceUrl: 'http://www.imdb.com/title/tt1798709/' }),
    'synopsis.sourceUrl',
  ],
  [
    'synopsis source URL javascript:',
    'synopsis',
    () => ({ text: 'ok', sourceUrl: 'javascript:alert(1)' }),
    'synopsis.sourceUrl',
  ],
  [
    'synopsis source URL with credentials',
    'synopsis',
    () => ({ text: 'ok', sourceUrl: 'https://imdb.com@evil.example/' }),
    'synopsis.sourceUrl',
  ],
  [
    'synopsis source URL on an IP',
    'synopsis',
    () => ({ text: 'ok', sourceUrl: 'https://169.254.169.254/latest/' }),
    'synopsis.sourceUrl',
  ],
  // stills
  ['stills as an object', 'stills', () => ({ file: image.id, alt: 'x' }), 'stills'],
  ['still of a missing file', 'stills', () => [{ file: 999999, alt: 'x' }], 'stills.0.file'],
  ['still of a file that is not an image', 'stills', () => [{ file: textFile.id, alt: 'x' }], 'stills.0.file'],
  ['still with a file id as text', 'stills', () => [{ file: String(image.id), alt: 'x' }], 'stills.0.file'],
  ['still without alt', 'stills', () => [{ file: image.id, caption: 'c' }], 'stills.0.alt'],
  ['still with blank alt', 'stills', () => [{ file: image.id, alt: ' ' }], 'stills.0.alt'],
  ['still alt over 300 characters', 'stills', () => [{ file: image.id, alt: 'a'.repeat(301) }], 'stills.0.alt'],
  [
    'still caption over 500 characters',
    'stills',
    () => [{ file: image.id, alt: 'a', caption: 'c'.repeat(501) }],
    'stills.0.caption',
  ],
  [
    'still with an unknown key',
    'stills',
    () => [{ file: image.id, alt: 'a', url: 'https://evil.example/x.png' }],
    'stills.0',
  ],
  [
    'second still bad, first fine',
    'stills',
    () => [
      { file: image.id, alt: 'a' },
      { file: 999998, alt: 'b' },
    ],
    'stills.1.file',
  ],
  ['51 stills', 'stills', () => Array.from({ length: 51 }, () => ({ file: image.id, alt: 'a' })), 'stills'],
  // song
  ['song as a bare string', 'song', () => 'https://youtu.be/3VKoeVMJN8w', 'song'],
  ['song without url', 'song', () => ({ title: 'x' }), 'song.url'],
  [
    'song on a look-alike host',
    'song',
    () => ({ url: 'https://youtube.com.evil.example/watch?v=3VKoeVMJN8w' }),
    'song.url',
  ],
  [
    'song with the host in the path',
    'song',
    () => ({ url: 'https://evil.example/youtube.com/watch?v=3VKoeVMJN8w' }),
    'song.url',
  ],
  ['song with an @ trick', 'song', () => ({ url: 'https://youtube.com@evil.example/watch?v=3VKoeVMJN8w' }), 'song.url'],
  ['song javascript:', 'song', () => ({ url: 'javascript:alert(1)//youtu.be/3VKoeVMJN8w' }), 'song.url'],
  ['song data:', 'song', () => ({ url: 'data:text/html,<script>alert(1)</script>' }), 'song.url'],
  ['song http:', 'song', () => ({ url: 'http://youtu.be/3VKoeVMJN8w' }), 'song.url'],
  ['song on an IPv4 literal', 'song', () => ({ url: 'https://127.0.0.1/watch?v=3VKoeVMJN8w' }), 'song.url'],
  ['song on an IPv6 literal', 'song', () => ({ url: 'https://[::1]/watch?v=3VKoeVMJN8w' }), 'song.url'],
  ['song on a decimal IP', 'song', () => ({ url: 'https://2130706433/watch?v=3VKoeVMJN8w' }), 'song.url'],
  ['song with credentials', 'song', () => ({ url: 'https://a:b@www.youtube.com/watch?v=3VKoeVMJN8w' }), 'song.url'],
  ['song with a port', 'song', () => ({ url: 'https://www.youtube.com:8443/watch?v=3VKoeVMJN8w' }), 'song.url'],
  [
    'song over 2048 characters',
    'song',
    () => ({ url: `https://www.youtube.com/watch?v=3VKoeVMJN8w&x=${'a'.repeat(2100)}` }),
    'song.url',
  ],
  [
    'song on a punycode look-alike',
    'song',
    () => ({ url: 'https://xn--yutube-wqf.com/watch?v=3VKoeVMJN8w' }),
    'song.url',
  ],
  ['song with a backslash', 'song', () => ({ url: 'https://www.youtube.com\\@evil.example/' }), 'song.url'],
  ['song with raw HTML', 'song', () => ({ url: '<iframe src="https://evil.example"></iframe>' }), 'song.url'],
  [
    'song provider not matching the link',
    'song',
    () => ({ url: 'https://youtu.be/3VKoeVMJN8w', provider: 'spotify' }),
    'song.provider',
  ],
  [
    'song provider unknown',
    'song',
    () => ({ url: 'https://youtu.be/3VKoeVMJN8w', provider: 'myspace' }),
    'song.provider',
  ],
  ['song start before zero', 'song', () => ({ url: 'https://youtu.be/3VKoeVMJN8w', startAt: -1 }), 'song.startAt'],
  [
    'song title over 200 characters',
    'song',
    () => ({ url: 'https://youtu.be/3VKoeVMJN8w', title: 't'.repeat(201) }),
    'song.title',
  ],
  ['song with an unknown key', 'song', () => ({ url: 'https://youtu.be/3VKoeVMJN8w', html: '<iframe>' }), 'song'],
];

describe('bad custom-field values through the Content Manager', () => {
  it(`covers every field with ${cases.length} bad values`, () => {
    expect(new Set(cases.map((c) => c[1]))).toEqual(new Set(['synopsis', 'stills', 'song']));
  });

  it.each(cases)('create with %s: 400 naming the field, nothing stored', async (_label, field, value, path) => {
    const before = await app.strapi.db.query(REVIEW).count();
    const res = await app
      .http()
      .post(CM)
      .set(auth())
      .send(baseReview({ [field]: value() }));
    expectFieldError(res, path, { messageStartsWithPath: true });
    expect(await app.strapi.db.query(REVIEW).count()).toBe(before);
  });

  it.each(cases)('update with %s: 400 naming the field, nothing changed', async (_label, field, value, path) => {
    const before = await rowsOf(target);
    const res = await app
      .http()
      .put(`${CM}/${target}`)
      .set(auth())
      .send({ [field]: value() });
    expectFieldError(res, path, { messageStartsWithPath: true });
    expect(await rowsOf(target)).toEqual(before);
  });

  it('refuses bad values when publishing with changes, and when duplicating', async () => {
    const before = await rowsOf(target);
    const count = await app.strapi.db.query(REVIEW).count();
    const publish = await app
      .http()
      .post(`${CM}/${target}/actions/publish`)
      .set(auth())
      .send({ song: { url: 'https://youtube.com.evil.example/watch?v=3VKoeVMJN8w' } });
    expectFieldError(publish, 'song.url', { messageStartsWithPath: true });
    const createAndPublish = await app
      .http()
      .post(`${CM}/actions/publish`)
      .set(auth())
      .send(baseReview({ stills: [{ file: 999999, alt: 'x' }] }));
    expectFieldError(createAndPublish, 'stills.0.file', { messageStartsWithPath: true });
    const duplicate = await app
      .http()
      .post(`${CM}/clone/${target}`)
      .set(auth())
      .send({ title: 'Copy', slug: 'copy-of-target', synopsis: { text: 'ok', sourceUrl: 'data:text/html,x' } });
    expectFieldError(duplicate, 'synopsis.sourceUrl', { messageStartsWithPath: true });
    expect(await rowsOf(target)).toEqual(before);
    expect(await app.strapi.db.query(REVIEW).count()).toBe(count);
  });

  it('refuses a provider the site settings no longer allow, and accepts it again when allowed', async () => {
    const settings = app.strapi.plugin('movie-reviews').service('settings');
    const spotify = { url: 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC' };
    await settings.set({ embedProviders: ['youtube', 'vimeo'] });
    try {
      const before = await rowsOf(target);
      const res = await app.http().put(`${CM}/${target}`).set(auth()).send({ song: spotify });
      expectFieldError(res, 'song.url', { messageStartsWithPath: true });
      expect(res.body.error.message).toBe('song.url links from Spotify are not allowed on this site');
      expect(await rowsOf(target)).toEqual(before);
    } finally {
      await settings.set({ embedProviders: ['youtube', 'spotify', 'soundcloud', 'apple-music', 'vimeo'] });
    }
    const ok = await app.http().put(`${CM}/${target}`).set(auth()).send({ song: spotify });
    expect(ok.status).toBe(200);
    expect(ok.body.data.song).toMatchObject({ provider: 'spotify' });
  });
});

describe('good custom-field values through the Content Manager', () => {
  it('stores the normalised shapes of the contract', async () => {
    const res = await app
      .http()
      .post(CM)
      .set(auth())
      .send(
        baseReview({
          title: 'Good values',
          synopsis: { text: 'A synopsis.', source: '  ', sourceUrl: '' },
          stills: [
            { file: image2.id, caption: '', alt: 'Second' },
            { file: { id: image.id, url: '/uploads/x.png' }, caption: 'First', alt: 'First' },
          ],
          song: {
            url: 'HTTPS://Open.Spotify.com/intl-de/track/4uLU6hMCjMI75M1A2tKUQC?si=abc',
            title: 'A song',
            embedUrl: 'https://evil.example/ignored',
          },
        })
      );
    expect(res.status).toBe(201);
    const row = (await app.strapi.db.query(REVIEW).findOne({ where: { documentId: res.body.data.documentId } })) as Row;
    expect(row.synopsis).toEqual({ text: 'A synopsis.', source: null, sourceUrl: null });
    expect(row.stills).toEqual([
      { file: image2.id, caption: null, alt: 'Second' },
      { file: image.id, caption: 'First', alt: 'First' },
    ]);
    expect(row.song).toEqual({
      url: 'https://open.spotify.com/intl-de/track/4uLU6hMCjMI75M1A2tKUQC?si=abc',
      provider: 'spotify',
      title: 'A song',
      artist: null,
      startAt: null,
    });
  });

  it('updates one field without touching the others, and clears a field with null', async () => {
    const reordered = [
      { file: image2.id, caption: 'Now first', alt: 'B' },
      { file: image.id, caption: 'A caption', alt: 'An alt text' },
    ];
    const res = await app.http().put(`${CM}/${target}`).set(auth()).send({ stills: reordered, song: null });
    expect(res.status).toBe(200);
    const [row] = (await app.strapi.db
      .query(REVIEW)
      .findMany({ where: { documentId: target, publishedAt: null } })) as Row[];
    expect(row.stills).toEqual(reordered);
    expect(row.song).toBeNull();
    expect(row.synopsis).toMatchObject({ text: 'A stored synopsis.' });
  });
});
