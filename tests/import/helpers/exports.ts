/** Fixture exports for the import tests: read one, or write a copy with the image host filled in. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readExport } from '../../../server/src/import/read-export';
import { analysePost, type ReviewPlan } from '../../../server/src/import/analyse-post';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** A temporary copy of a fixture with `{{IMAGES}}` replaced by an image server's origin. */
export const fixtureCopy = (name: string, images = 'https://images.example.com'): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movie-reviews-import-fixture-'));
  const target = path.join(dir, name);
  fs.writeFileSync(target, fs.readFileSync(path.join(FIXTURES, name), 'utf8').replaceAll('{{IMAGES}}', images));
  return target;
};

/** Every post of an export, analysed (the dry run without a database). */
export const analyseFile = async (
  file: string
): Promise<{ format: string; version: string | null; plans: ReviewPlan[] }> => {
  const plans: ReviewPlan[] = [];
  const info = await readExport(file, (post) => {
    plans.push(analysePost(post));
  });
  return { ...info, plans };
};

export const planFor = (plans: ReviewPlan[], title: string): ReviewPlan => {
  const plan = plans.find((p) => p.report.title === title);
  if (!plan) throw new Error(`no post titled ${title} among ${plans.map((p) => p.report.title).join(', ')}`);
  return plan;
};
