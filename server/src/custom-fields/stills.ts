import { z } from 'zod';
import type { Core } from '@strapi/strapi';
import { optionalPlainText, plainText } from '../validation/shared';
import { zodToValidationError } from '../utils/zod-issues';
import { validationError } from '../utils/host-errors';

export const MAX_STILLS = 50;

const stillSchema = z.strictObject({
  file: z.number({ message: 'must be a media library file id' }).int().positive(),
  caption: optionalPlainText(500),
  alt: plainText(1, 300),
});

export const stillsSchema = z.array(stillSchema).max(MAX_STILLS, { message: `must hold at most ${MAX_STILLS} stills` });

export type StillValue = z.infer<typeof stillSchema>;

/** Accepts `file` as an id or as a media object `{ id }` (what the media library dialog gives the admin). */
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

export const validateStills = async (value: unknown, field: string, strapi?: Core.Strapi): Promise<StillValue[] | null> => {
  if (value === null || value === undefined) return null;
  const parsed = stillsSchema.safeParse(Array.isArray(value) ? value.map(normaliseFileRef) : value);
  if (!parsed.success) throw zodToValidationError(parsed.error, [field]);
  const ids = [...new Set(parsed.data.map((s) => s.file))];
  if (ids.length && strapi) {
    const files = (await strapi.db.query('plugin::upload.file').findMany({
      select: ['id', 'mime'],
      where: { id: { $in: ids } },
    })) as Array<{ id: number; mime: string }>;
    const byId = new Map(files.map((f) => [f.id, f]));
    parsed.data.forEach((still, index) => {
      const file = byId.get(still.file);
      if (!file) {
        throw validationError([
          { path: [field, String(index), 'file'], name: 'ValidationError', message: `${field}.${index}.file: media file ${still.file} does not exist` },
        ]);
      }
      if (!file.mime?.startsWith('image/')) {
        throw validationError([
          { path: [field, String(index), 'file'], name: 'ValidationError', message: `${field}.${index}.file: media file ${still.file} is not an image` },
        ]);
      }
    });
  }
  return parsed.data;
};
