'use strict';
/**
 * Deterministic generated content for the benchmark: film titles, synopses, review bodies, cast,
 * songs and comments. A seeded PRNG keeps every run's data the same, so runs compare.
 */

const mulberry32 = (seed) => () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const createRandom = (seed = 20260601) => {
  const next = mulberry32(seed);
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  return { next, int, pick };
};

const ADJECTIVES = [
  'Silent',
  'Last',
  'Burning',
  'Hidden',
  'Paper',
  'Northern',
  'Glass',
  'Midnight',
  'Wandering',
  'Borrowed',
  'Hollow',
  'Golden',
  'Quiet',
  'Electric',
  'Distant',
  'Velvet',
  'Broken',
  'Second',
  'Winter',
  'Salt',
];
const NOUNS = [
  'Harbour',
  'Orchard',
  'Signal',
  'Lantern',
  'River',
  'Archive',
  'Season',
  'Station',
  'Garden',
  'Letter',
  'Mirror',
  'Circus',
  'Border',
  'Lighthouse',
  'Summer',
  'Machine',
  'Island',
  'Parade',
  'Kingdom',
  'Frequency',
];
const FIRST = [
  'Ana',
  'Bruno',
  'Chiara',
  'Dev',
  'Elif',
  'Farid',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Kaja',
  'Luca',
  'Maya',
  'Nadia',
  'Omar',
  'Pia',
  'Quentin',
  'Rosa',
  'Sami',
  'Tove',
];
const LAST = [
  'Almeida',
  'Berg',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fontaine',
  'Garcia',
  'Haddad',
  'Ito',
  'Jansen',
  'Kowalski',
  'Lindqvist',
  'Moreau',
  'Novak',
  'Okafor',
  'Petrov',
  'Quinn',
  'Rossi',
  'Sato',
  'Varga',
];
const WORDS = (
  'the film camera light frame scene actor night city silence music memory story house road sea window ' +
  'voice face rain morning shadow colour edit rhythm score dialogue ending beginning character journey distance ' +
  'quietly slowly warmly patiently gently suddenly almost never always carefully openly'
).split(' ');
const CITIES = [
  'Lisbon',
  'Reykjavik',
  'Marseille',
  'Osaka',
  'Tbilisi',
  'Valparaíso',
  'Trieste',
  'Montreal',
  'Dakar',
  'Bergen',
];
const TAGS = [
  'drama',
  'comedy',
  'romance',
  'thriller',
  'documentary',
  'animation',
  'science fiction',
  'western',
  'noir',
  'musical',
];
const YT = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';

const sentence = (rnd, min = 8, max = 18) => {
  const n = rnd.int(min, max);
  const words = Array.from({ length: n }, () => rnd.pick(WORDS));
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return `${words.join(' ')}.`;
};
const paragraphText = (rnd, sentences) => Array.from({ length: sentences }, () => sentence(rnd)).join(' ');
const person = (rnd) => `${rnd.pick(FIRST)} ${rnd.pick(LAST)}`;
const slugify = (s) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** A review's attributes (without stills, ids and timestamps). `n` makes title and slug unique. */
const reviewData = (rnd, n) => {
  const movieTitle = `The ${rnd.pick(ADJECTIVES)} ${rnd.pick(NOUNS)} ${n}`;
  const movieYear = rnd.int(1927, 2025);
  const castSize = rnd.int(2, 5);
  const videoId = Array.from({ length: 11 }, () => rnd.pick(YT.split(''))).join('');
  return {
    title: `${movieTitle}: ${sentence(rnd, 3, 6).replace(/\.$/, '').toLowerCase()}`.slice(0, 200),
    slug: `${slugify(movieTitle)}-${movieYear}`,
    movieTitle,
    movieOriginalTitle: rnd.next() < 0.2 ? `${movieTitle} (original)` : null,
    movieYear,
    movieDirector: person(rnd),
    movieCast: Array.from({ length: castSize }, () => ({ actor: person(rnd), character: person(rnd).split(' ')[0] })),
    movieImdbId: `tt${String(rnd.int(1000000, 9999999))}`,
    movieRuntimeMinutes: rnd.int(75, 190),
    synopsis: {
      text: paragraphText(rnd, 4),
      source: 'IMDb',
      sourceUrl: `https://www.imdb.com/title/tt${rnd.int(1000000, 9999999)}/`,
    },
    body: Array.from({ length: rnd.int(3, 6) }, () => ({
      type: 'paragraph',
      children: [{ type: 'text', text: paragraphText(rnd, rnd.int(3, 6)) }],
    })),
    filmingLocations: [...new Set(Array.from({ length: rnd.int(1, 3) }, () => rnd.pick(CITIES)))],
    song: {
      url: `https://www.youtube.com/watch?v=${videoId}`,
      provider: 'youtube',
      title: `${rnd.pick(ADJECTIVES)} ${rnd.pick(NOUNS)} Theme`,
      artist: person(rnd),
      startAt: rnd.next() < 0.3 ? rnd.int(5, 120) : null,
    },
    rating: rnd.int(0, 20) / 2,
    authorName: person(rnd),
    authorBio: paragraphText(rnd, 2),
    tags: [...new Set(Array.from({ length: rnd.int(1, 3) }, () => rnd.pick(TAGS)))],
    commentsEnabled: true,
  };
};

const stillText = (rnd) => ({
  caption: sentence(rnd, 6, 14),
  alt: sentence(rnd, 5, 10),
});

const commentData = (rnd) => ({
  authorName: person(rnd),
  authorEmail: `reader${rnd.int(1, 99999)}@example.com`,
  content: paragraphText(rnd, rnd.int(1, 4)),
  ip: `198.51.100.${rnd.int(1, 254)}`,
  userAgent: 'movie-reviews-bench',
});

/** Strapi-style document ids: 24 lowercase alphanumerics starting with a letter. */
const documentIdFactory = (rnd) => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return () => {
    let id = alphabet[Math.floor(rnd.next() * 26)];
    while (id.length < 24) id += alphabet[Math.floor(rnd.next() * alphabet.length)];
    return id;
  };
};

module.exports = { createRandom, reviewData, stillText, commentData, documentIdFactory, slugify };
