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
import { msg } from '../components/intl';

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

/** The key of a field's label and description: `custom-fields.<key>.label` and `.description`. */
type FieldKey = 'synopsis' | 'stills' | 'song' | 'cast' | 'tags' | 'locations' | 'year' | 'rating' | 'author-links';

/**
 * One custom field: stored as `type`, offered in the Content-Type Builder with its
 * translated label and description, edited with the lazily loaded `Input`.
 */
const field = <P>(
  name: string,
  key: FieldKey,
  type: CustomField['type'],
  icon: CustomField['icon'],
  Input: () => Promise<{ default: React.ComponentType<P> }>
): CustomField => ({
  name,
  pluginId: PLUGIN_ID,
  type,
  intlLabel: msg(`custom-fields.${key}.label`),
  intlDescription: msg(`custom-fields.${key}.description`),
  icon,
  components: { Input: lazyInput(Input) },
  options,
});

const fields: CustomField[] = [
  field('synopsis', 'synopsis', 'json', Quotes, () => import('./SynopsisInput')),
  field('stills', 'stills', 'json', Images, () => import('./StillsInput')),
  field('song-embed', 'song', 'json', MusicNotes, () => import('./SongEmbedInput')),
  field('cast', 'cast', 'json', User, () => import('./CastInput')),
  field('tags', 'tags', 'json', Hashtag, () => import('./TagsInput')),
  field('locations', 'locations', 'json', PinMap, () => import('./LocationsInput')),
  // A year is stored as an integer and a rating as a decimal, so they sort and filter as numbers.
  field('year', 'year', 'integer', Calendar, () => import('./YearInput')),
  field('rating', 'rating', 'decimal', Star, () => import('./RatingInput')),
  field('author-links', 'author-links', 'json', Link, () => import('./AuthorLinksInput')),
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
