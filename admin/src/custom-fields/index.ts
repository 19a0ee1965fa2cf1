/**
 * Registers the plugin's three custom fields in the admin: the Content-Type
 * Builder offers them to any content type, and the Content Manager renders
 * their inputs (loaded lazily, only when an edit view needs them).
 */
import type * as React from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import { Images, Link, MusicNotes, Quotes } from '@strapi/icons';
import { PLUGIN_ID } from '../pluginId';
import { getTranslation } from '../utils/getTranslation';

type CustomField = Exclude<Parameters<StrapiApp['customFields']['register']>[0], unknown[]>;

/**
 * Strapi types a custom field's Input as a prop-less component, yet renders it
 * with the Content Manager's field props (name, label, value, onChange, error, …),
 * which is what our inputs declare.
 */
const lazyInput =
  <P>(load: () => Promise<{ default: React.ComponentType<P> }>) =>
  async () => ({ default: (await load()).default as unknown as React.ComponentType });

/** Options a host app can set in the Content-Type Builder: required and private, like any attribute. */
const options = {
  advanced: [
    {
      sectionTitle: { id: 'global.settings', defaultMessage: 'Settings' },
      items: [
        {
          name: 'required' as const,
          type: 'checkbox' as const,
          intlLabel: { id: 'form.attribute.item.requiredField', defaultMessage: 'Required field' },
          description: {
            id: 'form.attribute.item.requiredField.description',
            defaultMessage: "You won't be able to create an entry if this field is empty",
          },
        },
        {
          name: 'private' as const,
          type: 'checkbox' as const,
          intlLabel: { id: 'form.attribute.item.privateField', defaultMessage: 'Private field' },
          description: {
            id: 'form.attribute.item.privateField.description',
            defaultMessage: 'This field will not show up in the API response',
          },
        },
      ],
    },
  ],
};

const fields: CustomField[] = [
  {
    name: 'synopsis',
    pluginId: PLUGIN_ID,
    type: 'json',
    intlLabel: { id: getTranslation('custom-fields.synopsis.label'), defaultMessage: 'Synopsis' },
    intlDescription: {
      id: getTranslation('custom-fields.synopsis.description'),
      defaultMessage: 'A short plot summary with its source',
    },
    icon: Quotes,
    components: { Input: lazyInput(() => import('./SynopsisInput')) },
    options,
  },
  {
    name: 'stills',
    pluginId: PLUGIN_ID,
    type: 'json',
    intlLabel: { id: getTranslation('custom-fields.stills.label'), defaultMessage: 'Stills' },
    intlDescription: {
      id: getTranslation('custom-fields.stills.description'),
      defaultMessage: 'Film stills from the media library, each with a caption and alt text',
    },
    icon: Images,
    components: { Input: lazyInput(() => import('./StillsInput')) },
    options,
  },
  {
    name: 'song-embed',
    pluginId: PLUGIN_ID,
    type: 'json',
    intlLabel: { id: getTranslation('custom-fields.song.label'), defaultMessage: 'Song' },
    intlDescription: {
      id: getTranslation('custom-fields.song.description'),
      defaultMessage: 'A soundtrack link from YouTube, Spotify, SoundCloud, Apple Music or Vimeo, embedded safely',
    },
    icon: MusicNotes,
    components: { Input: lazyInput(() => import('./SongEmbedInput')) },
    options,
  },
  {
    name: 'author-links',
    pluginId: PLUGIN_ID,
    type: 'json',
    intlLabel: { id: getTranslation('custom-fields.author-links.label'), defaultMessage: 'Author links' },
    intlDescription: {
      id: getTranslation('custom-fields.author-links.description'),
      defaultMessage: 'Website and social profiles, each an https link with a label',
    },
    icon: Link,
    components: { Input: lazyInput(() => import('./AuthorLinksInput')) },
    options,
  },
];

export const registerCustomFields = (app: Pick<StrapiApp, 'customFields'>) => {
  app.customFields.register(fields);
};
