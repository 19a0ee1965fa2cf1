import fs from 'fs';
import os from 'os';
import path from 'path';
import sharp from 'sharp';
import type { Core } from '@strapi/strapi';

const WIDTH = 1280;
const HEIGHT = 544;

/** An abstract "film still" drawn from a palette: gradient sky, horizon, a sun and a few towers. No downloads. */
const svgFor = (palette: string[], seed: number) => {
  const [a, b, c] = palette;
  const towers = Array.from({ length: 9 }, (_, i) => {
    const w = 60 + ((seed * 37 + i * 53) % 70);
    const h = 120 + ((seed * 91 + i * 71) % 260);
    const x = i * 140 + ((seed * 13) % 40);
    return `<rect x="${x}" y="${HEIGHT - h}" width="${w}" height="${h}" fill="${c}" opacity="${0.55 + (i % 3) * 0.15}"/>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
  <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
    <stop offset="0%" stop-color="${a}"/><stop offset="100%" stop-color="${b}"/>
  </linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#sky)"/>
  <circle cx="${300 + seed * 250}" cy="${180 + seed * 20}" r="70" fill="#fff3d6" opacity="0.8"/>
  ${towers}
</svg>`;
};

export interface SeededFile {
  id: number;
}

/** Creates (once) a generated JPEG in the media library and returns it. */
export const ensureStill = async (
  strapi: Core.Strapi,
  name: string,
  palette: string[],
  seed: number,
  info: { caption: string; alt: string }
): Promise<SeededFile> => {
  const existing = (await strapi.db.query('plugin::upload.file').findOne({ where: { name } })) as SeededFile | null;
  if (existing) return existing;
  const filepath = path.join(os.tmpdir(), `movie-reviews-${process.pid}-${name}`);
  await sharp(Buffer.from(svgFor(palette, seed)))
    .jpeg({ quality: 82 })
    .toFile(filepath);
  try {
    const [file] = (await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name, caption: info.caption, alternativeText: info.alt } },
        files: { filepath, originalFilename: name, mimetype: 'image/jpeg', size: fs.statSync(filepath).size },
      })) as SeededFile[];
    return file;
  } finally {
    fs.rmSync(filepath, { force: true });
  }
};
