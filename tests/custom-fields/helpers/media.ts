/** Media-library files for custom-field tests, created through Strapi's upload service like an editor's upload. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

// A 1×1 transparent PNG: a real image that sharp can read, without generating one.
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64'
);

export interface UploadedFile {
  id: number;
  url: string;
  mime: string;
}

export const uploadFile = async (
  strapi: Core.Strapi,
  name: string,
  kind: 'image' | 'text' = 'image'
): Promise<UploadedFile> => {
  const filepath = path.join(os.tmpdir(), `mr-fields-${process.pid}-${Date.now()}-${name}`);
  fs.writeFileSync(filepath, kind === 'image' ? PNG_1X1 : 'not an image\n');
  try {
    const [file] = (await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name, alternativeText: name } },
        files: {
          filepath,
          originalFilename: name,
          mimetype: kind === 'image' ? 'image/png' : 'text/plain',
          size: fs.statSync(filepath).size,
        },
      })) as UploadedFile[];
    return file;
  } finally {
    fs.rmSync(filepath, { force: true });
  }
};

export const deleteFile = async (strapi: Core.Strapi, id: number) => {
  const file = await strapi.db.query('plugin::upload.file').findOne({ where: { id } });
  await strapi.plugin('upload').service('upload').remove(file);
};
