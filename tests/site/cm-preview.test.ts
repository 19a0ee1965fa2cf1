/**
 * The editor's Preview, end to end: in the Content Manager an editor changes a
 * published review without publishing, opens Preview, and sees the unpublished
 * change rendered by the reference site, while the public page keeps the
 * published text.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { DEMO_ADMIN, launchBrowser, loginAdmin, screenshot } from '../browser/helpers/browser';
import { startDemoServer, type DemoServer } from '../browser/helpers/demo-server';
import { freePort } from '../helpers/processes';
import { PREVIEW_SECRET, startSiteServer, type SiteServer } from './helpers/site-server';

let demo: DemoServer;
let site: SiteServer;
let browser: Browser;

const PUBLISHED_TITLE = 'Her: a love story told mostly to an earpiece';
const DRAFT_TITLE = 'Her: a love story, revised and not yet published';
const REVIEW_UID = 'plugin::movie-reviews.movie-review';

beforeAll(async () => {
  const sitePort = await freePort();
  demo = await startDemoServer({ PREVIEW_SECRET, SITE_URL: `http://127.0.0.1:${sitePort}` });
  site = await startSiteServer(demo.url, { PORT: String(sitePort) });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await demo?.stop();
});

/** The documentId of a review, from the Content Manager API. */
const documentIdOf = async (slug: string): Promise<string> => {
  const login = await fetch(`${demo.url}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(DEMO_ADMIN),
  });
  const { token } = ((await login.json()) as { data: { token: string } }).data;
  const res = await fetch(
    `${demo.url}/content-manager/collection-types/${REVIEW_UID}?page=1&pageSize=50&filters[slug][$eq]=${slug}`,
    { headers: { Authorization: `Bearer ${token}` } }
  );
  const found = ((await res.json()) as { results: Array<{ documentId: string }> }).results[0];
  if (!found) throw new Error(`no review ${slug}`);
  return found.documentId;
};

/** The frame of the preview page that shows the site (Strapi renders it in an iframe). */
const siteFrame = async (page: Page): Promise<Frame> => {
  const iframe = page.locator('iframe');
  await iframe.first().waitFor({ timeout: 30_000 });
  const handle = await iframe.first().elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('the preview page shows no frame');
  await frame.waitForSelector('h1', { timeout: 30_000 });
  return frame;
};

describe('Preview from the Content Manager', () => {
  it('shows an unpublished change rendered by the site; the public page keeps the published text', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await loginAdmin(page, demo.url);

    // Open the published review in the Content Manager.
    const documentId = await documentIdOf('her-2013');
    await page.goto(`${demo.url}/admin/content-manager/collection-types/${REVIEW_UID}/${documentId}`);
    const titleInput = page.locator('input[name="title"]');
    await titleInput.waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
      await screenshot(page, 'cm-preview-failed');
      throw error;
    });
    await expect(titleInput.inputValue()).resolves.toBe(PUBLISHED_TITLE);

    // Change it and save the draft only.
    await titleInput.fill(DRAFT_TITLE);
    await page.getByRole('button', { name: /^save$/i }).click();
    await page.getByText(/saved/i).first().waitFor({ timeout: 30_000 });

    // Preview opens the site's draft route inside the admin.
    await page.getByRole('link', { name: /open preview/i }).click();
    const frame = await siteFrame(page);
    await expect(frame.locator('h1').textContent()).resolves.toBe(DRAFT_TITLE);
    await expect(frame.locator('.preview-banner').textContent()).resolves.toMatch(/draft/i);
    expect(new URL(frame.url()).pathname).toMatch(/^\/preview\//);
    await screenshot(page, 'cm-preview');

    // The public page still shows what is published.
    const publicPage = await context.newPage();
    const res = await publicPage.goto(`${site.url}/reviews/her-2013`);
    expect(res?.status()).toBe(200);
    await expect(publicPage.locator('h1').textContent()).resolves.toBe(PUBLISHED_TITLE);
    await context.close();
  });
});
