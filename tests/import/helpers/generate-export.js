'use strict';
/**
 * Writes a large WordPress (WXR 1.2) export for the import benchmark and tests:
 * `posts` review posts, each with a captioned still from `imageOrigin`, an IMDb
 * synopsis, a YouTube embed, tags, and `commentsPerPost` comments (a third of
 * them replies, some pending). Streamed to disk, so any size fits in memory.
 */
const fs = require('node:fs');

const cdata = (text) => `<![CDATA[${String(text).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const YT = ['WzV6mXIOVl4', 'ORFWdXl_zJ4', 'TGRDYpCmMcM', 'HUECWi5pX7o', 'dQw4w9WgXcQ'];
const WORDS = [
  'light',
  'rain',
  'city',
  'train',
  'night',
  'letter',
  'house',
  'river',
  'silence',
  'music',
  'window',
  'road',
];
const sentence = (seed, n) => Array.from({ length: n }, (_, i) => WORDS[(seed * 7 + i * 3) % WORDS.length]).join(' ');

const post = (i, imageOrigin, commentsPerPost) => {
  const year = 1950 + (i % 70);
  const date = new Date(Date.UTC(2010, 0, 1) + i * 86_400_000).toISOString().replace('T', ' ').slice(0, 19);
  const body = [
    `IMDb: A story of ${sentence(i, 12)}.`,
    '',
    `<p>Film number ${i} is about ${sentence(i + 1, 30)}. <strong>${sentence(i + 2, 3)}</strong> and <em>${sentence(i + 3, 4)}</em>.</p>`,
    `[caption id="attachment_${i}" align="aligncenter" width="640"]<img src="${imageOrigin}/still-${i}.jpg" alt="Still ${i}" width="640" height="272" /> Caption of film ${i}.[/caption]`,
    `<h2>${sentence(i + 4, 3)}</h2>`,
    `<ul><li>${sentence(i + 5, 5)}</li><li>${sentence(i + 6, 5)}</li></ul>`,
    `<blockquote>${sentence(i + 7, 15)}</blockquote>`,
    `<p>${sentence(i + 8, 60)}</p>`,
    `<iframe width="560" height="315" src="https://www.youtube.com/embed/${YT[i % YT.length]}"></iframe>`,
  ].join('\n');
  const comments = Array.from({ length: commentsPerPost }, (_, j) => {
    const id = i * commentsPerPost + j + 1;
    const parent = j % 3 === 2 ? id - 1 : 0;
    return `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>${cdata(`Reader ${j}`)}</wp:comment_author><wp:comment_author_email>reader${j}@mail.example.net</wp:comment_author_email><wp:comment_author_IP>198.51.100.${j}</wp:comment_author_IP><wp:comment_date_gmt>${date}</wp:comment_date_gmt><wp:comment_content>${cdata(`Comment ${j} on film ${i}: ${sentence(id, 12)}.`)}</wp:comment_content><wp:comment_approved>${j % 5 === 4 ? 0 : 1}</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`;
  }).join('\n');
  return `<item><title>${cdata(`Review: Film ${i} (${year})`)}</title><link>https://bench.example.com/${year}/film-${i}/</link><dc:creator>bench</dc:creator><guid isPermaLink="false">https://bench.example.com/?p=${i}</guid><content:encoded>${cdata(body)}</content:encoded><wp:post_id>${i}</wp:post_id><wp:post_date_gmt>${date}</wp:post_date_gmt><wp:post_name>film-${i}-${year}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain="category" nicename="reviews">${cdata('Reviews')}</category><category domain="post_tag" nicename="t${i % 10}">${cdata(`Tag ${i % 10}`)}</category>
${comments}
</item>\n`;
};

/** Writes the export; resolves with its size in bytes. */
const generateExport = async (file, { posts = 2000, commentsPerPost = 10, imageOrigin }) => {
  const out = fs.createWriteStream(file);
  const write = (text) => (out.write(text) ? Promise.resolve() : new Promise((r) => out.once('drain', r)));
  await write(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench blog</title><link>https://bench.example.com</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://bench.example.com</wp:base_blog_url>
<wp:author><wp:author_login>bench</wp:author_login><wp:author_display_name>${cdata('Bench Writer')}</wp:author_display_name></wp:author>
`);
  for (let i = 1; i <= posts; i += 1) await write(post(i, imageOrigin, commentsPerPost));
  await write('</channel>\n</rss>\n');
  await new Promise((resolve) => out.end(resolve));
  return fs.statSync(file).size;
};

module.exports = { generateExport };
