/**
 * The plugin's admin panels in a real browser against the built demo: moderate the
 * seeded pending comment, reply as editor, change a setting and see it stored, open
 * the review's edit-view panel; axe on every page (no serious or critical violation
 * in the plugin's own UI) and a screenshot of each state.
 */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ADMIN, launchBrowser, loginAdmin, screenshot } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/demo-server';

let server: DemoServer;
let browser: Browser;
let page: Page;
let token: string;

const PENDING_TEXT = 'Has anyone found the score on vinyl?';

const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown; html: string }>;
}

/**
 * Runs axe on `include` (the plugin's own UI) and returns serious/critical violations.
 * Strapi's own chrome (left menu, headers it renders) is checked separately and only
 * reported, since the plugin cannot change it.
 */
const axe = async (name: string, include: string, exclude: string[] = []) => {
  let builder = new AxeBuilder({ page: page as never })
    .include(include)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  for (const selector of exclude) builder = builder.exclude(selector);
  const result = await builder.analyze();
  const bad = (result.violations as Violation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const whole = await new AxeBuilder({ page: page as never }).analyze();
  const chrome = (whole.violations as Violation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (chrome.length) {
    // Visible in the test output; the assertion below is on the plugin's part of the page.
    console.info(
      `[axe] ${name}: whole page (Strapi chrome included):\n${chrome
        .map(
          (v) =>
            `  ${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes
              .slice(0, 3)
              .map((n) => n.html.slice(0, 120))
              .join(' | ')}`
        )
        .join('\n')}`
    );
  }
  return bad.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.html.slice(0, 200)),
  }));
};

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  // AxeBuilder needs a page from an explicit context.
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

describe('moderation page', () => {
  it('is in the main menu and lists the seeded pending comment with its email, IP and review', async () => {
    await page.getByRole('link', { name: 'Movie Reviews' }).first().click();
    await page.waitForURL(/\/admin\/plugins\/movie-reviews/);
    const row = page.getByRole('row').filter({ hasText: PENDING_TEXT });
    await row.waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Pending (1)' }).waitFor();
    await expectText(row, 'priya@example.com');
    await expectText(row, 'IP 203.0.113.7');
    const reviewLink = row.getByRole('link', { name: 'Her: a love story told mostly to an earpiece' });
    expect(await reviewLink.getAttribute('href')).toMatch(
      /^\/admin\/content-manager\/collection-types\/plugin::movie-reviews\.movie-review\/[a-z0-9]+$/
    );
    await screenshot(page, 'moderation-queue');
    expect(await axe('moderation page', 'main')).toEqual([]);
  });

  it('approves the pending comment from its row', async () => {
    const row = page.getByRole('row').filter({ hasText: PENDING_TEXT });
    await row.getByRole('button', { name: 'Approve the comment by Priya' }).click();
    await page.getByText('1 comment approved').waitFor();
    await page.getByRole('tab', { name: 'Pending (0)' }).waitFor();
    await page.getByText('No comment is waiting for moderation').waitFor();
    await screenshot(page, 'moderation-queue-cleared');

    const approved = await api<{ data: Array<{ authorName: string; status: string; moderatedAt: string | null }> }>(
      '/movie-reviews/moderation/comments?status=approved&pageSize=100'
    );
    const priya = approved.data.find((c) => c.authorName === 'Priya');
    expect(priya?.status).toBe('approved');
    expect(priya?.moderatedAt).toBeTruthy();
  });

  it('replies as editor from the approved tab', async () => {
    await page.getByRole('tab', { name: /^Approved/ }).click();
    const row = page.getByRole('row').filter({ hasText: PENDING_TEXT });
    await row.waitFor();
    await row.getByRole('button', { name: 'Reply to Priya as editor' }).click();
    const dialog = page.getByRole('dialog');
    await settle(dialog);
    await dialog
      .getByRole('textbox', { name: /Your reply/ })
      .fill('It came out on vinyl in 2014; look for the Milan Records pressing.');
    await screenshot(page, 'moderation-reply-dialog');
    expect(await axe('reply dialog', '[role="dialog"]')).toEqual([]);
    await dialog.getByRole('button', { name: 'Publish reply' }).click();
    await page.getByText('Reply published').waitFor();
    const replyRow = page.getByRole('row').filter({ hasText: 'Milan Records pressing' });
    await replyRow.waitFor();
    await expectText(replyRow, 'In reply to Priya');
    await expectText(replyRow, 'Demo Editor');
    await screenshot(page, 'moderation-approved-with-reply');

    const approved = await api<{
      data: Array<{ content: string; authorIsEditor: boolean; parent: { authorName: string } | null }>;
    }>('/movie-reviews/moderation/comments?status=approved&q=Milan');
    expect(approved.data).toHaveLength(1);
    expect(approved.data[0]).toMatchObject({ authorIsEditor: true, parent: { authorName: 'Priya' } });
  });

  it('asks for confirmation before deleting', async () => {
    const row = page.getByRole('row').filter({ hasText: 'Milan Records pressing' });
    await row.getByRole('button', { name: /More actions for the comment by/ }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const dialog = page.getByRole('alertdialog');
    await settle(dialog);
    await dialog.getByText('This comment and its replies will be deleted for good.').waitFor();
    await screenshot(page, 'moderation-delete-confirm');
    expect(await axe('delete confirmation', '[role="alertdialog"]')).toEqual([]);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('1 comment deleted').waitFor();
    const left = await api<{ data: unknown[] }>('/movie-reviews/moderation/comments?status=all&q=Milan');
    expect(left.data).toEqual([]);
  });
});

describe('settings page', () => {
  it('saves a new cache max-age and shows validation errors in the form', async () => {
    await page.goto(`${server.url}/admin/settings`);
    // The settings navigation lists the page under Global settings (the main menu has a link of the same name).
    const settingsLink = page.locator('a[href="/admin/settings/movie-reviews"]');
    expect(await settingsLink.innerText()).toBe('Movie Reviews');
    await settingsLink.click();
    await page.waitForURL(/\/admin\/settings\/movie-reviews/);
    const maxAge = page.getByRole('textbox', { name: /Cache max-age/ });
    await maxAge.waitFor({ timeout: 30_000 });
    expect(await maxAge.inputValue()).toBe('60');
    await screenshot(page, 'settings');
    expect(await axe('settings page', 'main')).toEqual([]);

    await maxAge.fill('-5');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Enter a whole number of seconds from 0 to 86,400.').waitFor();
    await screenshot(page, 'settings-invalid');
    expect((await api<{ data: { cacheMaxAge: number } }>('/movie-reviews/settings')).data.cacheMaxAge).toBe(60);

    await maxAge.fill('300');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved').waitFor();
    const saved = await api<{ data: { cacheMaxAge: number } }>('/movie-reviews/settings');
    expect(saved.data.cacheMaxAge).toBe(300);
    await page.reload();
    await page.getByRole('textbox', { name: /Cache max-age/ }).waitFor();
    expect(await page.getByRole('textbox', { name: /Cache max-age/ }).inputValue()).toBe('300');
  });
});

describe('review edit-view panel', () => {
  it('shows comment counts, the public URL and the JSON-LD of the Her review', async () => {
    const reviews = await api<{ data: Array<{ documentId: string }> }>('/movie-reviews/moderation/reviews?q=earpiece');
    const herId = reviews.data[0].documentId;
    const expected = await api<{ data: { counts: Record<string, number> } }>(
      `/movie-reviews/reviews/${herId}/overview`
    );

    await page.goto(`${server.url}/admin/content-manager/collection-types/plugin::movie-reviews.movie-review/${herId}`);
    const heading = page.getByRole('heading', { name: 'Reader comments' });
    await heading.waitFor({ timeout: 30_000 });
    for (const status of ['pending', 'approved', 'rejected', 'spam']) {
      expect(await page.getByTestId(`panel-count-${status}`).innerText()).toBe(String(expected.data.counts[status]));
    }
    expect(expected.data.counts.approved).toBe(3);
    const jsonld = page.getByTestId('panel-jsonld');
    const text = await jsonld.innerText();
    const parsed = JSON.parse(text) as {
      '@type': string;
      itemReviewed: { '@type': string; name: string };
      commentCount: number;
    };
    expect(parsed['@type']).toBe('Review');
    expect(parsed.itemReviewed).toMatchObject({ '@type': 'Movie', name: 'Her' });
    expect(parsed.commentCount).toBe(3);
    const apiLink = page.getByRole('link', { name: /^\/api\/movie-reviews\/reviews\/her-2013/ });
    expect(await apiLink.getAttribute('href')).toBe(`${server.url}/api/movie-reviews/reviews/her-2013`);
    await page.getByRole('link', { name: 'Open in the moderation queue' }).waitFor();

    const panel = page.locator('aside').filter({ has: heading });
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'review-panel');
    await panel.screenshot({ path: path.join(__dirname, 'screenshots', 'review-panel-close-up.png') });
    expect(await axe('review edit view panel', 'aside:has([data-testid="panel-jsonld"])')).toEqual([]);

    // The queue link opens the moderation page filtered on this review.
    await page.getByRole('link', { name: 'Open in the moderation queue' }).click();
    await page.waitForURL(new RegExp(`review=${herId}`));
    await page.getByRole('row').filter({ hasText: PENDING_TEXT }).waitFor();
    const filter = page.getByRole('combobox', { name: 'Filter by review' });
    // The filter names the review, not its documentId, once the queue has loaded.
    await page.waitForFunction(
      `document.querySelector('[role="combobox"][aria-label="Filter by review"]')?.value.startsWith('Her: a love story')`
    );
    expect(await filter.inputValue()).toMatch(/^Her: a love story told mostly to an earpiece/);
    await screenshot(page, 'moderation-filtered-on-review');
  });
});

/** Waits for the CSS animations of an element (dialogs fade and zoom in) to finish. */
const settle = async (locator: ReturnType<Page['locator']>) => {
  await locator.waitFor();
  type Animated = { getAnimations(options: { subtree: boolean }): Array<{ finished: Promise<unknown> }> };
  await locator.evaluate((el) =>
    Promise.all((el as unknown as Animated).getAnimations({ subtree: true }).map((a) => a.finished))
  );
};

describe('an editor whose role lacks the plugin permissions', () => {
  it('sees no menu entry, no settings link, a no-permission page, and the panel without queue links', async () => {
    // A role that may read reviews in the Content Manager, and nothing of the plugin.
    const fields = ['title', 'slug', 'movieTitle', 'movieYear', 'authorName', 'commentsEnabled'];
    const role = await api<{ data: { id: number } }>('/admin/roles', {
      method: 'POST',
      body: JSON.stringify({ name: 'Reviewer without moderation', description: 'browser test' }),
    });
    await api(`/admin/roles/${role.data.id}/permissions`, {
      method: 'PUT',
      body: JSON.stringify({
        permissions: [
          {
            action: 'plugin::content-manager.explorer.read',
            subject: 'plugin::movie-reviews.movie-review',
            properties: { fields },
            conditions: [],
          },
        ],
      }),
    });
    const email = 'reader-role@movie-reviews.local';
    const password = 'Reader-Role-2026';
    const invited = await api<{ data: { registrationToken: string } }>('/admin/users', {
      method: 'POST',
      body: JSON.stringify({ firstname: 'Rita', lastname: 'Reader', email, roles: [role.data.id] }),
    });
    await api('/admin/register', {
      method: 'POST',
      body: JSON.stringify({
        registrationToken: invited.data.registrationToken,
        userInfo: { firstname: 'Rita', lastname: 'Reader', password },
      }),
    });

    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const other = await context.newPage();
    await other.goto(`${server.url}/admin/auth/login`);
    await other.getByLabel(/email/i).fill(email);
    await other.getByLabel(/password/i).fill(password);
    await other.getByRole('button', { name: /login/i }).click();
    await other.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 30_000 });
    await other.getByRole('link', { name: 'Content Manager' }).first().waitFor();
    expect(await other.getByRole('link', { name: 'Movie Reviews', exact: true }).count()).toBe(0);

    await other.goto(`${server.url}/admin/settings`);
    await other.locator('a[href="/admin/settings/application-infos"]').waitFor({ timeout: 30_000 });
    expect(await other.locator('a[href="/admin/settings/movie-reviews"]').count()).toBe(0);

    await other.goto(`${server.url}/admin/plugins/movie-reviews`);
    await other.getByText("You don't have the permissions to access that content").waitFor({ timeout: 30_000 });
    await screenshot(other, 'no-permission-moderation');

    const reviews = await api<{ data: Array<{ documentId: string }> }>('/movie-reviews/moderation/reviews?q=earpiece');
    await other.goto(
      `${server.url}/admin/content-manager/collection-types/plugin::movie-reviews.movie-review/${reviews.data[0].documentId}`
    );
    await other.getByRole('heading', { name: 'Reader comments' }).waitFor({ timeout: 30_000 });
    await other.getByTestId('panel-jsonld').waitFor();
    expect(await other.getByRole('link', { name: /moderation queue/ }).count()).toBe(0);
    await screenshot(other, 'review-panel-without-moderation');
    await context.close();
  });
});

describe('when the plugin API fails', () => {
  it('shows an error state with a retry on every panel instead of crashing', async () => {
    const failing = JSON.stringify({
      data: null,
      error: { status: 500, name: 'InternalServerError', message: 'Internal Server Error' },
    });
    const fail = (route: { fulfill(o: object): Promise<void> }) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: failing });
    await page.route(/\/movie-reviews\/(moderation|settings|reviews\/)/, fail);
    try {
      await page.goto(`${server.url}/admin/plugins/movie-reviews`);
      await page.getByText('The comments could not be loaded.').waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Try again' }).waitFor();
      await screenshot(page, 'error-moderation');

      await page.goto(`${server.url}/admin/settings/movie-reviews`);
      await page.getByText('The settings could not be loaded.').waitFor({ timeout: 30_000 });
      await screenshot(page, 'error-settings');

      const herId = (await api<{ data: Array<{ documentId: string }> }>('/movie-reviews/moderation/reviews?q=earpiece'))
        .data[0].documentId;
      await page.goto(
        `${server.url}/admin/content-manager/collection-types/plugin::movie-reviews.movie-review/${herId}`
      );
      await page.getByText('The comment counts could not be loaded.').waitFor({ timeout: 30_000 });
      // The rest of the edit view still works.
      await page.getByRole('textbox', { name: /^Movie title/ }).waitFor();
      await screenshot(page, 'error-panel');
    } finally {
      await page.unroute(/\/movie-reviews\/(moderation|settings|reviews\/)/, fail);
    }
    // And recovers once the API answers again.
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Reader comments' }).waitFor();
    await page.getByTestId('panel-jsonld').waitFor();
  });
});

const expectText = async (locator: ReturnType<Page['locator']>, text: string) => {
  await locator.getByText(text, { exact: false }).first().waitFor({ timeout: 10_000 });
};
