/**
 * An editor uses the three custom fields in the real admin: opens the seeded
 * Her review, edits a still caption, reorders stills (buttons and keyboard),
 * sees a bad song link refused, pastes a Spotify link and sees its preview,
 * saves, and the saved value is checked through the Content Manager API. Then a
 * still's image is deleted from the media library and the input flags it.
 */
import type { Browser, Page } from 'playwright-core';
import { DEMO_ADMIN, launchBrowser, loginAdmin, screenshot } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/demo-server';

const REVIEW = 'plugin::movie-reviews.movie-review';
const SPOTIFY = 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=0123456789abcdef';
const SPOTIFY_EMBED = 'https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC';

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
  // The admin API's JSON, read by the test as loosely as the test needs.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const body = (res.status === 204 ? null : await res.json()) as any;
  return { status: res.status, body };
};

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  const login = await api('/admin/login', { method: 'POST', body: JSON.stringify(DEMO_ADMIN) });
  token = login.body.data.token;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Still {
  file: number;
  caption: string | null;
  alt: string;
}

const draftOfHer = async () => {
  const list = await api(`/content-manager/collection-types/${REVIEW}?filters[slug][$eq]=her-2013`);
  const documentId = list.body.results[0].documentId as string;
  const doc = await api(`/content-manager/collection-types/${REVIEW}/${documentId}`);
  return doc.body.data as {
    documentId: string;
    synopsis: { text: string };
    stills: Still[];
    song: Record<string, unknown> | null;
  };
};

/** Scrolls the edit view so `locator` sits mid-screen, then saves a screenshot (the form scrolls inside the page). */
const shotAt = async (page: Page, locator: ReturnType<Page['locator']>, name: string) => {
  await locator.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await screenshot(page, name);
};

const altInputs = (page: Page) => page.getByTestId('still-item').getByRole('textbox', { name: /^Alt text/ });

const altOrder = async (page: Page) => {
  const inputs = altInputs(page);
  const values: string[] = [];
  for (let i = 0; i < (await inputs.count()); i += 1) values.push(await inputs.nth(i).inputValue());
  return values;
};

const openHer = async (page: Page) => {
  await page.goto(`${server.url}/admin/content-manager/collection-types/${REVIEW}`);
  await page.getByRole('gridcell', { name: 'Her: a love story told mostly to an earpiece' }).first().click();
  try {
    await page.getByTestId('still-item').first().waitFor({ timeout: 30_000 });
  } catch (error) {
    await screenshot(page, 'custom-fields-failed-to-open');
    throw error;
  }
};

it('edits captions, reorders stills, previews a pasted song link and saves them', async () => {
  const before = await draftOfHer();
  expect(before.stills).toHaveLength(3);
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await loginAdmin(page, server.url);
  await openHer(page);
  // The seeded images are loaded from the media library and shown as thumbnails.
  await page.getByTestId('still-item').first().locator('img').waitFor();
  await screenshot(page, 'custom-fields-1-opened');

  // A look-alike host is flagged as soon as it is typed, and refused by the server on save.
  // (Strapi's Content Manager then rolls the form back to the stored values, so this comes first.)
  const link = page.getByRole('textbox', { name: 'Song', exact: true });
  await link.fill('https://youtube.com.evil.example/watch?v=3VKoeVMJN8w');
  await page.getByText(/This link cannot be embedded/).waitFor();
  expect(await page.getByTestId('song-preview').count()).toBe(0);
  await shotAt(page, link, 'custom-fields-2-flagged-link');
  const refused = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(REVIEW));
  await page.getByRole('button', { name: /^Save$/ }).click();
  expect((await refused).status()).toBe(400);
  await page.getByText(/^must be a YouTube, Spotify, SoundCloud, Apple Music or Vimeo link$/).waitFor();
  expect(await draftOfHer()).toEqual(before);
  await page.reload();
  await page.getByTestId('still-item').first().locator('img').waitFor();

  // The synopsis counts characters as the editor types.
  const synopsis = page.getByRole('textbox', { name: 'Synopsis', exact: true });
  const seededText = before.synopsis.text;
  await page.getByText(`${seededText.length} / 5,000 characters`).waitFor();
  await synopsis.fill(`${seededText} It ends on a rooftop.`);
  await page.getByText(`${seededText.length + 22} / 5,000 characters`).waitFor();
  await shotAt(page, synopsis, 'custom-fields-3-synopsis');

  // Edit the caption of the first still.
  const caption = page.getByTestId('still-item').first().getByRole('textbox', { name: 'Caption' });
  await caption.fill('Theodore at his window, edited in the browser test.');

  // Reorder: still 1 goes down with the mouse, then still 3 comes up twice with the keyboard only.
  const seededAlts = before.stills.map((s) => s.alt);
  await page.getByRole('button', { name: 'Move still 1 down' }).click();
  expect(await altOrder(page)).toEqual([seededAlts[1], seededAlts[0], seededAlts[2]]);
  await page.getByRole('button', { name: 'Move still 3 up' }).focus();
  await page.keyboard.press('Enter');
  // Focus follows the moved still, so a second Enter moves it again; at the top it lands on "down".
  await page.keyboard.press('Enter');
  expect(await altOrder(page)).toEqual([seededAlts[2], seededAlts[1], seededAlts[0]]);
  expect(await page.getByRole('button', { name: 'Move still 1 up' }).isDisabled()).toBe(true);
  expect(
    await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent)
  ).toMatch(/Move still 1 down/);
  await shotAt(page, page.getByTestId('still-item').nth(1), 'custom-fields-4-reordered');

  // Paste a Spotify link: the provider is detected and the preview frames Spotify's own embed host.
  await link.fill(SPOTIFY);
  await page.getByText('Detected: Spotify').waitFor();
  const frame = page.getByTestId('song-preview');
  await frame.waitFor();
  expect(await frame.getAttribute('src')).toBe(SPOTIFY_EMBED);
  expect(await frame.getAttribute('sandbox')).toBe('allow-scripts allow-same-origin allow-presentation');
  expect(await frame.getAttribute('referrerpolicy')).toBe('strict-origin-when-cross-origin');
  expect(await frame.getAttribute('allow')).not.toMatch(/camera|microphone|geolocation|autoplay/);
  await page.getByRole('textbox', { name: 'Song title' }).fill('The Moon Song (Spotify)');
  await shotAt(page, page.getByText('Detected: Spotify'), 'custom-fields-5-song-preview');

  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(REVIEW));
  await page.getByRole('button', { name: /^Save$/ }).click();
  expect((await saved).status()).toBe(200);
  await page.getByText(/Saved/i).first().waitFor();
  await screenshot(page, 'custom-fields-6-saved');

  const after = await draftOfHer();
  expect(after.synopsis.text).toBe(`${seededText} It ends on a rooftop.`);
  expect(after.stills.map((s) => s.file)).toEqual([
    before.stills[2].file,
    before.stills[1].file,
    before.stills[0].file,
  ]);
  expect(after.stills[2]).toEqual({
    ...before.stills[0],
    caption: 'Theodore at his window, edited in the browser test.',
  });
  expect(after.stills[0]).toEqual(before.stills[2]);
  expect(after.song).toEqual({
    url: SPOTIFY,
    provider: 'spotify',
    title: 'The Moon Song (Spotify)',
    artist: 'Karen O',
    startAt: null,
  });
  await page.close();
});

it('flags a still whose image was deleted from the media library', async () => {
  const her = await draftOfHer();
  const gone = her.stills[1].file;
  const del = await api(`/upload/files/${gone}`, { method: 'DELETE' });
  expect(del.status).toBe(200);

  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await loginAdmin(page, server.url);
  await openHer(page);
  const flagged = page.getByTestId('still-item').nth(1);
  await flagged
    .getByRole('alert')
    .filter({ hasText: `Image ${gone} no longer exists` })
    .waitFor();
  await shotAt(page, flagged, 'custom-fields-7-missing-file');

  // Removing it and saving stores the two remaining stills.
  await page.getByRole('button', { name: 'Remove still 2' }).click();
  expect(await page.getByTestId('still-item').count()).toBe(2);
  // The keyboard focus is not lost: it moves to the caption of the still now in second place.
  expect(
    await page
      .getByTestId('still-item')
      .nth(1)
      .getByLabel('Caption')
      .evaluate((el) => el === document.activeElement)
  ).toBe(true);
  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(REVIEW));
  await page.getByRole('button', { name: /^Save$/ }).click();
  expect((await saved).status()).toBe(200);
  expect((await draftOfHer()).stills.map((s) => s.file)).toEqual([her.stills[0].file, her.stills[2].file]);

  // Pick an image through Strapi's media library dialog: it is appended with the file's own alt text.
  await page.getByRole('button', { name: 'Add stills' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('her-still-3.jpg', { exact: true }).waitFor();
  // The innermost element holding both the file name and a checkbox is that file's card.
  const card = dialog
    .locator('div')
    .filter({ has: page.getByText('her-still-3.jpg', { exact: true }) })
    .filter({ has: page.getByRole('checkbox') })
    .last();
  await card.getByRole('checkbox').check();
  await screenshot(page, 'custom-fields-8-media-library');
  await dialog.getByRole('button', { name: 'Finish' }).click();
  await page.getByTestId('still-item').nth(2).locator('img').waitFor();
  expect(await altOrder(page)).toEqual([
    her.stills[0].alt,
    her.stills[2].alt,
    'Elevated pedestrian walkways between tall glass towers in soft haze',
  ]);
  await shotAt(page, page.getByTestId('still-item').nth(2), 'custom-fields-9-added-still');
  const savedAgain = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(REVIEW));
  await page.getByRole('button', { name: /^Save$/ }).click();
  expect((await savedAgain).status()).toBe(200);
  const stored = (await draftOfHer()).stills;
  expect(stored).toHaveLength(3);
  expect(stored[2]).toMatchObject({ alt: 'Elevated pedestrian walkways between tall glass towers in soft haze' });
  await page.close();
});
