/**
 * The demo's sample content. Every sentence of the synopsis, body, bio and
 * comments was written for this project.
 */
type Block = { type: 'paragraph'; children: Array<{ type: 'text'; text: string; bold?: boolean; italic?: boolean }> };

const paragraph = (text: string): Block => ({ type: 'paragraph', children: [{ type: 'text', text }] });

export const HER_SLUG = 'her-2013';
export const DRAFT_SLUG = 'the-unfinished-draft-2024';

export const her = {
  title: 'Her: a love story told mostly to an earpiece',
  slug: HER_SLUG,
  movieTitle: 'Her',
  movieOriginalTitle: null,
  movieYear: 2013,
  movieDirector: 'Spike Jonze',
  movieCast: [
    { actor: 'Joaquin Phoenix', character: 'Theodore Twombly' },
    { actor: 'Scarlett Johansson', character: 'Samantha (voice)' },
    { actor: 'Amy Adams', character: 'Amy' },
  ],
  movieImdbId: 'tt1798709',
  movieRuntimeMinutes: 126,
  synopsis: {
    text:
      'In a softly lit Los Angeles of the near future, Theodore writes heartfelt letters for strangers for a living ' +
      'while his own divorce sits unsigned on his desk. He installs a new operating system that names itself Samantha, ' +
      'and what begins as help with his inbox turns into the closest relationship he has had in years.',
    source: 'IMDb',
    sourceUrl: 'https://www.imdb.com/title/tt1798709/',
  },
  body: [
    paragraph(
      'Spike Jonze sets his film a few years ahead of us and then refuses to make the future the subject. There are no chases ' +
        'and no warnings about machines; there are high-waisted trousers, warm lamps and a man who talks to his phone the way ' +
        'people once talked to a diary. The quiet is the point.'
    ),
    paragraph(
      'Joaquin Phoenix plays Theodore almost entirely in close-up, listening. Much of the time he is the only face on screen, ' +
        'and the film trusts him to carry conversations whose other half is a voice. Scarlett Johansson gives that voice a ' +
        'curiosity that changes pace as Samantha grows, so that by the last act she sounds less like a companion and more like ' +
        'someone who has already started to leave.'
    ),
    paragraph(
      'What stays with me is how generous the film is to everyone in it. Amy Adams, as the friend down the hall, gets the ' +
        'scenes that keep the story on the ground. Nobody is mocked for loving what they love. It is a film about being changed ' +
        'by a relationship, and about the odd grief of being outgrown.'
    ),
  ],
  filmingLocations: ['Shanghai', 'Los Angeles'],
  song: {
    url: 'https://www.youtube.com/watch?v=3VKoeVMJN8w',
    provider: 'youtube',
    title: 'The Moon Song',
    artist: 'Karen O',
    startAt: null,
  },
  rating: 9,
  tags: ['romance', 'science fiction', 'drama'],
  commentsEnabled: true,
};

export const AUTHOR_SLUG = 'mara-okafor';

/** The author of the seeded reviews (an Author entry, with an avatar and two links). */
export const author = {
  name: 'Mara Okafor',
  slug: AUTHOR_SLUG,
  bio: 'Mara writes about films in which people talk more than they shoot. She keeps a list of every film score she has hummed on a bus.',
  links: [
    { label: 'Blog', url: 'https://maraokafor.example.net/' },
    { label: 'Mastodon', url: 'https://mastodon.example.org/@mara' },
  ],
};

export const authorAvatar = {
  caption: 'Mara Okafor',
  alt: 'Portrait of Mara Okafor against a dusk sky',
  palette: ['#3b2c4f', '#c9826b', '#1f1a2b'],
};

export const stillCaptions = [
  {
    caption: 'Theodore at the window of his apartment, the city a wash of evening colour behind him.',
    alt: 'A figure at a tall window against an orange and pink city skyline at dusk',
    palette: ['#f4a261', '#e76f51', '#2a9d8f'],
  },
  {
    caption: 'The beach day: the phone in his shirt pocket, lens turned outwards so Samantha can see.',
    alt: 'A wide sandy beach under a pale sky with small figures near the water',
    palette: ['#e9c46a', '#8ecae6', '#219ebc'],
  },
  {
    caption: 'The elevated walkways, shot in Shanghai, standing in for a future Los Angeles.',
    alt: 'Elevated pedestrian walkways between tall glass towers in soft haze',
    palette: ['#adb5bd', '#6c757d', '#ffb703'],
  },
];

export const comments = [
  {
    key: 'first',
    authorName: 'Jonas',
    authorEmail: 'jonas@example.com',
    content:
      'The letters Theodore writes for other people are the saddest and funniest part. Great point about the close-ups.',
    moderationStatus: 'approved' as const,
  },
  {
    key: 'reply',
    parentKey: 'first',
    authorName: 'Mara Okafor',
    authorEmail: 'mara@example.com',
    content: 'Thank you! The letter he writes at the very end is the one that gets me every time.',
    moderationStatus: 'approved' as const,
    authorIsEditor: true,
  },
  {
    key: 'pending',
    authorName: 'Priya',
    authorEmail: 'priya@example.com',
    content: 'Has anyone found the score on vinyl? This one is waiting for moderation in the demo.',
    moderationStatus: 'pending' as const,
  },
];

export const draft = {
  title: 'The Unfinished Draft (never public)',
  slug: DRAFT_SLUG,
  movieTitle: 'The Unfinished Draft',
  movieYear: 2024,
  movieDirector: 'Nobody Yet',
  movieCast: [],
  synopsis: { text: 'A draft that exists to prove drafts never reach the public API.', source: null, sourceUrl: null },
  body: [paragraph('Notes to self: finish this before publishing.')],
  tags: ['draft'],
  commentsEnabled: true,
};
