/**
 * An editor fills an author's links in the real admin: opens the seeded author,
 * adds a row with the keyboard (focus lands in the new row), sees an http link
 * flagged as typed and refused by the server on save, fixes it, removes a row,
 * saves, and the stored links are checked through the Content Manager API.
 */
import type { Browser } from 'playwright-core';
import { DEMO_ADMIN, launchBrowser, loginAdmin, screenshot } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/demo-server';

const AUTHOR = 'plugin::movie-reviews.author';

let server: DemoServer;
let browser: Browser;
let token: string;

const api = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...init.headers,
    },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

interface AuthorDoc {
  documentId: string;
  links: Array<{ label: string; url: string }>;
}

const mara = async (): Promise<AuthorDoc> => {
  const list = await api(`/content-manager/collection-types/${AUTHOR}?filters[slug][$eq]=mara-okafor`);
  return (list.body.results as AuthorDoc[])[0];
};

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  const login = await api('/admin/login', { method: 'POST', body: JSON.stringify(DEMO_ADMIN) });
  token = (login.body.data as { token: string }).token;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('adds, checks and removes author links from the form, and saves them', async () => {
  const before = await mara();
  expect(before.links).toHaveLength(2);
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await loginAdmin(page, server.url);
  await page.goto(`${server.url}/admin/content-manager/collection-types/${AUTHOR}/${before.documentId}`);
  const labels = page.getByRole('textbox', { name: /^Label/ });
  const urls = page.getByRole('textbox', { name: /^URL/ });
  try {
    await labels.first().waitFor({ timeout: 30_000 });
  } catch (error) {
    await screenshot(page, 'author-links-failed-to-open');
    throw error;
  }
  expect(await labels.count()).toBe(2);
  expect(await urls.nth(1).inputValue()).toBe('https://mastodon.example.org/@mara');

  // Keyboard only: the add button, Enter, and focus is in the new row's label.
  await page.getByRole('button', { name: 'Add a link' }).focus();
  await page.keyboard.press('Enter');
  expect(await labels.count()).toBe(3);
  expect(await labels.nth(2).evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type('Letterboxd');
  expect(await labels.nth(2).inputValue()).toBe('Letterboxd');
  await page.keyboard.press('Tab');
  await page.keyboard.type('http://letterboxd.example.net/mara');
  await page.getByText('Must be an https link').waitFor();
  await screenshot(page, 'author-links-1-flagged');

  const refused = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(AUTHOR));
  await page.getByRole('button', { name: /^Save$/ }).click();
  expect((await refused).status()).toBe(400);
  expect((await mara()).links).toEqual(before.links);

  // The Content Manager puts the stored values back after a refused save: add the row again, correctly.
  await page.reload();
  await labels.first().waitFor();
  if ((await labels.count()) < 3) await page.getByRole('button', { name: 'Add a link' }).click();
  await labels.nth(2).fill('Letterboxd');
  await urls.nth(2).fill('https://letterboxd.example.net/mara');

  // Remove the first row: focus moves to the row that took its place.
  await page.getByRole('button', { name: 'Remove link 1' }).click();
  expect(await labels.count()).toBe(2);
  expect(await labels.first().evaluate((el) => el === document.activeElement)).toBe(true);
  await screenshot(page, 'author-links-2-edited');

  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(AUTHOR));
  await page.getByRole('button', { name: /^Save$/ }).click();
  expect((await saved).status()).toBe(200);
  expect((await mara()).links).toEqual([
    { label: 'Mastodon', url: 'https://mastodon.example.org/@mara' },
    { label: 'Letterboxd', url: 'https://letterboxd.example.net/mara' },
  ]);
  await page.close();
});
