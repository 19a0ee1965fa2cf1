/**
 * The Import page in a real browser against the built demo: upload a WordPress
 * export, read the dry-run report (a post's stills, comments with emails, what was
 * not mapped), import with original dates, then find the review, its stills with
 * captions, its song and its comments in the Content Manager and the public API.
 */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, loginAdmin, screenshot, DEMO_ADMIN } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/demo-server';
import { fixtureCopy } from '../import/helpers/exports';
import { startImageServer, type ImageServer } from '../import/helpers/image-server';

let server: DemoServer;
let images: ImageServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  images = await startImageServer();
  server = await startDemoServer({ MOVIE_REVIEWS_IMPORT_ALLOW_PRIVATE_HOSTS: 'true' });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await loginAdmin(page, server.url);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await images?.close();
});

describe('the Import page', () => {
  it('shows the dry-run report of an uploaded export, post by post', async () => {
    await page.goto(`${server.url}/admin/plugins/movie-reviews/import`);
    await page.getByRole('heading', { name: 'Import reviews', level: 1 }).waitFor();
    await screenshot(page, 'import-empty');
    await page.locator('input[type=file]').setInputFiles(fixtureCopy('wordpress-wxr-1.2.xml', images.origin));
    await page.getByRole('button', { name: 'Upload and run the dry run' }).click();
    await page.getByText(/dry run ready/).waitFor({ timeout: 60_000 });
    await page.getByText(/4 posts, 2 to skip/).waitFor();
    await page.getByText('Skipped: a page, not a post').waitFor();
    await page.getByRole('button', { name: 'Review: Her (2013)' }).click();
    await page.getByText("Theodore writes other people's letters. (alt: Theodore at his desk)").waitFor();
    await page.getByText(/Ines <ines@mail\.example\.net>/).waitFor();
    await page.getByText(/comment: .*#comment-104: a pingback, not a reader comment/).waitFor();
    await screenshot(page, 'import-report');
  });

  it('imports with original dates, shows the results, then the review is in the admin and the API', async () => {
    await page.getByText('Publish the reviews with their original dates').click();
    await page.getByRole('button', { name: 'Import 2 posts' }).click();
    await page
      .getByText(/2 reviews created, 4 comments, 2 skipped, 0 failed, 1 image missing/)
      .waitFor({ timeout: 120_000 });
    await page.getByText(/missing\.jpg missing \(the server answered 404\)/).waitFor();
    await page.getByRole('button', { name: 'Download redirects (CSV)' }).waitFor();
    await screenshot(page, 'import-done');

    const detail = await fetch(`${server.url}/api/movie-reviews/reviews/review-her-2013`);
    expect(detail.status).toBe(200);
    const review = ((await detail.json()) as { data: Record<string, unknown> }).data;
    expect(review.publishedAt).toBe('2014-02-08T19:30:00.000Z');
    expect(review.song).toMatchObject({ provider: 'youtube' });
    expect(review.stills).toEqual([
      expect.objectContaining({ caption: "Theodore writes other people's letters.", alt: 'Theodore at his desk' }),
    ]);
    const comments = (await (
      await fetch(`${server.url}/api/movie-reviews/reviews/review-her-2013/comments`)
    ).json()) as { data: Array<{ authorName: string; replies: Array<{ authorName: string }> }> };
    expect(comments.data.map((c) => [c.authorName, c.replies.map((r) => r.authorName)])).toEqual([
      ['Ines', ['Mara Quill']],
    ]);

    const login = await fetch(`${server.url}/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(DEMO_ADMIN),
    });
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    const docs = await fetch(
      `${server.url}/content-manager/collection-types/plugin::movie-reviews.movie-review?filters[slug][$eq]=review-her-2013`,
      { headers: { Authorization: `Bearer ${token}` } }
    );
    const documentId = ((await docs.json()) as { results: Array<{ documentId: string }> }).results[0].documentId;
    await page.goto(
      `${server.url}/admin/content-manager/collection-types/plugin::movie-reviews.movie-review/${documentId}`
    );
    await page.getByRole('heading', { name: 'Review: Her (2013)' }).waitFor({ timeout: 60_000 });
    // The stills input holds the caption and the alt text in its fields.
    await page.waitForFunction(
      (caption) =>
        Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')).some(
          (e) => e.value === caption
        ),
      "Theodore writes other people's letters.",
      { timeout: 30_000 }
    );
    await screenshot(page, 'import-review-in-content-manager');
    await page.goto(`${server.url}/admin/plugins/movie-reviews`);
    await page.getByText('Still waiting for moderation here.').waitFor({ timeout: 60_000 });
    await screenshot(page, 'import-pending-comment-in-queue');
  });
});
