/**
 * Debian's Chromium driven by playwright-core (no browser download), plus the
 * admin login every browser test starts with. Screenshots go to
 * tests/browser/screenshots/ (git-ignored).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.resolve(__dirname, '..', 'screenshots');

export const launchBrowser = async (): Promise<Browser> => {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `${executablePath} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does`
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
};

export const screenshot = async (page: Page, name: string) => {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
};

export const DEMO_ADMIN = {
  email: process.env.DEMO_ADMIN_EMAIL ?? 'editor@movie-reviews.local',
  password: process.env.DEMO_ADMIN_PASSWORD ?? 'Demo-Editor-2026',
};

/** Logs into the Strapi admin at `baseUrl` and waits for the home page. */
export const loginAdmin = async (page: Page, baseUrl: string) => {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.getByLabel(/email/i).fill(DEMO_ADMIN.email);
  await page.getByLabel(/password/i).fill(DEMO_ADMIN.password);
  await page.getByRole('button', { name: /login/i }).click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 30_000 });
};
