import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/constants';
import { validateSynopsis } from './synopsis';
import { validateStills } from './stills';
import { validateSongEmbed } from './song-embed';
import { validateCast } from './cast';
import { validateLocations, validateTags } from './string-lists';
import { validateRating, validateYear } from './numbers';
import { validateAuthorLinks } from './author-links';

/**
 * A custom field's server-side validator: returns the normalised value to store,
 * or throws a ValidationError naming `field`. Async because some need the database
 * (stills check that every file exists and is an image).
 */
export type CustomFieldValidator = (value: unknown, field: string, strapi: Core.Strapi) => Promise<unknown> | unknown;

export const CUSTOM_FIELDS: Record<string, CustomFieldValidator> = {
  synopsis: validateSynopsis,
  stills: validateStills,
  'song-embed': validateSongEmbed,
  cast: validateCast,
  tags: validateTags,
  locations: validateLocations,
  year: validateYear,
  rating: validateRating,
  'author-links': validateAuthorLinks,
};

export const customFieldUid = (name: string) => `plugin::${PLUGIN_ID}.${name}`;

/**
 * Registers the fields. Synopsis, stills, song, cast, tags and locations are
 * stored as JSON and take the full width of the edit view (an editor can make
 * the synopsis narrower, not the list of stills); year is stored as an integer
 * and rating as a decimal, so they sort and filter like plain numbers.
 */
export const registerCustomFields = (strapi: Core.Strapi) => {
  strapi.customFields.register([
    { name: 'synopsis', plugin: PLUGIN_ID, type: 'json', inputSize: { default: 12, isResizable: true } },
    { name: 'stills', plugin: PLUGIN_ID, type: 'json', inputSize: { default: 12, isResizable: false } },
    { name: 'song-embed', plugin: PLUGIN_ID, type: 'json', inputSize: { default: 12, isResizable: true } },
    { name: 'cast', plugin: PLUGIN_ID, type: 'json', inputSize: { default: 12, isResizable: false } },
    { name: 'tags', plugin: PLUGIN_ID, type: 'json', inputSize: { default: 6, isResizable: true } },
    { name: 'locations', plugin: PLUGIN_ID, type: 'json', inputSize: { default: 6, isResizable: true } },
    { name: 'year', plugin: PLUGIN_ID, type: 'integer', inputSize: { default: 4, isResizable: true } },
    { name: 'rating', plugin: PLUGIN_ID, type: 'decimal', inputSize: { default: 6, isResizable: true } },
    { name: 'author-links', plugin: PLUGIN_ID, type: 'json', inputSize: { default: 12, isResizable: false } },
  ]);
};

/** The validator for an attribute definition, when it is one of this plugin's custom fields. */
export const validatorFor = (attribute: { customField?: string } | undefined): CustomFieldValidator | undefined => {
  const uid = attribute?.customField;
  if (!uid || !uid.startsWith(`plugin::${PLUGIN_ID}.`)) return undefined;
  return CUSTOM_FIELDS[uid.slice(`plugin::${PLUGIN_ID}.`.length)];
};
