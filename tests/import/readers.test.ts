/**
 * The dry run without a database: each export shape is read into posts, and
 * each post is analysed into the review it would become. Hostile files are
 * refused with a message that says why.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyseFile, fixtureCopy, FIXTURES, planFor } from './helpers/exports';
import { readExport } from '../../server/src/import/read-export';
import { ImportFileError, MAX_ATTRIBUTE_LENGTH } from '../../server/src/import/xml-stream';
import { isPrivateAddress } from '../../server/src/import/image-fetch';
import { convertToBlocks } from '../../server/src/import/blocks';
import { parseHtml } from '../../server/src/import/html-tree';
import { movieFromTitle } from '../../server/src/import/film-facts';

const IMAGES = 'https://images.example.com';

const refusal = async (file: string): Promise<ImportFileError> => {
  try {
    await readExport(file, () => undefined);
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error(`${file} was read without error`);
};

describe('WordPress WXR exports', () => {
  it('reads a WXR 1.2 post into film, synopsis, captioned stills, song, tags, author and threaded comments', async () => {
    const { format, version, plans } = await analyseFile(fixtureCopy('wordpress-wxr-1.2.xml', IMAGES));
    expect([format, version]).toEqual(['wxr', '1.2']);
    const { report, blocks, comments } = planFor(plans, 'Review: Her (2013)');
    expect(report).toMatchObject({
      movieTitle: 'Her',
      movieYear: 2013,
      movieDirector: 'Spike Jonze',
      slug: 'review-her-2013',
      author: 'Mara Quill',
      tags: ['Reviews', 'Sci-Fi', 'Romance'],
      song: { provider: 'youtube' },
      synopsis: { source: 'IMDb' },
      skip: null,
    });
    expect(report.synopsis?.text).toMatch(/^In a near future, a lonely writer/);
    expect(report.stills).toEqual([
      { src: `${IMAGES}/her-1.jpg`, caption: "Theodore writes other people's letters.", alt: 'Theodore at his desk' },
      { src: `${IMAGES}/missing.jpg`, caption: 'The beach at night.', alt: 'The beach at night.' },
    ]);
    expect(report.comments.map((c) => [c.name, c.email, c.approved, c.replies.map((r) => r.name)])).toEqual([
      ['Ines', 'ines@mail.example.net', true, ['Mara Quill']],
      ['Pending Pete', 'pete@mail.example.net', false, []],
      ['Cheap Pills', 'spam@spam.example.org', false, []],
    ]);
    expect(comments.map((c) => c.state)).toEqual(['approved', 'pending', 'spam', 'approved']);
    expect(report.unmapped).toContainEqual({
      part: 'comment',
      reason: expect.stringMatching(/pingback, not a reader comment/),
    });
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'heading', 'paragraph', 'list', 'quote']);
  });

  it('reads Gutenberg markup: figure captions, headings, nested lists, code, a Spotify link; drops script and style', async () => {
    const { plans } = await analyseFile(fixtureCopy('wordpress-wxr-1.2.xml', IMAGES));
    const { report, blocks } = planFor(plans, 'Paterson (2016) – a review');
    expect(report).toMatchObject({
      movieTitle: 'Paterson',
      movieYear: 2016,
      slug: 'paterson',
      song: { provider: 'spotify' },
    });
    expect(report.stills).toEqual([
      { src: `${IMAGES}/paterson.png`, caption: 'The secret notebook.', alt: "Paterson's notebook" },
    ]);
    expect(report.synopsis).toEqual({
      text: 'Paterson drives a bus in Paterson, New Jersey, and writes poetry in a notebook.',
      source: 'IMDb',
      sourceUrl: null,
    });
    expect(report.unmapped.map((u) => u.part)).toEqual(expect.arrayContaining(['script', 'style']));
    expect(JSON.stringify(blocks)).not.toMatch(/alert|color: red/);
    expect(blocks).toContainEqual({ type: 'code', children: [{ type: 'text', text: 'if (poem) { read(); }' }] });
    expect(blocks).toContainEqual(
      expect.objectContaining({
        type: 'list',
        format: 'ordered',
        children: expect.arrayContaining([expect.objectContaining({ type: 'list', indentLevel: 1 })]),
      })
    );
  });

  it('skips a post with no film year and a page with their reasons, and leaves attachments out of the report', async () => {
    const { plans } = await analyseFile(fixtureCopy('wordpress-wxr-1.2.xml', IMAGES));
    expect(plans.map((p) => [p.report.title, p.report.skip])).toEqual([
      ['Review: Her (2013)', null],
      ['Paterson (2016) – a review', null],
      ['Why I still love cinemas', expect.stringMatching(/no film year/)],
      ['About', 'a page, not a post'],
    ]);
  });

  it('reads WXR 1.1: wp-caption divs, IMDb links, drafts, unusable tags and orphan replies, with reasons', async () => {
    const { version, plans } = await analyseFile(fixtureCopy('wordpress-wxr-1.1.xml', IMAGES));
    expect(version).toBe('1.1');
    const { report, blocks } = plans[0];
    expect(report).toMatchObject({
      movieTitle: 'Stalker',
      movieYear: 1979,
      movieImdbId: 'tt0079944',
      status: 'draft',
      author: 'Tom K.',
      tags: ['Classics', 'Uncategorized'],
    });
    expect(report.stills).toEqual([{ src: `${IMAGES}/stalker.gif`, caption: 'Into the Zone.', alt: 'The Zone' }]);
    expect(report.unmapped).toEqual(
      expect.arrayContaining([
        { part: 'tag', reason: expect.stringMatching(/"#!!" is not a usable tag/) },
        { part: 'comment', reason: expect.stringMatching(/parent is not in the export/) },
      ])
    );
    expect(JSON.stringify(blocks)).not.toMatch(/javascript:/);
    expect(plans[0].comments[0].content).toBe('Long but worth it.');
  });

  it('reads WXR 1.0 classic text: blank lines are paragraphs, a bare YouTube line becomes the song', async () => {
    const { version, plans } = await analyseFile(fixtureCopy('wordpress-wxr-1.0.xml', IMAGES));
    expect(version).toBe('1.0');
    const { report, blocks } = plans[0];
    expect(report).toMatchObject({
      movieTitle: 'Up',
      movieYear: 2009,
      song: { provider: 'youtube', url: 'https://www.youtube.com/watch?v=ORFWdXl_zJ4' },
      author: 'oldreels',
    });
    expect(report.synopsis?.text).toMatch(/^Seventy-eight year old Carl/);
    expect(report.stills).toEqual([{ src: `${IMAGES}/up.jpg`, caption: null, alt: 'The house lifts off' }]);
    expect(blocks).toHaveLength(1);
    expect(JSON.stringify(blocks)).not.toMatch(/youtube/);
  });
});

describe('Blogger exports', () => {
  it('reads the Atom feed: kind#post and kind#comment entries, caption tables, labels, threaded replies, drafts', async () => {
    const { format, plans } = await analyseFile(fixtureCopy('blogger-atom.xml', IMAGES));
    expect(format).toBe('blogger-atom');
    expect(plans.map((p) => p.report.title)).toEqual(['Review: Amélie (2001)', 'Spirited Away (2001)']);
    const { report } = plans[0];
    expect(report).toMatchObject({
      movieTitle: 'Amélie',
      movieYear: 2001,
      movieDirector: 'Jean-Pierre Jeunet',
      slug: 'review-amelie-2001',
      tags: ['Drama', 'Review'],
      author: 'Lou',
      song: { provider: 'youtube' },
    });
    // The linked full-size image, the caption from the caption row; the tracking pixel is not a still.
    expect(report.stills).toEqual([
      {
        src: `${IMAGES}/amelie-s1600.jpg`,
        caption: 'Amélie at the Canal Saint-Martin',
        alt: 'Amélie at the Canal Saint-Martin',
      },
    ]);
    expect(report.comments.map((c) => [c.name, c.email, c.replies.map((r) => r.name)])).toEqual([
      ['Noor', null, ['Lou']],
      ['Anonymous', null, []],
    ]);
    expect(plans[0].comments[0].content).toBe('Loved it <3 my blog');
    expect(plans[1].report.status).toBe('draft');
  });

  it('reads the blogger: export: types, statuses, parents and replies; pages and trashed posts are skipped with reasons', async () => {
    const { format, plans } = await analyseFile(fixtureCopy('blogger-export.atom', IMAGES));
    expect(format).toBe('blogger');
    expect(plans.map((p) => [p.report.title, p.report.skip])).toEqual([
      ['Parasite (2019): review', null],
      ['Contact', 'a page, not a post'],
      ['Old (2021)', 'has the status SOFT_TRASHED on the old blog'],
    ]);
    const { report, comments } = plans[0];
    expect(report).toMatchObject({
      movieTitle: 'Parasite',
      movieYear: 2019,
      slug: 'parasite-2019-review',
      song: { provider: 'spotify' },
      tags: ['Thriller', 'Korea'],
    });
    expect(report.stills).toEqual([
      { src: `${IMAGES}/parasite.jpg`, caption: 'Stairs, always stairs.', alt: 'The staircase' },
    ]);
    expect(comments.map((c) => [c.authorName, c.state, c.parentSourceId])).toEqual([
      // Parents before replies.
      ['Jin', 'approved', null],
      ['Waiting', 'pending', null],
      ['Spammer', 'spam', null],
      ['Ada Reel', 'approved', 'tag:blogger.com,1999:blog-4242.post-600'],
    ]);
    expect(report.unmapped).toContainEqual({
      part: 'iframe',
      reason: 'embedded content from evil.example.com removed: only song links become embeds',
    });
  });
});

describe('hostile and wrong files', () => {
  it('refuses external entities (XXE) before reading any post', async () => {
    const posts: unknown[] = [];
    await expect(readExport(path.join(FIXTURES, 'hostile-xxe.xml'), (p) => void posts.push(p))).rejects.toThrow(
      /DOCTYPE.*external entities \(XXE\)/
    );
    expect(posts).toEqual([]);
  });

  it('refuses entity expansion ("billion laughs") without expanding anything', async () => {
    const error = await refusal(path.join(FIXTURES, 'hostile-billion-laughs.xml'));
    expect(error.problem).toBe('doctype');
    expect(error.message).toMatch(/billion laughs/);
  });

  it('names the line and column of malformed XML', async () => {
    const error = await refusal(path.join(FIXTURES, 'hostile-malformed.xml'));
    expect(error.problem).toBe('malformed');
    expect(error.message).toMatch(/not well-formed XML: \d+:\d+/);
  });

  it('tells an RSS feed, a plain Atom feed and a non-feed apart from real exports', async () => {
    expect((await refusal(path.join(FIXTURES, 'wrong-format.xml'))).message).toMatch(/not a WordPress export/);
    expect((await refusal(path.join(FIXTURES, 'wrong-format-atom.xml'))).message).toMatch(/not a Blogger export/);
    const html = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mr-')), 'page.xml');
    fs.writeFileSync(html, '<html><body>hello</body></html>');
    expect((await refusal(html)).message).toMatch(/root element is <html>/);
  });

  it('refuses a huge attribute', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mr-')), 'huge.xml');
    fs.writeFileSync(
      file,
      `<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title a="${'x'.repeat(MAX_ATTRIBUTE_LENGTH + 1)}">t</title></item></channel></rss>`
    );
    const error = await refusal(file);
    expect(error.problem).toBe('limit');
  });

  it('refuses a file in another encoding than UTF-8', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mr-')), 'latin1.xml');
    fs.writeFileSync(
      file,
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss xmlns:wp="http://wordpress.org/export/1.2/"/>'
    );
    expect((await refusal(file)).problem).toBe('encoding');
  });
});

describe('HTML to blocks', () => {
  it('keeps bold, italic, underline, strikethrough, code and safe links; drops script, style, iframe and unsafe links', () => {
    const root = parseHtml(
      '<p><b>B</b> <i>I</i> <u>U</u> <s>S</s> <code>C</code> <a href="https://ok.example">ok</a> <a href="javascript:x()">bad</a><script>x()</script></p><style>p{}</style><iframe src="https://a.example"></iframe><h7>not a heading</h7>'
    );
    const { blocks, dropped } = convertToBlocks(root);
    expect(dropped.sort()).toEqual(['iframe', 'script', 'style']);
    expect(blocks[0]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'B', bold: true },
        { type: 'text', text: ' ' },
        { type: 'text', text: 'I', italic: true },
        { type: 'text', text: ' ' },
        { type: 'text', text: 'U', underline: true },
        { type: 'text', text: ' ' },
        { type: 'text', text: 'S', strikethrough: true },
        { type: 'text', text: ' ' },
        { type: 'text', text: 'C', code: true },
        { type: 'text', text: ' ' },
        { type: 'link', url: 'https://ok.example/', children: [{ type: 'text', text: 'ok' }] },
        { type: 'text', text: ' bad' },
      ],
    });
    expect(JSON.stringify(blocks)).not.toMatch(/x\(\)|p\{\}/);
  });
});

describe('film facts from post titles', () => {
  it.each([
    ['Review: Her (2013)', 'Her', 2013],
    ['Film review – Alien [1979]', 'Alien', 1979],
    ['“Stalker” (1979)', 'Stalker', 1979],
    ['Parasite (2019): review', 'Parasite', 2019],
    ['Movie review - Up', 'Up', null],
  ])('reads %s as %s (%s)', (title, film, year) => {
    expect(movieFromTitle(title)).toEqual({ title: film, year });
  });
});

describe('image hosts', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
  ])('treats %s as private', (address) => expect(isPrivateAddress(address)).toBe(true));
  it.each(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'])('treats %s as public', (address) =>
    expect(isPrivateAddress(address)).toBe(false)
  );
});
