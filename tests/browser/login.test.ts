import type { Browser } from 'playwright-core';
import { launchBrowser, loginAdmin, screenshot } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/demo-server';

let server: DemoServer;
let browser: Browser;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('logs into the demo admin with the seeded credentials and opens the seeded review', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await loginAdmin(page, server.url);
  await page.goto(`${server.url}/admin/content-manager/collection-types/plugin::movie-reviews.movie-review`);
  const row = page.getByRole('gridcell', { name: 'Her: a love story told mostly to an earpiece' }).first();
  await row.waitFor({ timeout: 30_000 });
  await screenshot(page, 'review-list');
  await row.click();
  await page.getByRole('textbox', { name: /^Movie title/i }).waitFor({ timeout: 30_000 });
  expect(await page.getByRole('textbox', { name: /^Movie title/i }).inputValue()).toBe('Her');
  await screenshot(page, 'review-edit-view');
});
