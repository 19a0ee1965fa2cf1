/**
 * The reference site (examples/site) in Chromium against the built demo: the review
 * page and every part of it, the comment form (pending, 400, 429), the list and the
 * error pages, page hygiene (console, h1, lang, alt, axe) and the token-guarded preview.
 */
import type { Browser, Page } from 'playwright-core';
import { signPreviewToken } from 'strapi-plugin-movie-reviews/client';
import { launchBrowser, screenshot, DEMO_ADMIN } from '../browser/helpers/browser';
import { startDemoServer, type DemoServer } from '../browser/helpers/demo-server';
import { freePort } from '../helpers/processes';
import { openPage, pageProblems } from './helpers/page-checks';
import { PREVIEW_SECRET, startSiteServer, type SiteServer } from './helpers/site-server';

let demo: DemoServer;
let site: SiteServer;
let browser: Browser;
let adminToken: string;

const REVIEW_PATH = '/reviews/her-2013';

const form = (page: Page) => page.locator('#comment-form');

const admin = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${demo.url}${path}`, { headers: { Authorization: `Bearer ${adminToken}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

/** The documentId of a review as the Content Manager lists it. */
const documentIdOf = async (slug: string) => {
  const list = await admin<{ results: Array<{ documentId: string; slug: string }> }>(
    '/content-manager/collection-types/plugin::movie-reviews.movie-review?page=1&pageSize=50'
  );
  const found = list.results.find((r) => r.slug === slug);
  if (!found) throw new Error(`no review ${slug}`);
  return found.documentId;
};

beforeAll(async () => {
  const sitePort = await freePort();
  demo = await startDemoServer({
    SERVE_ADMIN: 'false',
    PREVIEW_SECRET,
    SITE_URL: `http://127.0.0.1:${sitePort}`,
    // Enough for every post of this file but the 429 test, which spends the rest.
    MOVIE_REVIEWS_RATE_LIMIT: '4',
  });
  site = await startSiteServer(demo.url);
  browser = await launchBrowser();
  const login = await fetch(`${demo.url}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(DEMO_ADMIN),
  });
  adminToken = ((await login.json()) as { data: { token: string } }).data.token;
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await demo?.stop();
});

describe('review page', () => {
  it('renders every part of a film-blog post, with parseable JSON-LD and SEO meta', async () => {
    const { page, status } = await openPage(browser, `${site.url}${REVIEW_PATH}`);
    expect(status).toBe(200);
    await screenshot(page, 'site-review');
    await expect(page.locator('h1').textContent()).resolves.toBe('Her: a love story told mostly to an earpiece');
    // Byline and rating
    await expect(page.locator('.byline').textContent()).resolves.toMatch(/Mara Okafor/);
    await expect(page.locator('.rating .score').first().textContent()).resolves.toBe('9/10');
    // Film facts
    const facts = await page.locator('.facts dl').innerText();
    for (const fact of [
      'Spike Jonze',
      '2013',
      '2 h 06 min',
      'Joaquin Phoenix',
      'Samantha (voice)',
      'Shanghai',
      'tt1798709',
    ])
      expect(facts).toContain(fact);
    // Synopsis with its source link
    await expect(page.locator('.synopsis p').first().textContent()).resolves.toMatch(/^In a softly lit Los Angeles/);
    await expect(page.locator('.synopsis .source a').getAttribute('href')).resolves.toBe(
      'https://www.imdb.com/title/tt1798709/'
    );
    // Body from blocks
    expect(await page.locator('.body p').count()).toBe(3);
    await expect(page.locator('.body p').first().textContent()).resolves.toMatch(/^Spike Jonze sets his film/);
    // Stills as figures with captions and alt
    const figures = page.locator('figure:has(img)');
    expect(await figures.count()).toBe(3);
    for (const figure of await figures.all()) {
      expect((await figure.locator('img').getAttribute('alt'))?.length).toBeGreaterThan(10);
      expect((await figure.locator('figcaption').textContent())?.length).toBeGreaterThan(10);
    }
    // Song in a sandboxed iframe on the embed URL
    const iframe = page.locator('.song iframe');
    await expect(iframe.getAttribute('src')).resolves.toBe('https://www.youtube-nocookie.com/embed/3VKoeVMJN8w');
    await expect(iframe.getAttribute('sandbox')).resolves.toBe(
      'allow-scripts allow-same-origin allow-presentation allow-popups'
    );
    await expect(iframe.getAttribute('title')).resolves.toMatch(/The Moon Song/);
    // Author card and share links
    await expect(page.locator('.author-card').innerText()).resolves.toMatch(/Mara Okafor/);
    const shares = await page
      .locator('.share a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(shares).toHaveLength(6);
    expect(shares.every((href) => href.includes('her-2013'))).toBe(true);
    // Threaded comments: the editor's reply sits under Jonas's comment; the pending one is not shown
    await expect(page.locator('.thread > li > .comment strong').first().textContent()).resolves.toBe('Jonas');
    await expect(page.locator('.thread .thread.nested .comment strong').first().textContent()).resolves.toBe(
      'Mara Okafor'
    );
    await expect(page.locator('body').innerText()).resolves.not.toMatch(/vinyl/);
    // JSON-LD
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '');
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Review',
      itemReviewed: { '@type': 'Movie', name: 'Her' },
    });
    // SEO and Open Graph
    const meta = (selector: string) => page.locator(selector).getAttribute('content');
    await expect(meta('meta[name="description"]')).resolves.toMatch(/^In a softly lit Los Angeles/);
    await expect(meta('meta[property="og:type"]')).resolves.toBe('article');
    await expect(meta('meta[property="og:title"]')).resolves.toMatch(/^Her/);
    await expect(meta('meta[property="og:image"]')).resolves.toMatch(/^https?:\/\/.+\/uploads\//);
    await expect(meta('meta[name="twitter:card"]')).resolves.toBe('summary_large_image');
    await expect(page.locator('link[rel="canonical"]').getAttribute('href')).resolves.toMatch(/\/reviews\/her-2013$/);
    // Nothing runs in the browser
    expect(await page.locator('script:not([type="application/ld+json"])').count()).toBe(0);
    await page.context().close();
  });

  it('reads well at phone width: no horizontal scrolling', async () => {
    const { page } = await openPage(browser, `${site.url}${REVIEW_PATH}`, { width: 375, height: 800 });
    await screenshot(page, 'site-review-mobile');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});

describe('page hygiene', () => {
  it.each([
    ['the review list', '/', 200],
    ['a review', REVIEW_PATH, 200],
    ['an unknown review (404 page)', '/reviews/no-such-review', 404],
    ['an unknown address (404 page)', '/no/such/page', 404],
  ])(
    '%s has no console error, one h1, a language, alt on every image and no serious axe violation',
    async (_name, path, expected) => {
      const { page, status, consoleErrors } = await openPage(browser, `${site.url}${path}`);
      expect(status).toBe(expected);
      const problems = await pageProblems(page);
      // A 404 document is itself reported by Chromium as a failed resource load.
      expect(consoleErrors.filter((e) => !(expected === 404 && /status of 404/.test(e)))).toEqual([]);
      expect(problems).toEqual({ h1Count: 1, lang: 'en', imagesWithoutAlt: [], serious: [] });
      await page.context().close();
    }
  );
});

describe('review list', () => {
  it('links each review to its page and refuses a page number that is not one', async () => {
    const { page } = await openPage(browser, `${site.url}/`);
    await screenshot(page, 'site-list');
    await expect(page.locator('.card-title a').getAttribute('href')).resolves.toBe(REVIEW_PATH);
    await page.context().close();
    expect((await fetch(`${site.url}/?page=abc`)).status).toBe(404);
    expect((await fetch(`${site.url}/?page=7`)).status).toBe(404);
  });
});

describe('comment form', () => {
  it('posts without JavaScript and then says the comment awaits moderation', async () => {
    const { page } = await openPage(browser, `${site.url}${REVIEW_PATH}`);
    await form(page).getByLabel('Name', { exact: true }).fill('Site Reader');
    await form(page)
      .getByLabel(/^Email/)
      .fill('reader@example.org');
    await form(page).getByLabel('Comment', { exact: true }).fill('Posted from the reference site, without any script.');
    await Promise.all([page.waitForURL(/comment=pending/), page.getByRole('button', { name: 'Post comment' }).click()]);
    await expect(page.locator('#comment-status').textContent()).resolves.toMatch(/awaits moderation/);
    await screenshot(page, 'site-comment-pending');
    // Stored as pending: not in the public thread yet.
    await expect(page.locator('#comments .thread').first().innerText()).resolves.not.toMatch(
      /Posted from the reference site/
    );
    const thread = await (await fetch(`${demo.url}/api/movie-reviews/reviews/her-2013/comments?pageSize=100`)).text();
    expect(thread).not.toMatch(/Posted from the reference site/);
    await page.context().close();
  });

  it('answers a 400 with the message next to the form and keeps what was typed', async () => {
    const { page } = await openPage(browser, `${site.url}${REVIEW_PATH}`);
    await form(page).getByLabel('Name', { exact: true }).fill('Site Reader');
    await form(page)
      .getByLabel(/^Email/)
      .fill('not-an-email');
    await form(page).getByLabel('Comment', { exact: true }).fill('A long thought I would hate to type again.');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Post comment' }).click(),
    ]);
    expect(response.status()).toBe(400);
    await page.waitForLoadState('networkidle');
    await expect(page.locator('#comment-form [role="alert"]').textContent()).resolves.toMatch(/check the field/);
    await expect(page.locator('#authorEmail-error').textContent()).resolves.toMatch(/valid email/);
    await expect(form(page).getByLabel('Comment', { exact: true }).inputValue()).resolves.toBe(
      'A long thought I would hate to type again.'
    );
    await expect(form(page).getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('Site Reader');
    await screenshot(page, 'site-comment-400');
    await page.context().close();
  });

  it('answers a 429 with the wait time next to the form and keeps what was typed', async () => {
    const { page } = await openPage(browser, `${site.url}${REVIEW_PATH}`);
    let status = 0;
    for (let i = 0; i < 6 && status !== 429; i += 1) {
      await form(page).getByLabel('Name', { exact: true }).fill('Site Reader');
      await form(page)
        .getByLabel(/^Email/)
        .fill('not-an-email');
      await form(page).getByLabel('Comment', { exact: true }).fill('Trying again and again.');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Post comment' }).click(),
      ]);
      status = response.status();
      await page.waitForLoadState('networkidle');
    }
    expect(status).toBe(429);
    await expect(page.locator('#comment-form [role="alert"]').textContent()).resolves.toMatch(
      /post again in \d+ seconds?/
    );
    await expect(form(page).getByLabel('Comment', { exact: true }).inputValue()).resolves.toBe(
      'Trying again and again.'
    );
    await page.context().close();
  });
});

describe('when the API is down', () => {
  it('shows a 503 page, with one h1 and no stack trace', async () => {
    const down = await startSiteServer(`http://127.0.0.1:${await freePort()}`);
    try {
      const { page, status } = await openPage(browser, `${down.url}${REVIEW_PATH}`);
      expect(status).toBe(503);
      await expect(page.locator('h1').textContent()).resolves.toBe('Reviews are unavailable');
      expect(await page.locator('h1').count()).toBe(1);
      await expect(page.locator('body').innerText()).resolves.not.toMatch(/ECONNREFUSED|at .+\.js/);
      await page.context().close();
      expect((await fetch(`${down.url}/`)).status).toBe(503);
    } finally {
      await down.stop();
    }
  });
});

describe('draft preview route', () => {
  it('shows the draft only with a valid token from the CMS, never cached', async () => {
    const documentId = await documentIdOf('the-unfinished-draft-2024');
    const { data } = await admin<{ data: { url: string } }>(
      `/content-manager/preview/url/plugin::movie-reviews.movie-review?documentId=${documentId}&status=draft`
    );
    const link = new URL(data.url);
    const { page, status, consoleErrors } = await openPage(browser, `${site.url}${link.pathname}${link.search}`);
    expect(status).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('The Unfinished Draft (never public)');
    await expect(page.locator('.preview-banner').textContent()).resolves.toMatch(/Draft, not published/);
    await expect(page.locator('meta[name="robots"]').getAttribute('content')).resolves.toMatch(/noindex/);
    expect(consoleErrors).toEqual([]);
    await screenshot(page, 'site-preview');
    await page.context().close();
    const again = await fetch(`${site.url}${link.pathname}${link.search}`);
    expect(again.headers.get('cache-control')).toBe('private, no-store');
  });

  it('refuses a missing, expired or forged token with 401 and shows no draft', async () => {
    const documentId = await documentIdOf('the-unfinished-draft-2024');
    const expired = await signPreviewToken(
      PREVIEW_SECRET,
      { documentId, status: 'draft' },
      { now: Date.now() - 7_200_000 }
    );
    const forged = await signPreviewToken('a-secret-the-site-does-not-share', { documentId, status: 'draft' });
    for (const query of [
      '',
      `?status=draft&token=${expired}`,
      `?status=draft&token=${forged}`,
      '?status=draft&token=garbage',
    ]) {
      const res = await fetch(`${site.url}/preview/${documentId}${query}`);
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toMatch(/Preview link not valid/);
      expect(html).not.toMatch(/Unfinished Draft|draft that exists/);
    }
  });
});
