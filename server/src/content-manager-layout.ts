/**
 * Friendly Content Manager labels, hints and list columns for the plugin's two
 * content types, written into the Content Manager's own configuration (the
 * same place "Configure the view" saves to).
 *
 * Editors own that configuration: it is written once per content type (a
 * marker in the plugin store remembers it), and even then a label or hint is
 * only set while it still has the Content Manager's default (the attribute
 * name, an empty hint). List columns are set only the very first time.
 */
import type { Core } from '@strapi/strapi';
import { AUTHOR_UID, COMMENT_UID, PLUGIN_ID, REVIEW_UID } from './utils/constants';

interface FieldText {
  label: string;
  description?: string;
  /** Earlier default descriptions of this field: replaced by the current one, or emptied (an editor's own text is kept). */
  replaces?: string[];
}

interface TypeLayout {
  /** Bump when labels are added, so existing installs get the new (still default) ones. */
  version: number;
  fields: Record<string, FieldText>;
  list: string[];
  /** Fields taken out of the edit view (deprecated ones, ones only the plugin writes), on first setup and when `version` passes `since`. */
  hidden?: Array<{ fields: string[]; since: number }>;
}

export const LAYOUTS: Record<string, TypeLayout> = {
  [REVIEW_UID]: {
    version: 3,
    fields: {
      title: { label: 'Review title' },
      slug: {
        label: 'Slug',
        description: 'Built from the title and year when empty. Keep it stable once the review is public.',
      },
      movieTitle: { label: 'Movie title' },
      movieOriginalTitle: { label: 'Original title' },
      movieYear: { label: 'Year' },
      movieDirector: { label: 'Director' },
      movieCast: {
        label: 'Cast',
        replaces: ['A JSON list, e.g. [{ "actor": "Joaquin Phoenix", "character": "Theodore" }]'],
      },
      movieImdbId: { label: 'IMDb id', description: '"tt" followed by 7 or 8 digits, e.g. tt1798709' },
      movieRuntimeMinutes: { label: 'Runtime (minutes)' },
      synopsis: { label: 'Synopsis' },
      body: { label: 'Review' },
      stills: { label: 'Stills' },
      filmingLocations: {
        label: 'Filming locations',
        replaces: ['A JSON list of places, e.g. ["Shanghai", "Los Angeles"]'],
      },
      song: { label: 'Song' },
      rating: { label: 'Rating', description: 'From 0 to 10, in steps of 0.5' },
      author: { label: 'Author', description: 'Pick an author, or create one (Content Manager → Author).' },
      authorName: { label: 'Author name (deprecated)' },
      authorBio: { label: 'Author bio (deprecated)' },
      authorAvatar: { label: 'Author avatar (deprecated)' },
      tags: {
        label: 'Tags',
        replaces: ['A JSON list of tags, e.g. ["drama", "romance"]'],
      },
      commentsEnabled: { label: 'Comments open' },
      sourceId: { label: 'Import source id' },
      seoTitle: {
        label: 'SEO title',
        description: 'Shown by search engines and share cards instead of the review title. At most 70 characters.',
      },
      seoDescription: {
        label: 'SEO description',
        description: 'Shown under the title in search results. Empty: taken from the synopsis. At most 160 characters.',
      },
      createdAt: { label: 'Created' },
      updatedAt: { label: 'Updated' },
    },
    list: ['title', 'movieTitle', 'movieYear', 'rating', 'author', 'updatedAt'],
    hidden: [
      // Replaced by the `author` relation; kept in the schema for one release (see CHANGELOG).
      { fields: ['authorName', 'authorBio', 'authorAvatar'], since: 2 },
      // Written by the importer to recognise a post it already imported; nothing for an editor to type.
      { fields: ['sourceId'], since: 3 },
    ],
  },
  [AUTHOR_UID]: {
    version: 1,
    fields: {
      name: { label: 'Name' },
      slug: { label: 'Slug', description: 'The address of the author page. Built from the name when empty.' },
      bio: { label: 'Bio', description: 'Shown with each review. Up to 2000 characters.' },
      avatar: {
        label: 'Avatar',
        description: 'Its alternative text comes from the media library: describe the picture there.',
      },
      links: { label: 'Links', description: 'Website and social profiles (https links).' },
      reviews: { label: 'Reviews' },
      createdAt: { label: 'Created' },
      updatedAt: { label: 'Updated' },
    },
    list: ['name', 'slug', 'updatedAt'],
    // Links are written from the review (the owning side, with draft & publish), never from here.
    hidden: [{ fields: ['reviews'], since: 1 }],
  },
  [COMMENT_UID]: {
    version: 1,
    fields: {
      reviewDocumentId: { label: 'Review (document id)' },
      parentDocumentId: { label: 'Reply to (comment document id)' },
      authorName: { label: 'Author name' },
      authorEmail: { label: 'Email (private)' },
      content: { label: 'Comment' },
      moderationStatus: { label: 'Moderation status' },
      ip: { label: 'IP address (private)' },
      userAgent: { label: 'Browser (private)' },
      moderatedAt: { label: 'Moderated at' },
      authorIsEditor: { label: 'Written by an editor' },
      createdAt: { label: 'Created' },
      updatedAt: { label: 'Updated' },
    },
    list: ['authorName', 'content', 'moderationStatus', 'reviewDocumentId', 'createdAt'],
  },
};

interface Metadata {
  edit?: { label?: string; description?: string; visible?: boolean; [key: string]: unknown };
  list?: { label?: string; [key: string]: unknown };
}

interface Configuration {
  settings: Record<string, unknown>;
  metadatas: Record<string, Metadata>;
  layouts: { list: string[]; edit: Array<Array<{ name: string; size: number }>>; [key: string]: unknown };
}

interface ContentTypesService {
  findConfiguration(contentType: { uid: string }): Promise<Configuration>;
  updateConfiguration(contentType: { uid: string }, configuration: Configuration): Promise<unknown>;
}

const MARKER_KEY = 'content-manager-layout';

/** Takes `fields` out of the edit view's rows (dropping rows left empty) and marks them not visible. */
const hideFields = (config: Configuration, fields: string[]): boolean => {
  let changed = false;
  const edit = config.layouts.edit.map((row) => row.filter((cell) => !fields.includes(cell.name)));
  const rows = edit.filter((row) => row.length > 0);
  if (JSON.stringify(rows) !== JSON.stringify(config.layouts.edit)) {
    config.layouts.edit = rows;
    changed = true;
  }
  for (const field of fields) {
    const meta = config.metadatas[field]?.edit;
    if (meta && meta.visible !== false) {
      meta.visible = false;
      changed = true;
    }
  }
  return changed;
};

/**
 * Applies `layout` to `config`, touching only what still has the Content Manager's
 * default (and hiding deprecated fields once). `applied`: the layout version already
 * applied (undefined the first time). Returns whether anything changed.
 */
export const applyLayout = (config: Configuration, layout: TypeLayout, applied: number | undefined): boolean => {
  const firstTime = applied === undefined;
  let changed = false;
  for (const hidden of layout.hidden ?? []) {
    if (firstTime || applied < hidden.since) changed = hideFields(config, hidden.fields) || changed;
  }
  for (const [field, text] of Object.entries(layout.fields)) {
    const meta = config.metadatas[field];
    if (!meta) continue;
    if (meta.edit && (meta.edit.label === undefined || meta.edit.label === field)) {
      meta.edit.label = text.label;
      changed = true;
    }
    // An earlier default hint (the JSON examples) goes; the inputs now explain themselves.
    const stale = meta.edit?.description !== undefined && text.replaces?.includes(meta.edit.description);
    if (meta.edit && (stale || (text.description && !meta.edit.description))) {
      meta.edit.description = text.description ?? '';
      changed = true;
    }
    if (meta.list && (meta.list.label === undefined || meta.list.label === field)) {
      meta.list.label = text.label;
      changed = true;
    }
  }
  if (firstTime) {
    const columns = layout.list.filter((field) => field in config.metadatas);
    if (columns.length && JSON.stringify(columns) !== JSON.stringify(config.layouts.list)) {
      config.layouts.list = columns;
      changed = true;
    }
  }
  return changed;
};

export const configureContentManager = async (strapi: Core.Strapi): Promise<void> => {
  const service = strapi.plugin('content-manager')?.service('content-types') as ContentTypesService | undefined;
  if (!service) return;
  const store = strapi.store({ type: 'plugin', name: PLUGIN_ID });
  const applied = ((await store.get({ key: MARKER_KEY })) ?? {}) as Record<string, number>;
  let markerChanged = false;

  for (const [uid, layout] of Object.entries(LAYOUTS)) {
    const done = applied[uid];
    if (done !== undefined && done >= layout.version) continue;
    const config = await service.findConfiguration({ uid });
    // The Content Manager writes its default configuration in its own bootstrap; without it there is nothing to adjust yet.
    if (!config?.metadatas || Object.keys(config.metadatas).length === 0) continue;
    if (applyLayout(config, layout, done)) {
      await service.updateConfiguration(
        { uid },
        { settings: config.settings, metadatas: config.metadatas, layouts: config.layouts }
      );
    }
    applied[uid] = layout.version;
    markerChanged = true;
  }
  if (markerChanged) await store.set({ key: MARKER_KEY, value: applied });
};
