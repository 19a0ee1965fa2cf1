import type { Core } from '@strapi/strapi';
import { stillsSchema } from '../validation/custom-fields';
import { zodToValidationError } from '../utils/zod-issues';
import { validationError, type FieldIssue } from '../utils/host-errors';

/** A still as stored: a reference to a media-library image, with its own caption and alt text. */
export interface StillValue {
  file: number;
  caption: string | null;
  alt: string;
}

/** Accepts `file` as an id or as a media object `{ id, … }` (what the media library dialog hands out). */
const normaliseFileRef = (item: unknown): unknown => {
  if (item && typeof item === 'object' && !Array.isArray(item)) {
    const rec = item as Record<string, unknown>;
    const file = rec.file;
    if (file && typeof file === 'object' && !Array.isArray(file) && 'id' in file) {
      return { ...rec, file: (file as { id: unknown }).id };
    }
  }
  return item;
};

/**
 * Validates a stills list: shape and limits first, then one query checking that
 * every referenced file exists in the media library and is an image.
 */
export const validateStills = async (
  value: unknown,
  field: string,
  strapi?: Core.Strapi
): Promise<StillValue[] | null> => {
  if (value === null || value === undefined) return null;
  const parsed = stillsSchema.safeParse(Array.isArray(value) ? value.map(normaliseFileRef) : value);
  if (!parsed.success) throw zodToValidationError(parsed.error, [field]);
  const stills: StillValue[] = parsed.data.map((s) => ({
    file: s.file,
    caption: s.caption?.trim() || null,
    alt: s.alt,
  }));
  const ids = [...new Set(stills.map((s) => s.file))];
  if (ids.length && strapi) {
    const files = (await strapi.db.query('plugin::upload.file').findMany({
      select: ['id', 'mime'],
      where: { id: { $in: ids } },
    })) as Array<{ id: number; mime: string | null }>;
    const byId = new Map(files.map((f) => [f.id, f]));
    const issues: FieldIssue[] = [];
    stills.forEach((still, index) => {
      const file = byId.get(still.file);
      const path = [field, String(index), 'file'];
      if (!file) {
        issues.push({
          path,
          name: 'ValidationError',
          message: `${path.join('.')}: media file ${still.file} does not exist`,
        });
      } else if (!file.mime?.startsWith('image/')) {
        issues.push({
          path,
          name: 'ValidationError',
          message: `${path.join('.')}: media file ${still.file} is not an image`,
        });
      }
    });
    if (issues.length) throw validationError(issues);
  }
  return stills;
};
