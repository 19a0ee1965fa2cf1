/**
 * Registers the plugin's custom fields in the admin: the Content-Type
 * Builder offers them to any content type, and the Content Manager renders
 * their inputs (loaded lazily, only when an edit view needs them).
 */
import * as React from 'react';
import { Typography } from '@strapi/design-system';
import type { StrapiApp } from '@strapi/strapi/admin';
import { Calendar, Hashtag, Images, Link, MusicNotes, PinMap, Quotes, Star, User } from '@strapi/icons';
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
    name: 'cast',
    pluginId: PLUGIN_ID,
    type: 'json',
    intlLabel: { id: getTranslation('custom-fields.cast.label'), defaultMessage: 'Cast' },
    intlDescription: {
      id: getTranslation('custom-fields.cast.description'),
      defaultMessage: 'Rows of actor and character; paste "Actor as Character" lines to add many',
    },
    icon: User,
    components: { Input: lazyInput(() => import('./CastInput')) },
    options,
  },
  {
    name: 'tags',
    pluginId: PLUGIN_ID,
    type: 'json',
    intlLabel: { id: getTranslation('custom-fields.tags.label'), defaultMessage: 'Tags' },
    intlDescription: {
      id: getTranslation('custom-fields.tags.description'),
      defaultMessage: 'Short tags typed as chips, with suggestions of the tags already in use',
    },
    icon: Hashtag,
    components: { Input: lazyInput(() => import('./TagsInput')) },
    options,
  },
  {
    name: 'locations',
    pluginId: PLUGIN_ID,
    type: 'json',
    intlLabel: { id: getTranslation('custom-fields.locations.label'), defaultMessage: 'Places' },
    intlDescription: {
      id: getTranslation('custom-fields.locations.description'),
      defaultMessage: 'A list of place names typed as chips (e.g. filming locations)',
    },
    icon: PinMap,
    components: { Input: lazyInput(() => import('./LocationsInput')) },
    options,
  },
  {
    name: 'year',
    pluginId: PLUGIN_ID,
    type: 'integer',
    intlLabel: { id: getTranslation('custom-fields.year.label'), defaultMessage: 'Year' },
    intlDescription: {
      id: getTranslation('custom-fields.year.description'),
      defaultMessage: 'A year typed and shown as digits (2013, not 2,013), stored as an integer',
    },
    icon: Calendar,
    components: { Input: lazyInput(() => import('./YearInput')) },
    options,
  },
  {
    name: 'rating',
    pluginId: PLUGIN_ID,
    type: 'decimal',
    intlLabel: { id: getTranslation('custom-fields.rating.label'), defaultMessage: 'Rating' },
    intlDescription: {
      id: getTranslation('custom-fields.rating.description'),
      defaultMessage: 'A rating from 0 to 10 in steps of 0.5, with a slider',
    },
    icon: Star,
    components: { Input: lazyInput(() => import('./RatingInput')) },
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

/** Header of a Content Manager list column, as the list view's hook hands it to plugins. */
interface ListHeader {
  name: string;
  attribute?: { customField?: string };
  cellFormatter?: (row: Record<string, unknown>) => React.ReactNode;
}

/**
 * The Content Manager formats integer cells as localised numbers ("2,013"); a
 * year field's cells show the plain digits instead. Registered on the list
 * view's `inject-column-in-table` hook, the one Strapi offers plugins.
 */
export const plainYearColumns = ({ displayedHeaders, ...rest }: { displayedHeaders: ListHeader[] }) => ({
  ...rest,
  displayedHeaders: displayedHeaders.map((header) =>
    header.attribute?.customField === `plugin::${PLUGIN_ID}.year`
      ? {
          ...header,
          // In the same type style as the Content Manager's own cells.
          cellFormatter: (row: Record<string, unknown>) => {
            const year = row[header.name];
            const text = typeof year === 'number' || typeof year === 'string' ? String(year) : '-';
            return React.createElement(Typography, { textColor: 'neutral800' }, text);
          },
        }
      : header
  ),
});

export const registerCustomFields = (app: Pick<StrapiApp, 'customFields'>) => {
  app.customFields.register(fields);
};
