/**
 * Runs an import job: the dry run (a report per post) and the import itself,
 * with its state, progress and results kept in the job row so the admin page
 * can poll it, the CLI can draw a bar, and an interrupted import can resume.
 *
 * Resuming is safe because every post and comment carries its source id: a
 * post already written is found and only its missing comments are added.
 */
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/constants';
import type { PluginConfig } from '../config';
import { readExport } from './read-export';
import { analysePost, type ReviewPlan } from './analyse-post';
import { fetchImage, mapLimited, type FetchOptions } from './image-fetch';
import { findImported, writePost, type UploadedStill } from './write-post';
import { ImportFileError } from './xml-stream';
import type { PostReport, SourcePost } from './types';

export const JOB_UID = `plugin::${PLUGIN_ID}.import-job` as const;

export type JobState = 'analysing' | 'analysed' | 'importing' | 'done' | 'failed';

export interface MissingFile {
  src: string;
  caption: string | null;
  alt: string;
  reason: string;
}

export interface PostResult {
  status: 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';
  title: string;
  sourceUrl: string | null;
  slug: string | null;
  documentId: string | null;
  reason: string | null;
  comments: number;
  missingFiles: MissingFile[];
}

export interface ImportJob {
  id: number;
  state: JobState;
  fileName: string | null;
  filePath: string | null;
  fileSize: number | string | null;
  format: string | null;
  formatVersion: string | null;
  label: string | null;
  publish: boolean | null;
  total: number;
  processed: number;
  created: number;
  skipped: number;
  failed: number;
  commentsCreated: number;
  imagesFailed: number;
  report: PostReport[] | null;
  results: Record<string, PostResult> | null;
  error: string | null;
  heartbeatAt: string | Date | null;
  finishedAt: string | Date | null;
  createdAt: string | Date;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (job: Pick<ImportJob, 'state' | 'total' | 'processed' | 'created' | 'skipped' | 'failed'>) => void;
  /** Overrides the plugin config (the CLI and tests). */
  fetch?: Partial<FetchOptions> & { concurrency?: number };
}

/** A job whose heartbeat is older than this is not being run by anyone: it may be resumed. */
export const STALE_AFTER_MS = 60_000;
const SAVE_EVERY_MS = 1000;
/** Posts whose images may download ahead of the post being written. */
const LOOKAHEAD = 4;

const jobs = (strapi: Core.Strapi) => strapi.db.query(JOB_UID);

export const getJob = async (strapi: Core.Strapi, id: number): Promise<ImportJob | null> =>
  (await jobs(strapi).findOne({ where: { id } })) as ImportJob | null;

/** Writes progress without reading the row back (its report can be megabytes of JSON). */
const save = async (strapi: Core.Strapi, id: number, data: Partial<ImportJob>) =>
  jobs(strapi).updateMany({ where: { id }, data: { ...data, heartbeatAt: new Date() } as Record<string, unknown> });

export const createJob = async (
  strapi: Core.Strapi,
  input: { filePath: string; fileName: string; fileSize: number; label?: string | null; publish?: boolean }
): Promise<ImportJob> =>
  (await jobs(strapi).create({
    data: {
      state: 'analysing',
      filePath: input.filePath,
      fileName: input.fileName,
      fileSize: input.fileSize,
      label: input.label?.trim() || null,
      publish: input.publish ?? false,
      heartbeatAt: new Date(),
    },
  })) as ImportJob;

/** A run over a job's file (dry run or import): the job as it ends, or as it is when it has no file. */
export type JobRun = (strapi: Core.Strapi, id: number, options?: RunOptions) => Promise<ImportJob | null>;

/** Posts kept by the job's label (or category) filter, compared without case. */
const matchesLabel = (post: SourcePost, label: string | null) =>
  !label || post.labels.some((l) => l.trim().toLowerCase() === label.trim().toLowerCase());

const failMessage = (error: unknown) =>
  error instanceof ImportFileError
    ? error.message
    : `The import stopped: ${(error as Error)?.message ?? String(error)}`;

/** The dry run: reads the whole file and stores a report per post (nothing else is written). */
export const analyseJob: JobRun = async (strapi, id, options = {}) => {
  const job = await getJob(strapi, id);
  if (!job?.filePath) return job;
  const report: PostReport[] = [];
  let lastSave = Date.now();
  try {
    await save(strapi, id, { state: 'analysing', error: null });
    const info = await readExport(
      job.filePath,
      async (post) => {
        if (!matchesLabel(post, job.label)) return;
        report.push(analysePost(post).report);
        options.onProgress?.({
          state: 'analysing',
          total: 0,
          processed: report.length,
          created: 0,
          skipped: 0,
          failed: 0,
        });
        if (Date.now() - lastSave > SAVE_EVERY_MS) {
          lastSave = Date.now();
          await save(strapi, id, { processed: report.length });
        }
      },
      { signal: options.signal }
    );
    await save(strapi, id, {
      state: 'analysed',
      format: info.format,
      formatVersion: info.version,
      report,
      total: report.length,
      processed: 0,
      skipped: report.filter((r) => r.skip).length,
    });
  } catch (error) {
    if (options.signal?.aborted) {
      // Stopped with the process: read again at the next start.
      await jobs(strapi).updateMany({ where: { id }, data: { heartbeatAt: null } });
      return getJob(strapi, id);
    }
    await save(strapi, id, { state: 'failed', error: failMessage(error), finishedAt: new Date() });
  }
  return getJob(strapi, id);
};

const fetchOptions = (strapi: Core.Strapi, options: RunOptions): FetchOptions & { concurrency: number } => {
  const config = strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
  return {
    timeoutMs: options.fetch?.timeoutMs ?? config.import.imageTimeoutMs,
    maxBytes: options.fetch?.maxBytes ?? config.import.maxImageBytes,
    allowPrivateHosts: options.fetch?.allowPrivateHosts ?? config.import.allowPrivateImageHosts,
    concurrency: options.fetch?.concurrency ?? config.import.imageConcurrency,
  };
};

interface UploadedFile {
  id: number;
}

interface Uploaded {
  stills: UploadedStill[];
  missing: MissingFile[];
  fileIds: number[];
}

const uploadStills = async (
  strapi: Core.Strapi,
  plan: ReviewPlan,
  fetchOpts: FetchOptions & { concurrency: number }
): Promise<Uploaded> => {
  const outcomes = await mapLimited(plan.report.stills, fetchOpts.concurrency, async (still) => {
    try {
      const image = await fetchImage(still.src, fetchOpts);
      try {
        const [file] = (await strapi
          .plugin('upload')
          .service('upload')
          .upload({
            data: { fileInfo: { name: image.name, caption: still.caption ?? undefined, alternativeText: still.alt } },
            files: { filepath: image.filepath, originalFilename: image.name, mimetype: image.mime, size: image.size },
          })) as UploadedFile[];
        return { still: { file: file.id, caption: still.caption, alt: still.alt } };
      } finally {
        fs.rmSync(image.filepath, { force: true });
      }
    } catch (error) {
      return { missing: { ...still, reason: (error as Error).message } };
    }
  });
  const stills = outcomes.flatMap((o) => (o.still ? [o.still] : []));
  return {
    stills,
    missing: outcomes.flatMap((o) => (o.missing ? [o.missing] : [])),
    fileIds: stills.map((s) => s.file),
  };
};

const removeFiles = async (strapi: Core.Strapi, ids: number[]) => {
  const upload = strapi.plugin('upload').service('upload') as { remove(file: unknown): Promise<unknown> };
  for (const id of ids) {
    const file = await strapi.db.query('plugin::upload.file').findOne({ where: { id } });
    if (file) await upload.remove(file).catch(() => undefined);
  }
};

/** The import: one transaction per post, progress saved as it goes. Safe to run again or to resume. */
export const importJob: JobRun = async (strapi, id, options = {}) => {
  const job = await getJob(strapi, id);
  if (!job?.filePath) return job;
  const results: Record<string, PostResult> = { ...(job.results ?? {}) };
  const counts = {
    created: 0,
    skipped: 0,
    failed: 0,
    commentsCreated: job.commentsCreated ?? 0,
    imagesFailed: job.imagesFailed ?? 0,
  };
  const tally = () => {
    const values = Object.values(results);
    counts.created = values.filter((r) => r.status === 'created').length;
    counts.skipped = values.filter((r) => r.status === 'skipped').length;
    counts.failed = values.filter((r) => r.status === 'failed').length;
    return values.length;
  };
  const total = job.total || (job.report?.length ?? 0);
  const fetchOpts = fetchOptions(strapi, options);
  let lastSave = 0;
  /** The post being written while the next one's images download (one write at a time). */
  let writing: Promise<void> = Promise.resolve();
  const inFlight: Array<Promise<void>> = [];
  const progress = async (force = false) => {
    const processed = tally();
    options.onProgress?.({ state: 'importing', total, processed, ...counts });
    if (force || Date.now() - lastSave > SAVE_EVERY_MS) {
      lastSave = Date.now();
      await save(strapi, id, { state: 'importing', processed, ...counts, results });
    }
  };
  try {
    await save(strapi, id, { state: 'importing', error: null, finishedAt: null });
    await readExport(
      job.filePath,
      async (post) => {
        if (!matchesLabel(post, job.label)) return;
        const done = results[post.sourceId];
        if (done && done.status !== 'failed' && done.status !== 'skipped') {
          // Resumed: this post was written before the interruption (new comments still get added below on a re-run).
          return;
        }
        const plan = analysePost(post);
        const { report } = plan;
        const base = {
          title: report.title,
          sourceUrl: report.sourceUrl,
          comments: 0,
          missingFiles: [] as MissingFile[],
        };
        if (report.skip) {
          results[post.sourceId] = { ...base, status: 'skipped', slug: null, documentId: null, reason: report.skip };
          await progress();
          return;
        }
        const existing = await findImported(strapi, report.sourceId);
        // The images of the next few posts download while the current one is written; writes stay one at a time, in order.
        while (inFlight.length >= LOOKAHEAD) await inFlight.shift();
        const uploading: Promise<Uploaded> = existing
          ? Promise.resolve({ stills: [], missing: [], fileIds: [] })
          : uploadStills(strapi, plan, fetchOpts);
        writing = writing
          .then(() => uploading)
          .then(async (uploaded) => {
            try {
              const outcome = await writePost(strapi, plan, uploaded.stills, { publish: Boolean(job.publish) });
              counts.commentsCreated += outcome.comments;
              counts.imagesFailed += uploaded.missing.length;
              results[post.sourceId] = {
                ...base,
                status: outcome.created ? 'created' : outcome.comments ? 'updated' : 'unchanged',
                slug: outcome.slug,
                documentId: outcome.documentId,
                reason: null,
                comments: outcome.comments,
                missingFiles: uploaded.missing,
              };
            } catch (error) {
              await removeFiles(strapi, uploaded.fileIds);
              results[post.sourceId] = {
                ...base,
                status: 'failed',
                slug: null,
                documentId: null,
                reason: (error as Error).message,
              };
            }
            await progress();
          });
        inFlight.push(writing);
      },
      { signal: options.signal }
    );
    await writing;
    await progress(true);
    await save(strapi, id, { state: 'done', finishedAt: new Date() });
  } catch (error) {
    await writing.catch(() => undefined);
    if (options.signal?.aborted) {
      // Interrupted: the job stays "importing" with its results, resumable at once (no heartbeat).
      await save(strapi, id, { results, processed: tally(), ...counts });
      await jobs(strapi).updateMany({ where: { id }, data: { heartbeatAt: null } });
      return getJob(strapi, id);
    }
    await save(strapi, id, { state: 'failed', error: failMessage(error), results, finishedAt: new Date() });
  }
  return getJob(strapi, id);
};

/**
 * Claims the jobs left "analysing" or "importing" by a process that stopped
 * (no heartbeat, or a stale one) and runs them to the end. Each claim is an update conditioned on the old
 * heartbeat, so two instances never resume the same job.
 */
export const resumeInterrupted = async (strapi: Core.Strapi, options: RunOptions = {}): Promise<number[]> => {
  const stale = (await jobs(strapi).findMany({
    select: ['id', 'state', 'heartbeatAt'],
    where: {
      state: { $in: ['analysing', 'importing'] },
      $or: [{ heartbeatAt: { $null: true } }, { heartbeatAt: { $lt: new Date(Date.now() - STALE_AFTER_MS) } }],
    },
  })) as Array<{ id: number; state: JobState; heartbeatAt: string | Date | null }>;
  const resumed: number[] = [];
  for (const job of stale) {
    const claimed = await jobs(strapi).updateMany({
      where: {
        id: job.id,
        state: job.state,
        heartbeatAt: job.heartbeatAt === null ? { $null: true } : job.heartbeatAt,
      },
      data: { heartbeatAt: new Date() },
    });
    if ((claimed as { count: number }).count !== 1) continue;
    resumed.push(job.id);
    if (job.state === 'analysing') await analyseJob(strapi, job.id, options);
    else await importJob(strapi, job.id, options);
  }
  return resumed;
};

/** The old address → new slug map of a finished (or running) import. */
export const redirectsOf = (job: ImportJob): Array<{ from: string; slug: string }> =>
  Object.values(job.results ?? {})
    .filter((r) => r.sourceUrl && r.slug && r.status !== 'skipped' && r.status !== 'failed')
    .map((r) => ({ from: r.sourceUrl as string, slug: r.slug as string }));

const csvCell = (value: string) =>
  /[",\n\r]/.test(value) || /^[=+\-@]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

export const redirectsCsv = (job: ImportJob): string =>
  ['from,slug', ...redirectsOf(job).map((r) => `${csvCell(r.from)},${csvCell(r.slug)}`)].join('\r\n') + '\r\n';
