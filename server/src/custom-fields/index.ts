import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/constants';
import { validateSynopsis } from './synopsis';
import { validateStills } from './stills';
import { validateSongEmbed } from './song-embed';
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
  'author-links': validateAuthorLinks,
};

export const customFieldUid = (name: string) => `plugin::${PLUGIN_ID}.${name}`;

/**
 * Registers the three fields, stored as JSON. They take the full width of the
 * edit view (an editor can make the synopsis narrower, not the list of stills).
 */
export const registerCustomFields = (strapi: Core.Strapi) => {
  strapi.customFields.register([
    { name: 'synopsis', plugin: PLUGIN_ID, type: 'json', inputSize: { default: 12, isResizable: true } },
    { name: 'stills', plugin: PLUGIN_ID, type: 'json', inputSize: { default: 12, isResizable: false } },
    { name: 'song-embed', plugin: PLUGIN_ID, type: 'json', inputSize: { default: 12, isResizable: true } },
    { name: 'author-links', plugin: PLUGIN_ID, type: 'json', inputSize: { default: 12, isResizable: false } },
  ]);
};

/** The validator for an attribute definition, when it is one of this plugin's custom fields. */
export const validatorFor = (attribute: { customField?: string } | undefined): CustomFieldValidator | undefined => {
  const uid = attribute?.customField;
  if (!uid || !uid.startsWith(`plugin::${PLUGIN_ID}.`)) return undefined;
  return CUSTOM_FIELDS[uid.slice(`plugin::${PLUGIN_ID}.`.length)];
};
