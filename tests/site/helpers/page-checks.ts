/**
 * Checks every site page must pass: no console errors, one h1, a language, alt on
 * every image, and no serious or critical axe violation. The song's provider is
 * answered locally (the tests have no network).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';

export interface OpenedPage {
  page: Page;
  consoleErrors: string[];
  status: number | null;
}

export const EMBED_HOSTS =
  /youtube-nocookie\.com|open\.spotify\.com|w\.soundcloud\.com|embed\.music\.apple\.com|player\.vimeo\.com/;

export const openPage = async (
  browser: Browser,
  url: string,
  viewport = { width: 1280, height: 900 }
): Promise<OpenedPage> => {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.route(EMBED_HOSTS, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><title>player</title></html>',
    })
  );
  const response = await page.goto(url, { waitUntil: 'networkidle' });
  return { page, consoleErrors, status: response?.status() ?? null };
};

export interface PageProblems {
  h1Count: number;
  lang: string | null;
  imagesWithoutAlt: string[];
  serious: Array<{ id: string; impact: string | null | undefined; help: string; nodes: string[] }>;
}

export const pageProblems = async (page: Page): Promise<PageProblems> => {
  const h1Count = await page.locator('h1').count();
  const lang = await page.locator('html').getAttribute('lang');
  const imagesWithoutAlt = await page.$$eval('img', (imgs) =>
    imgs.filter((i) => !i.hasAttribute('alt')).map((i) => i.outerHTML.slice(0, 120))
  );
  const result = await new AxeBuilder({ page: page as never })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    // The embedded player is the provider's page, answered locally here.
    .exclude('iframe')
    .analyze();
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.html.slice(0, 160)) }));
  return { h1Count, lang, imagesWithoutAlt, serious };
};
