/**
 * Site settings and the edit-view panel's search-result and social-card previews in
 * a real browser: a bad site URL is refused in the form, a good one is saved, and
 * the Her review's panel shows the canonical link, title, description and the first
 * still with its alt text; axe on both (no serious or critical violation).
 */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, loginAdmin, screenshot, DEMO_ADMIN } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/demo-server';

let server: DemoServer;
let browser: Browser;
let page: Page;
let token: string;

const api = async <T>(p: string, init: RequestInit = {}): Promise<T> => {
  const res = await fetch(`${server.url}${p}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

const seriousViolations = async (include: string) => {
  const result = await new AxeBuilder({ page: page as never })
    .include(include)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return (result.violations as Array<{ id: string; impact?: string | null; nodes: Array<{ html: string }> }>)
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html.slice(0, 160)) }));
};

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  page = await context.newPage();
  const login = await fetch(`${server.url}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password }),
  });
  token = ((await login.json()) as { data: { token: string } }).data.token;
  await loginAdmin(page, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('saves the site addresses from the settings page, refusing a non-https one', async () => {
  await page.goto(`${server.url}/admin/settings/movie-reviews`);
  const siteUrl = page.getByRole('textbox', { name: 'Site URL' });
  await siteUrl.waitFor({ timeout: 30_000 });
  expect(await siteUrl.inputValue()).toBe('');

  await siteUrl.fill('http://films.example.org');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Enter an https address with a public host name').first().waitFor();
  expect((await api<{ data: { siteUrl: string | null } }>('/movie-reviews/settings')).data.siteUrl).toBeNull();

  await siteUrl.fill('https://films.example.org');
  await page.getByRole('textbox', { name: 'Site name' }).fill('Films Example');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Settings saved').waitFor();
  const saved = await api<{ data: { siteUrl: string | null; siteName: string | null } }>('/movie-reviews/settings');
  expect(saved.data).toMatchObject({ siteUrl: 'https://films.example.org', siteName: 'Films Example' });
  await screenshot(page, 'settings-site');
  expect(await seriousViolations('main')).toEqual([]);
});

it('previews the search result and the social card of the Her review in the edit-view panel', async () => {
  const reviews = await api<{ data: Array<{ documentId: string }> }>('/movie-reviews/moderation/reviews?q=earpiece');
  const herId = reviews.data[0].documentId;
  await page.goto(`${server.url}/admin/content-manager/collection-types/plugin::movie-reviews.movie-review/${herId}`);

  const searchHeading = page.getByRole('heading', { name: 'Search result preview' });
  await searchHeading.waitFor({ timeout: 30_000 });
  const search = page.getByTestId('panel-seo-preview');
  const searchText = await search.innerText();
  expect(searchText).toContain('https://films.example.org/reviews/her-2013');
  expect(searchText).toContain('Her: a love story told mostly to an earpiece');
  expect(searchText).toMatch(/In a softly lit Los Angeles.*…/s);

  const card = page.getByTestId('panel-social-preview');
  expect(await card.innerText()).toContain('Films Example');
  const image = card.getByRole('img');
  expect(await image.getAttribute('alt')).toMatch(/\S/);
  expect(await image.getAttribute('src')).toMatch(/\/uploads\//);

  for (const id of ['seo', 'social']) {
    const section = page.locator(`section[aria-labelledby="movie-reviews-panel-${id}"]`);
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: path.join(__dirname, 'screenshots', `review-panel-${id}.png`) });
  }
  expect(await seriousViolations('aside:has([data-testid="panel-seo-preview"])')).toEqual([]);
});
