/**
 * A new editor writes a whole review in the admin, through the form only:
 * title, film facts (the year typed as digits), cast rows typed, pasted and
 * moved with the keyboard, synopsis, two stills from the media library with
 * their caption and alt text, filming locations and tags as chips (one tag
 * picked from the suggestions), a song link and the rating. The entry is
 * saved and published, and the public REST and GraphQL answers must hold
 * exactly what was typed. axe checks the plugin's inputs on the way.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, loginAdmin, screenshot } from './helpers/browser';
import { startDemoServer, type DemoServer } from './helpers/demo-server';

const REVIEW = 'plugin::movie-reviews.movie-review';

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

const TYPED = {
  title: 'Gravity: thirteen minutes of silence',
  movieTitle: 'Gravity',
  originalTitle: 'Gravity (2013)',
  year: '2013',
  director: 'Alfonso Cuarón',
  imdbId: 'tt1454468',
  runtime: '91',
  synopsis: 'Two astronauts work together to survive after an accident leaves them stranded in space.',
  synopsisSource: 'Warner Bros.',
  synopsisUrl: 'https://www.warnerbros.com/movies/gravity',
  stills: [
    { caption: 'Ryan drifting away from the station', alt: 'An astronaut in a white suit tumbling against the Earth' },
    { caption: 'The capsule at night', alt: 'A small capsule lit by a blue planet below' },
  ],
  locations: ['Shepperton Studios', 'Lake Powell'],
  song: 'https://www.youtube.com/watch?v=3VKoeVMJN8w',
  songTitle: 'Shenzou',
  songArtist: 'Steven Price',
  authorName: 'Margot Lane',
  authorBio: 'Margot reviews films about people alone with machines.',
  authorLinks: [
    { label: 'Website', url: 'https://margotlane.example.net/' },
    { label: 'Letterboxd', url: 'https://letterboxd.example.org/margot' },
  ],
};

/** Pastes `text` into an input the way a browser does: a paste event carrying the clipboard text. */
const paste = (input: Locator, text: string) =>
  input.evaluate((el, value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);

const castValues = async (page: Page) => {
  const rows = page.getByTestId('cast-row');
  const values: string[] = [];
  for (let i = 0; i < (await rows.count()); i += 1) {
    const inputs = rows.nth(i).getByRole('textbox');
    values.push(`${await inputs.nth(0).inputValue()} | ${await inputs.nth(1).inputValue()}`);
  }
  return values;
};

const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return null;
    const labelledBy = el.getAttribute('aria-labelledby');
    const byId = labelledBy ? document.getElementById(labelledBy.split(' ')[0])?.textContent : null;
    const label =
      el.getAttribute('aria-label') ??
      byId ??
      (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
      // Icon buttons name themselves with visually hidden text.
      (el.tagName === 'BUTTON' ? el.textContent : null);
    // A required field's label ends with the design system's "*".
    return label?.replace(/\*$/, '') ?? null;
  });

it('writes a whole review through the form, publishes it, and the public API returns what was typed', async () => {
  // axe's Playwright runner needs a page from an explicit browser context.
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  await loginAdmin(page, server.url);
  await page.goto(`${server.url}/admin/content-manager/collection-types/${REVIEW}/create`);
  try {
    await page.getByRole('textbox', { name: /^Review title/ }).waitFor({ timeout: 30_000 });
  } catch (error) {
    await screenshot(page, 'new-review-failed-to-open');
    throw error;
  }

  // Title and film facts. The year is typed and shown as digits.
  await page.getByRole('textbox', { name: /^Review title/ }).fill(TYPED.title);
  await page.getByRole('textbox', { name: /^Movie title/ }).fill(TYPED.movieTitle);
  await page.getByRole('textbox', { name: /^Original title/ }).fill(TYPED.originalTitle);
  const year = page.getByRole('textbox', { name: /^Year/ });
  await year.fill(TYPED.year);
  await year.blur();
  expect(await year.inputValue()).toBe('2013');
  await page.getByRole('textbox', { name: /^Director/ }).fill(TYPED.director);
  await page.getByRole('textbox', { name: /^IMDb id/ }).fill(TYPED.imdbId);
  await page.getByRole('textbox', { name: /^Runtime/ }).fill(TYPED.runtime);

  // Cast: one row typed, then four lines pasted into the second row (one without a character).
  await page.getByRole('button', { name: 'Add a cast row' }).click();
  await page.getByRole('textbox', { name: 'Actor, row 1' }).fill('Sandra Bullock');
  await page.getByRole('textbox', { name: 'Character (optional), row 1' }).fill('Ryan Stone');
  // Enter in a row opens the next one, with the focus in its actor input.
  await page.keyboard.press('Enter');
  expect(await focusedLabel(page)).toBe('Actor, row 2');
  await paste(
    page.getByRole('textbox', { name: 'Actor, row 2' }),
    'Ed Harris as Mission Control (voice)\nGeorge Clooney as Matt Kowalski\nPhaldut Sharma as Shariff (voice)\nOrto Ignatiussen'
  );
  expect(await castValues(page)).toEqual([
    'Sandra Bullock | Ryan Stone',
    'Ed Harris | Mission Control (voice)',
    'George Clooney | Matt Kowalski',
    'Phaldut Sharma | Shariff (voice)',
    'Orto Ignatiussen | ',
  ]);
  // Reorder from the keyboard: Alt+↑ in George Clooney's row moves it up, and the focus follows it.
  await page.getByRole('textbox', { name: 'Actor, row 3' }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  expect(await castValues(page)).toEqual([
    'Sandra Bullock | Ryan Stone',
    'George Clooney | Matt Kowalski',
    'Ed Harris | Mission Control (voice)',
    'Phaldut Sharma | Shariff (voice)',
    'Orto Ignatiussen | ',
  ]);
  expect(await focusedLabel(page)).toBe('Actor, row 2');
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('George Clooney');
  // And with the buttons: the last row goes up once; focus stays on its "up" button.
  await page.getByRole('button', { name: 'Move row 5 up' }).click();
  expect(await focusedLabel(page)).toBe('Move row 4 up');
  await page.getByRole('button', { name: 'Move row 4 down' }).click();
  expect((await castValues(page))[4]).toBe('Orto Ignatiussen | ');
  await page.getByText('5 of 100 people').waitFor();

  // Synopsis.
  await page.getByRole('textbox', { name: 'Synopsis', exact: true }).fill(TYPED.synopsis);
  await page.getByRole('textbox', { name: 'Source', exact: true }).fill(TYPED.synopsisSource);
  await page.getByRole('textbox', { name: 'Source URL' }).fill(TYPED.synopsisUrl);

  // Stills: two images from the media library, then their caption and alt text.
  await page.getByRole('button', { name: 'Add stills' }).click();
  const dialog = page.getByRole('dialog');
  for (const file of ['her-still-1.jpg', 'her-still-2.jpg']) {
    await dialog.getByText(file, { exact: true }).waitFor();
    await dialog
      .locator('div')
      .filter({ has: page.getByText(file, { exact: true }) })
      .filter({ has: page.getByRole('checkbox') })
      .last()
      .getByRole('checkbox')
      .check();
  }
  await dialog.getByRole('button', { name: 'Finish' }).click();
  await page.getByTestId('still-item').nth(1).waitFor();
  for (const [i, still] of TYPED.stills.entries()) {
    const item = page.getByTestId('still-item').nth(i);
    await item.getByRole('textbox', { name: 'Caption' }).fill(still.caption);
    await item.getByRole('textbox', { name: /^Alt text/ }).fill(still.alt);
  }

  // Filming locations: Enter adds, a comma adds, a duplicate in another case is ignored,
  // Backspace in the empty input removes the last chip.
  const places = page.getByRole('textbox', { name: /^Filming locations/ });
  await places.fill('Shepperton Studios');
  await places.press('Enter');
  await places.fill('shepperton studios');
  await places.press('Enter');
  await page.getByText('“shepperton studios” is already in the list').waitFor();
  await places.fill('Pinewood');
  await places.press(',');
  await places.press('Backspace');
  expect(await page.getByTestId('filmingLocations-chip').allTextContents()).toEqual(['Shepperton Studios']);
  await places.fill('Lake Powel');
  await places.press('Backspace'); // not empty: edits the text, keeps the chips
  await places.pressSequentially('ll');
  await places.press(',');
  expect(await page.getByTestId('filmingLocations-chip').allTextContents()).toEqual(TYPED.locations);

  // Tags: "rom" suggests the seeded "romance"; pick it from the keyboard, then type a new one.
  const tags = page.getByRole('combobox', { name: /^Tags/ });
  await tags.pressSequentially('rom');
  const option = page.getByRole('option', { name: /romance/ });
  await option.waitFor();
  expect(await tags.getAttribute('aria-expanded')).toBe('true');
  await tags.press('ArrowDown');
  expect(await tags.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
  expect(await option.getAttribute('aria-selected')).toBe('true');
  await tags.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await screenshot(page, 'new-review-1-tag-suggestions');
  await tags.press('Enter');
  await tags.fill('space survival');
  await tags.press('Enter');
  expect(await page.getByTestId('tags-chip').allTextContents()).toEqual(['romance', 'space survival']);

  // Song.
  await page.getByRole('textbox', { name: 'Song', exact: true }).fill(TYPED.song);
  await page.getByText('Detected: YouTube').waitFor();
  await page.getByRole('textbox', { name: 'Song title' }).fill(TYPED.songTitle);
  await page.getByRole('textbox', { name: 'Artist' }).fill(TYPED.songArtist);

  // Rating: 8 typed, then half a step up with the slider from the keyboard, read out as "8.5 out of 10".
  await page.getByRole('textbox', { name: /^Rating/ }).fill('8');
  const slider = page.getByRole('slider', { name: 'Rating on a scale of 0 to 10' });
  expect(await slider.getAttribute('aria-valuetext')).toBe('8 out of 10');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  expect(await slider.getAttribute('aria-valuetext')).toBe('8.5 out of 10');
  expect(await page.getByRole('textbox', { name: /^Rating/ }).inputValue()).toBe('8.5');

  // A new author, with an avatar and two links, created from Strapi's own relation input
  // ("Create a relation" opens the author form in a modal), then picked in that input.
  const authorInput = page.getByRole('combobox', { name: /^Author/ });
  await authorInput.click();
  await page.getByRole('option', { name: /Create a relation/ }).click();
  const modal = page.getByRole('dialog');
  const authorName = modal.getByRole('textbox', { name: /^Name/ });
  await authorName.waitFor();
  await authorName.fill(TYPED.authorName);
  await modal.getByRole('textbox', { name: /^Bio/ }).fill(TYPED.authorBio);
  await modal.getByText(/Click to add an asset/).click();
  const library = page.getByRole('dialog').filter({ hasText: 'mara-okafor-avatar.jpg' });
  await library.getByText('mara-okafor-avatar.jpg', { exact: true }).waitFor();
  await library
    .locator('div')
    .filter({ has: page.getByText('mara-okafor-avatar.jpg', { exact: true }) })
    .filter({ has: page.getByRole('checkbox') })
    .last()
    .getByRole('checkbox')
    .check();
  await library.getByRole('button', { name: 'Finish' }).click();
  for (const [i, link] of TYPED.authorLinks.entries()) {
    await modal.getByRole('button', { name: 'Add a link' }).click();
    await modal
      .getByRole('textbox', { name: /^Label/ })
      .nth(i)
      .fill(link.label);
    await modal.getByRole('textbox', { name: /^URL/ }).nth(i).fill(link.url);
  }
  await screenshot(page, 'new-review-1b-author-modal');
  const authorCreated = page.waitForResponse(
    (r) => r.request().method() === 'POST' && r.url().includes('plugin::movie-reviews.author')
  );
  await modal.getByRole('button', { name: /^Save$/ }).click();
  expect((await authorCreated).status()).toBe(201);
  // Close the modal; if Strapi asks whether to drop unsaved changes (the entry is saved), confirm.
  await modal.getByText('Edit a relation').waitFor();
  await screenshot(page, 'new-review-1c-author-saved');
  await page.keyboard.press('Escape');
  const confirmClose = page.getByRole('alertdialog');
  await confirmClose
    .waitFor({ timeout: 2000 })
    .then(() => confirmClose.getByRole('button', { name: /^Confirm$/ }).click())
    .catch(() => undefined);
  try {
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 10_000 });
  } catch (error) {
    await screenshot(page, 'new-review-author-modal-stuck');
    throw error;
  }
  await authorInput.click();
  await authorInput.pressSequentially(TYPED.authorName.slice(0, 5));
  await page.getByRole('option', { name: new RegExp(TYPED.authorName) }).click();

  await screenshot(page, 'new-review-2-filled');
  // The whole filled form at 1280 wide (docs/edit-view.png is taken from this one).
  await page
    .getByRole('button', { name: 'Close' })
    .first()
    .click({ timeout: 2000 })
    .catch(() => undefined);
  await page.setViewportSize({ width: 1280, height: 3750 });
  await page.getByRole('textbox', { name: /^Review title/ }).evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await screenshot(page, 'new-review-edit-view');
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.getByRole('slider').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await screenshot(page, 'new-review-2b-lower-half');

  // axe on the plugin's inputs: no serious or critical violation.
  const axe = await new AxeBuilder({ page }).include('[data-movie-reviews-input]').analyze();
  const serious = axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => `${n.target.join(' ')} ${n.html} ${n.failureSummary ?? ''}`),
    }));
  expect(serious).toEqual([]);
  expect(axe.passes.length).toBeGreaterThan(5);

  // Save, then publish.
  const created = page.waitForResponse(
    (r) => r.request().method() === 'POST' && r.url().includes(REVIEW) && !r.url().includes('/actions/')
  );
  await page.getByRole('button', { name: /^Save$/ }).click();
  const createdRes = await created;
  expect(createdRes.status()).toBe(201);
  await page.waitForURL((url) => !url.pathname.endsWith('/create'));
  const published = page.waitForResponse(
    (r) => r.request().method() === 'POST' && r.url().includes('/actions/publish')
  );
  await page.getByRole('button', { name: /^Publish$/ }).click();
  const publishedRes = await published;
  expect(publishedRes.status()).toBe(200);
  const slug = ((await publishedRes.json()) as { data: { slug: string } }).data.slug;
  expect(slug).toMatch(/^gravity-thirteen-minutes-of-silence/);
  await screenshot(page, 'new-review-3-published');

  // The public REST answer holds exactly what was typed.
  const rest = await fetch(`${server.url}/api/movie-reviews/reviews/${slug}`);
  expect(rest.status).toBe(200);
  const detail = ((await rest.json()) as { data: Record<string, unknown> }).data;
  const expected = {
    title: TYPED.title,
    movie: {
      title: TYPED.movieTitle,
      originalTitle: TYPED.originalTitle,
      year: 2013,
      director: TYPED.director,
      cast: [
        { actor: 'Sandra Bullock', character: 'Ryan Stone' },
        { actor: 'George Clooney', character: 'Matt Kowalski' },
        { actor: 'Ed Harris', character: 'Mission Control (voice)' },
        { actor: 'Phaldut Sharma', character: 'Shariff (voice)' },
        { actor: 'Orto Ignatiussen', character: null },
      ],
      imdbId: TYPED.imdbId,
      runtimeMinutes: 91,
    },
    synopsis: { text: TYPED.synopsis, source: TYPED.synopsisSource, sourceUrl: TYPED.synopsisUrl },
    filmingLocations: TYPED.locations,
    song: { url: TYPED.song, provider: 'youtube', title: TYPED.songTitle, artist: TYPED.songArtist },
    rating: 8.5,
    tags: ['romance', 'space survival'],
    author: { name: TYPED.authorName, bio: TYPED.authorBio, links: TYPED.authorLinks },
  };
  expect(detail).toMatchObject(expected);
  const stills = detail.stills as Array<{ caption: string; alt: string; image: { url: string; mime: string } }>;
  expect(stills.map(({ caption, alt }) => ({ caption, alt }))).toEqual(TYPED.stills);
  expect(stills.map((s) => s.image.mime)).toEqual(['image/jpeg', 'image/jpeg']);
  // The avatar picked in the modal, with the alt text it has in the media library.
  const author = detail.author as { slug: string; avatar: { mime: string; alternativeText: string | null } | null };
  expect(author.slug).toMatch(/^margot-lane/);
  expect(author.avatar).toMatchObject({
    mime: 'image/jpeg',
    alternativeText: 'Portrait of Mara Okafor against a dusk sky',
  });

  // GraphQL returns the same.
  const gql = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      query: `query($slug: String!) { movieReview(slug: $slug) {
        title
        movie { title originalTitle year director cast { actor character } imdbId runtimeMinutes }
        synopsis { text source sourceUrl }
        stills { caption alt image { url mime } }
        filmingLocations
        song { url provider title artist }
        rating
        tags
        author { name bio links { label url } }
      } }`,
      variables: { slug },
    }),
  });
  expect(gql.status).toBe(200);
  const viaGraphql = ((await gql.json()) as { data: { movieReview: Record<string, unknown> } }).data.movieReview;
  expect(viaGraphql).toEqual({
    ...expected,
    stills: stills.map(({ caption, alt, image }) => ({ caption, alt, image: { url: image.url, mime: image.mime } })),
  });

  // The list view shows the year as 2013, not 2,013.
  await page.goto(`${server.url}/admin/content-manager/collection-types/${REVIEW}`);
  const row = page.getByRole('row').filter({ hasText: TYPED.title });
  await row.waitFor();
  expect(await row.getByRole('gridcell', { name: '2013', exact: true }).count()).toBe(1);
  expect(await row.getByText('2,013').count()).toBe(0);
  await screenshot(page, 'new-review-4-list-view');
  await context.close();
});
