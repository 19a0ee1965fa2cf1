/**
 * The moderation page's Reported tab in a real browser against the built demo: a
 * reader reports the seeded approved comment through the public API, the tab lists
 * it with its count, reason and note (axe: no serious or critical violation in the
 * plugin's UI), approving from the tab dismisses the report, and the report
 * threshold is a labelled field of the settings page.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ADMIN, launchBrowser, loginAdmin, screenshot } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/demo-server';

let server: DemoServer;
let browser: Browser;
let page: Page;
let token: string;

const NOTE = 'Says who the voice is in the first line.';

const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

const seriousViolations = async (include: string) => {
  const result = await new AxeBuilder({ page: page as never })
    .include(include)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return (result.violations as Array<{ id: string; impact?: string | null; nodes: Array<{ html: string }> }>)
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html.slice(0, 200)) }));
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

describe('Reported tab', () => {
  it('lists a reported comment with its count, reason and note, and approving dismisses the report', async () => {
    const thread = (await (await fetch(`${server.url}/api/movie-reviews/reviews/her-2013/comments`)).json()) as {
      data: Array<{ documentId: string; authorName: string }>;
    };
    const comment = thread.data[0];
    const reported = await fetch(
      `${server.url}/api/movie-reviews/reviews/her-2013/comments/${comment.documentId}/report`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ reason: 'spoiler', note: NOTE }),
      }
    );
    expect(reported.status).toBe(201);

    await page.goto(`${server.url}/admin/plugins/movie-reviews`);
    const tab = page.getByRole('tab', { name: 'Reported (1)' });
    await tab.waitFor({ timeout: 30_000 });
    await tab.click();
    const row = page.getByRole('row').filter({ hasText: NOTE });
    await row.waitFor();
    await row.getByText('1 report', { exact: true }).waitFor();
    await row.getByText('Spoiler: 1').waitFor();
    await row.getByRole('link', { name: 'Her: a love story told mostly to an earpiece' }).waitFor();
    await screenshot(page, 'moderation-reported');
    expect(await seriousViolations('main')).toEqual([]);

    await row
      .getByRole('button', { name: `Approve the comment by ${comment.authorName} and dismiss its reports` })
      .click();
    await page.getByRole('tab', { name: 'Reported (0)' }).waitFor();
    await page.getByText('No comment has been reported').waitFor();
    const left = await api<{ meta: { pagination: { total: number } } }>('/movie-reviews/moderation/reported');
    expect(left.meta.pagination.total).toBe(0);
  });

  it('has the report threshold as a labelled field of the settings page, validated before saving', async () => {
    await page.goto(`${server.url}/admin/settings/movie-reviews`);
    const field = page.getByRole('textbox', { name: /Reports that hide a comment/ });
    await field.waitFor({ timeout: 30_000 });
    expect(await field.inputValue()).toBe('3');
    await field.fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Enter a whole number from 1 to 100.').waitFor();
    await field.fill('5');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved').waitFor();
    expect((await api<{ data: { reportThreshold: number } }>('/movie-reviews/settings')).data.reportThreshold).toBe(5);
  });
});
