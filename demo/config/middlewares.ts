export default [
  'strapi::logger',
  'strapi::errors',
  {
    name: 'strapi::security',
    config: {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          // The song-embed preview in the admin frames the providers' own embed hosts.
          'frame-src': [
            "'self'",
            'https://www.youtube-nocookie.com',
            'https://open.spotify.com',
            'https://w.soundcloud.com',
            'https://embed.music.apple.com',
            'https://player.vimeo.com',
          ],
          'img-src': ["'self'", 'data:', 'blob:'],
        },
      },
    },
  },
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
