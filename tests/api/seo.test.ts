/**
 * Site settings (siteUrl, reviewUrlPattern, siteName, siteLogoUrl, mediaBaseUrl),
 * absolute media URLs, the review's JSON-LD against Google's Review-snippet and
 * Movie rules, and `seo` / `share` on the detail (REST and GraphQL).
 */
import { adminToken, startStrapi, type TestApp } from '../helpers/strapi';
import { API, createReview, gql, REVIEW, settingsService } from '../helpers/fixtures';
import { truncateAtWord } from '../../server/src/services/seo';
import { absoluteMediaUrl, EMPTY_SITE, reviewPageUrl, serverUrlBase } from '../../server/src/services/site-urls';

let app: TestApp;
let token: string;

const auth = () => ({ Authorization: `Bearer ${token}` });
const CM_REVIEWS = `/content-manager/collection-types/${REVIEW}`;
const SITE_KEYS = ['siteUrl', 'reviewUrlPattern', 'siteName', 'siteLogoUrl', 'mediaBaseUrl'] as const;

const putSettings = (body: Record<string, unknown>) => app.http().put('/movie-reviews/settings').set(auth()).send(body);
const detail = async (slug: string) => {
  const res = await app.http().get(`${API}/reviews/${encodeURIComponent(slug)}`);
  expect(res.status).toBe(200);
  return res.body.data;
};
const resetSite = () =>
  settingsService(app).set(Object.fromEntries(SITE_KEYS.map((k) => [k, null])) as Record<string, unknown>);

interface ErrorBody {
  error?: { name?: string; details?: { errors?: Array<{ path: string[] }> } };
}
const expectFieldError = (res: { status: number; body: ErrorBody }, field: string) => {
  expect(res.status).toBe(400);
  expect(res.body.error?.name).toBe('ValidationError');
  const paths = (res.body.error?.details?.errors ?? []).map((e) => e.path.join('.'));
  expect(paths).toContain(field);
};

beforeAll(async () => {
  app = await startStrapi({ seed: true });
  token = await adminToken(app);
});
afterAll(async () => {
  await app?.close();
});

describe('site settings', () => {
  afterEach(resetSite);

  it('are all unset (null) by default and saved when valid', async () => {
    const before = await app.http().get('/movie-reviews/settings').set(auth());
    expect(before.status).toBe(200);
    for (const key of SITE_KEYS) expect(before.body.data[key]).toBeNull();
    const res = await putSettings({
      siteUrl: 'https://films.example.org',
      reviewUrlPattern: 'https://films.example.org/critiques/{slug}/',
      siteName: 'Films & Friends',
      siteLogoUrl: 'https://cdn.example.org/logo.png',
      mediaBaseUrl: 'https://media.example.org/strapi',
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      siteUrl: 'https://films.example.org',
      reviewUrlPattern: 'https://films.example.org/critiques/{slug}/',
      siteName: 'Films & Friends',
    });
    expect((await settingsService(app).get()).mediaBaseUrl).toBe('https://media.example.org/strapi');
  });

  it('treats an emptied input as unset', async () => {
    await putSettings({ siteName: 'Something' });
    const res = await putSettings({ siteName: '  ', siteUrl: '' });
    expect(res.status).toBe(200);
    expect(res.body.data.siteName).toBeNull();
    expect(res.body.data.siteUrl).toBeNull();
  });

  it.each([
    ['siteUrl', 'http://films.example.org'],
    ['siteUrl', 'https://user:pw@films.example.org'],
    ['siteUrl', 'https://127.0.0.1'],
    ['siteUrl', 'https://[::1]/'],
    ['siteUrl', 'https://films.example.org:8443'],
    ['siteUrl', 'https://localhost'],
    ['siteUrl', 'https://films.example.org/?a=1'],
    ['siteUrl', 'javascript:alert(1)'],
    ['siteUrl', 42],
    ['siteUrl', `https://films.example.org/${'a'.repeat(600)}`],
    ['reviewUrlPattern', 'https://films.example.org/reviews/'],
    ['reviewUrlPattern', 'http://films.example.org/reviews/{slug}'],
    ['reviewUrlPattern', 'https://{slug}.example.org/'],
    ['reviewUrlPattern', 'https://films.example.org/{slug}/{slug}'],
    ['reviewUrlPattern', 'https://films.example.org/{id}/{slug}'],
    ['reviewUrlPattern', 'https://a:b@films.example.org/{slug}'],
    ['reviewUrlPattern', 'https://10.0.0.1/{slug}'],
    ['reviewUrlPattern', 'https://films.example.org/reviews#{slug}'],
    ['reviewUrlPattern', 'https://films.example.org/{slug}"><script>'],
    ['siteUrl', "https://films.example.org/it's"],
    ['siteUrl', 'https://films.example.org/café'],
    ['siteLogoUrl', 'http://cdn.example.org/logo.png'],
    ['siteLogoUrl', 'https://cdn.example.org/logo png'],
    ['mediaBaseUrl', 'ftp://media.example.org'],
    ['mediaBaseUrl', 'https://192.168.1.2'],
    ['siteName', 'Bad\u0007name'],
    ['siteName', 'x'.repeat(101)],
  ])('refuses %s = %j with a 400 naming it, and keeps the saved value', async (field, value) => {
    const res = await putSettings({ [field]: value });
    expectFieldError(res, field);
    expect((await settingsService(app).get())[field]).toBeNull();
  });
});

describe('absolute media URLs', () => {
  afterEach(resetSite);

  it('joins relative URLs to the base, keeping its path, and leaves absolute ones alone', () => {
    expect(absoluteMediaUrl('/uploads/a.jpg', 'https://cms.example.org/strapi')).toBe(
      'https://cms.example.org/strapi/uploads/a.jpg'
    );
    expect(absoluteMediaUrl('uploads/a.jpg', 'https://cms.example.org')).toBe('https://cms.example.org/uploads/a.jpg');
    expect(absoluteMediaUrl('https://bucket.example.net/a.jpg?X-Sig=1', 'https://cms.example.org')).toBe(
      'https://bucket.example.net/a.jpg?X-Sig=1'
    );
    expect(absoluteMediaUrl('//cdn.example.net/a.jpg', 'https://cms.example.org')).toBe('//cdn.example.net/a.jpg');
    expect(absoluteMediaUrl('/uploads/a.jpg', null)).toBe('/uploads/a.jpg');
    expect(serverUrlBase('https://api.example.net/')).toBe('https://api.example.net');
    expect(serverUrlBase('https://api.example.net/cms/?x=1')).toBe('https://api.example.net/cms');
    expect(serverUrlBase('')).toBeNull();
    expect(serverUrlBase('/relative')).toBeNull();
    expect(reviewPageUrl('a-b', { ...EMPTY_SITE, siteUrl: 'https://films.example.org/' })).toBe(
      'https://films.example.org/reviews/a-b'
    );
    expect(reviewPageUrl('a-b', EMPTY_SITE)).toBeNull();
  });

  it('leaves relative upload URLs alone while neither server.url nor mediaBaseUrl is set', async () => {
    const her = await detail('her-2013');
    expect(her.stills.length).toBeGreaterThan(0);
    expect(her.stills[0].image.url).toMatch(/^\/uploads\//);
  });

  it('makes stills, their formats and the JSON-LD images absolute with mediaBaseUrl (list, detail, GraphQL)', async () => {
    await putSettings({ mediaBaseUrl: 'https://media.example.org/cms/' });
    const her = await detail('her-2013');
    for (const still of her.stills) {
      expect(still.image.url).toMatch(/^https:\/\/media\.example\.org\/cms\/uploads\//);
      for (const f of Object.values(still.image.formats ?? {}) as Array<{ url: string }>) {
        expect(f.url).toMatch(/^https:\/\/media\.example\.org\/cms\/uploads\//);
      }
    }
    expect(her.structuredData.itemReviewed.image).toEqual(
      her.stills.map((s: { image: { url: string } }) => s.image.url)
    );
    expect(her.seo.image.url).toBe(her.stills[0].image.url);

    const list = await app.http().get(`${API}/reviews`);
    const inList = list.body.data.find((r: { slug: string }) => r.slug === 'her-2013');
    expect(inList.stills[0].image.url).toBe(her.stills[0].image.url);

    const res = await gql(app, '{ movieReview(slug: "her-2013") { stills { image { url } } seo { image { url } } } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.movieReview.stills[0].image.url).toBe(her.stills[0].image.url);
    expect(res.body.data.movieReview.seo.image.url).toBe(her.stills[0].image.url);
  });

  it("prefers Strapi's server.url over mediaBaseUrl", async () => {
    const previous = app.strapi.config.get('server.url');
    app.strapi.config.set('server.url', 'https://api.example.net/');
    try {
      await putSettings({ mediaBaseUrl: 'https://media.example.org' });
      const her = await detail('her-2013');
      expect(her.stills[0].image.url).toMatch(/^https:\/\/api\.example\.net\/uploads\//);
    } finally {
      app.strapi.config.set('server.url', previous);
    }
  });

  it('makes the author avatar absolute', async () => {
    const file = (await app.strapi.db
      .query('plugin::upload.file')
      .findOne({ where: { mime: { $startsWith: 'image/' } } })) as { id: number; url: string };
    expect(file.url.startsWith('/')).toBe(true);
    const review = await createReview(app, { title: 'Avatar absolute', authorAvatar: file.id });
    await putSettings({ mediaBaseUrl: 'https://media.example.org' });
    const data = await detail(review.slug);
    expect(data.author.avatar.url).toBe(`https://media.example.org${file.url}`);
  });
});

describe('JSON-LD for Google (Review snippet, Movie)', () => {
  afterEach(resetSite);

  /*
   * Written here from Google Search Central's structured-data pages:
   * Review snippet: required author (name), itemReviewed (with name), reviewRating with
   * ratingValue (a review without a rating may leave it out when it has both an author
   * and a review date); recommended datePublished, reviewRating.bestRating and worstRating.
   * Critic reviews: publisher recommended.
   * Movie: required name and image; recommended dateCreated, director.
   * Asked for by issue 12: publisher (Organization with name and logo), url,
   * mainEntityOfPage and dateModified.
   */
  const REQUIRED = [
    'author.@type',
    'author.name',
    'itemReviewed.@type',
    'itemReviewed.name',
    'reviewRating.ratingValue',
  ];
  const RECOMMENDED = [
    'datePublished',
    'dateModified',
    'reviewRating.bestRating',
    'reviewRating.worstRating',
    'itemReviewed.image',
    'itemReviewed.dateCreated',
    'itemReviewed.director.name',
    'publisher.@type',
    'publisher.name',
    'publisher.logo.url',
    'url',
    'mainEntityOfPage.@id',
  ];
  const at = (value: unknown, path: string): unknown =>
    path
      .split('.')
      .reduce<unknown>(
        (v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
        value
      );

  it('has every required and recommended property, with absolute URLs', async () => {
    await putSettings({
      siteUrl: 'https://films.example.org',
      siteName: 'Films Example',
      siteLogoUrl: 'https://films.example.org/logo.png',
      mediaBaseUrl: 'https://media.example.org',
    });
    const ld = (await detail('her-2013')).structuredData;
    for (const path of [...REQUIRED, ...RECOMMENDED]) {
      const value = at(ld, path);
      expect([path, value === undefined || value === null || value === '']).toEqual([path, false]);
    }
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@type']).toBe('Review');
    expect(ld.itemReviewed['@type']).toBe('Movie');
    expect(ld.publisher).toEqual({
      '@type': 'Organization',
      name: 'Films Example',
      logo: { '@type': 'ImageObject', url: 'https://films.example.org/logo.png' },
    });
    // The fallback when no pattern is set: siteUrl + /reviews/{slug}.
    expect(ld.url).toBe('https://films.example.org/reviews/her-2013');
    expect(ld.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': ld.url });
    for (const url of ld.itemReviewed.image) expect(() => new URL(url)).not.toThrow();
    expect(ld.itemReviewed.image.every((u: string) => u.startsWith('https://media.example.org/'))).toBe(true);
    expect(Number.isNaN(Date.parse(ld.datePublished))).toBe(false);
    expect(Date.parse(ld.dateModified)).toBeGreaterThanOrEqual(Date.parse(ld.datePublished));
    expect(ld.reviewRating.ratingValue).toBeGreaterThanOrEqual(ld.reviewRating.worstRating);
    expect(ld.reviewRating.ratingValue).toBeLessThanOrEqual(ld.reviewRating.bestRating);
    expect(ld.author.name.length).toBeLessThan(100);
  });

  it('gives an unrated review an author and a review date instead of a rating', async () => {
    const review = await createReview(app, { title: 'Unrated for Google', rating: null });
    const ld = (await detail(review.slug)).structuredData;
    expect(ld.reviewRating).toBeUndefined();
    expect(ld.author).toEqual({ '@type': 'Person', name: 'Test Author' });
    expect(Number.isNaN(Date.parse(ld.datePublished))).toBe(false);
    expect(ld.itemReviewed).toMatchObject({ '@type': 'Movie', name: 'Unrated for Google' });
  });

  it('uses the review URL pattern for url, and leaves out what is unset', async () => {
    await putSettings({ reviewUrlPattern: 'https://films.example.org/r/{slug}?from=ld' });
    const ld = (await detail('her-2013')).structuredData;
    expect(ld.url).toBe('https://films.example.org/r/her-2013?from=ld');
    expect(ld.publisher).toBeUndefined();
    await resetSite();
    const bare = (await detail('her-2013')).structuredData;
    expect(bare.url).toBeUndefined();
    expect(bare.mainEntityOfPage).toBeUndefined();
  });
});

describe('seo and share', () => {
  afterEach(resetSite);

  it('cuts the description at a word, without markup, and with an ellipsis', () => {
    const long = 'word '.repeat(50);
    const cut = truncateAtWord(long);
    expect(Array.from(cut).length).toBeLessThanOrEqual(160);
    expect(cut.endsWith('word…')).toBe(true);
    expect(truncateAtWord('<b>Short</b> and   plain')).toBe('Short and plain');
    const words = `${'Anticonstitutionnellement '.repeat(7)}fin`;
    const out = truncateAtWord(words);
    expect(out.endsWith('…')).toBe(true);
    expect(words.startsWith(out.slice(0, -1))).toBe(true);
    expect(words[out.length - 1]).toBe(' ');
    expect(truncateAtWord('exact')).toBe('exact');
    // Non-BMP characters count as one and are never split.
    const emoji = `${'🎬 '.repeat(90)}`;
    const e = truncateAtWord(emoji);
    expect(Array.from(e).length).toBeLessThanOrEqual(160);
    expect(e.isWellFormed()).toBe(true);
  });

  it('builds seo from the synopsis and the first still', async () => {
    await putSettings({ siteUrl: 'https://films.example.org/', siteName: 'Films Example' });
    const her = await detail('her-2013');
    expect(her.seo.title).toBe(her.title);
    expect(Array.from(her.seo.description as string).length).toBeLessThanOrEqual(160);
    expect(her.seo.description.endsWith('…')).toBe(true);
    expect(her.synopsis.text.startsWith(her.seo.description.slice(0, -1))).toBe(true);
    expect(her.seo.canonicalUrl).toBe('https://films.example.org/reviews/her-2013');
    expect(her.seo.image).toEqual({
      url: her.stills[0].image.url,
      width: her.stills[0].image.width,
      height: her.stills[0].image.height,
      alt: her.stills[0].alt,
    });
    expect(her.seo.openGraph).toMatchObject({
      type: 'article',
      title: her.title,
      url: her.seo.canonicalUrl,
      siteName: 'Films Example',
      image: her.seo.image,
      publishedTime: her.publishedAt,
      tags: her.tags,
    });
    expect(her.seo.twitter).toEqual({
      card: 'summary_large_image',
      title: her.title,
      description: her.seo.description,
      image: her.seo.image.url,
      imageAlt: her.seo.image.alt,
    });
    expect(her.share.copy).toBe(her.seo.canonicalUrl);
  });

  it('has no canonical URL and no share links while the site is not set', async () => {
    const her = await detail('her-2013');
    expect(her.seo.canonicalUrl).toBeNull();
    expect(her.seo.openGraph.url).toBeNull();
    expect(her.share).toBeNull();
  });

  it('uses the editor overrides, and a review without stills gets a summary card', async () => {
    const review = await createReview(app, {
      title: 'Override test',
      seoTitle: 'A short search title',
      seoDescription: 'What the search result says.',
      synopsis: { text: 'Not this one.' },
    });
    const data = await detail(review.slug);
    expect(data.seo.title).toBe('A short search title');
    expect(data.seo.description).toBe('What the search result says.');
    expect(data.seo.image).toBeNull();
    expect(data.seo.twitter.card).toBe('summary');
    // The raw override fields are not part of the public shape.
    expect(data).not.toHaveProperty('seoTitle');
    expect(data).not.toHaveProperty('seoDescription');
  });

  it('falls back to the body when there is no synopsis', async () => {
    const review = await createReview(app, {
      title: 'Body fallback',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Only the body speaks here.' }] }],
    });
    expect((await detail(review.slug)).seo.description).toBe('Only the body speaks here.');
  });

  it.each([
    ['seoTitle', 'x'.repeat(71)],
    ['seoDescription', 'x'.repeat(161)],
    ['seoTitle', 'Bell\u0007'],
  ])('refuses %s out of bounds through the Content Manager', async (field, value) => {
    const before = await app.strapi.db.query(REVIEW).count();
    const res = await app
      .http()
      .post(CM_REVIEWS)
      .set(auth())
      .send({ title: 'SEO bounds', movieTitle: 'Bounds', movieYear: 2001, authorName: 'Tester', [field]: value });
    expectFieldError(res, field);
    expect(await app.strapi.db.query(REVIEW).count()).toBe(before);
  });

  it('encodes titles with &, #, ?, quotes and non-ASCII characters in every share link', async () => {
    await putSettings({ reviewUrlPattern: 'https://films.example.org/critiques/{slug}?ref=share' });
    const title = 'Tom & Jerry #1? "Quoted" l\'été — 東京 🎬';
    const review = await createReview(app, { title, synopsis: { text: 'Cats & mice; 100% chase? Yes #really.' } });
    const data = await detail(review.slug);
    const canonical = data.seo.canonicalUrl as string;
    expect(canonical).toBe(`https://films.example.org/critiques/${encodeURIComponent(review.slug)}?ref=share`);
    const { share } = data;
    const param = (link: string, name: string) => new URL(link).searchParams.get(name);

    expect(param(share.facebook, 'u')).toBe(canonical);
    expect(new URL(share.facebook).host).toBe('www.facebook.com');
    expect(param(share.x, 'url')).toBe(canonical);
    expect(param(share.x, 'text')).toBe(title);
    expect(param(share.whatsapp, 'text')).toBe(`${title} ${canonical}`);
    expect(param(share.pinterest, 'url')).toBe(canonical);
    expect(param(share.pinterest, 'description')).toBe(title);
    expect(share.copy).toBe(canonical);
    // Every link is plain ASCII with nothing left unescaped in its query values.
    for (const link of [share.facebook, share.x, share.whatsapp, share.pinterest, share.email]) {
      expect(link).toMatch(/^[\x21-\x7e]+$/);
      expect(link).not.toMatch(/["' #()]/);
    }
    // mailto: spaces are %20 (never +), subject and body decode back.
    expect(share.email.startsWith('mailto:?subject=')).toBe(true);
    expect(share.email).not.toContain('+');
    const [, query] = share.email.split('?');
    const parts = Object.fromEntries(
      query.split('&').map((kv: string) => {
        const [k, v] = kv.split('=');
        return [k, decodeURIComponent(v)];
      })
    );
    expect(parts.subject).toBe(title);
    expect(parts.body).toBe(`${data.seo.description}\n\n${canonical}`);
  });

  it('puts the first still in the Pinterest link', async () => {
    await putSettings({ siteUrl: 'https://films.example.org', mediaBaseUrl: 'https://media.example.org' });
    const her = await detail('her-2013');
    expect(new URL(her.share.pinterest).searchParams.get('media')).toBe(her.seo.image.url);
    expect(her.seo.image.url.startsWith('https://media.example.org/uploads/')).toBe(true);
  });

  it('follows a settings change at once, although the detail is cached (settings changes drop every entry)', async () => {
    await putSettings({ siteUrl: 'https://one.example.org' });
    const first = await app.http().get(`${API}/reviews/her-2013`);
    expect(first.body.data.seo.canonicalUrl).toBe('https://one.example.org/reviews/her-2013');
    const again = await app.http().get(`${API}/reviews/her-2013`).set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    await putSettings({ siteUrl: 'https://two.example.org' });
    const second = await app.http().get(`${API}/reviews/her-2013`).set('If-None-Match', first.headers.etag);
    expect(second.status).toBe(200);
    expect(second.body.data.seo.canonicalUrl).toBe('https://two.example.org/reviews/her-2013');
    expect(second.body.data.structuredData.url).toBe('https://two.example.org/reviews/her-2013');
    expect(second.body.data.share.copy).toBe('https://two.example.org/reviews/her-2013');
  });

  it('answers seo and share over GraphQL like REST', async () => {
    await putSettings({ siteUrl: 'https://films.example.org', siteName: 'Films Example' });
    const rest = await detail('her-2013');
    const res = await gql(
      app,
      `{ movieReview(slug: "her-2013") {
        seo { title description canonicalUrl image { url width height alt }
          openGraph { type title description url siteName image { url width height alt } publishedTime modifiedTime tags }
          twitter { card title description image imageAlt } }
        share { facebook x whatsapp pinterest email copy }
      } }`
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.movieReview.share).toEqual(rest.share);
    expect(res.body.data.movieReview.seo).toEqual(rest.seo);
  });
});
