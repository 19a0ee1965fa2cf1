/**
 * Import jobs as a use case, free of transport: the admin controller and the
 * CLI both call these. Jobs run in the background of the process that started
 * them; `destroy` stops them (they resume at the next start).
 */
import { AsyncResource } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import {
  analyseJob,
  createJob,
  getJob,
  importJob,
  JOB_UID,
  resumeInterrupted,
  type ImportJob,
  type RunOptions,
} from '../import/job-runner';

const SUMMARY_COLUMNS = [
  'id',
  'state',
  'fileName',
  'fileSize',
  'format',
  'formatVersion',
  'label',
  'publish',
  'total',
  'processed',
  'created',
  'skipped',
  'failed',
  'commentsCreated',
  'imagesFailed',
  'error',
  'createdAt',
  'finishedAt',
];

export type JobSummary = Omit<ImportJob, 'report' | 'results' | 'filePath' | 'heartbeatAt'>;

export const summaryOf = (job: ImportJob): JobSummary => {
  const { report: _report, results: _results, filePath: _filePath, heartbeatAt: _heartbeat, ...summary } = job;
  return { ...summary, fileSize: job.fileSize === null ? null : Number(job.fileSize) };
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const running = new Map<number, { controller: AbortController; promise: Promise<unknown> }>();
  /**
   * Jobs run in this async context, made at load time: started from the admin request
   * that created them, they would otherwise keep that request in memory as long as they run.
   */
  const outsideRequests = new AsyncResource('movie-reviews.import-job');

  const background = (id: number, run: (options: RunOptions) => Promise<unknown>) => {
    const controller = new AbortController();
    const promise = outsideRequests
      .runInAsyncScope(() => run({ signal: controller.signal }))
      .catch((error: Error) => strapi.log.error(`[movie-reviews import] job ${id}: ${error.message}`))
      .finally(() => running.delete(id));
    running.set(id, { controller, promise });
  };

  /** Where uploaded exports are kept while their job exists. */
  const storageDir = () => {
    const dir = path.join(strapi.dirs.app.root, '.tmp', 'movie-reviews-import');
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  };

  return {
    /** Takes over an uploaded file (moved, not copied) and starts its dry run in the background. */
    async start(input: { tempPath: string; fileName: string; label?: string | null }): Promise<ImportJob> {
      const target = path.join(storageDir(), `${crypto.randomUUID()}.xml`);
      try {
        fs.renameSync(input.tempPath, target);
      } catch {
        fs.copyFileSync(input.tempPath, target);
        fs.rmSync(input.tempPath, { force: true });
      }
      const job = await createJob(strapi, {
        filePath: target,
        fileName: input.fileName,
        fileSize: fs.statSync(target).size,
        label: input.label,
      });
      background(job.id, (options) => analyseJob(strapi, job.id, options));
      return job;
    },

    /** Starts the import of an analysed job in the background; false when it is already running. */
    async run(id: number, options: { publish?: boolean }): Promise<boolean> {
      if (running.has(id)) return false;
      await strapi.db
        .query(JOB_UID)
        .update({ where: { id }, data: { publish: options.publish ?? false, state: 'importing' } });
      background(id, (runOptions) => importJob(strapi, id, runOptions));
      return true;
    },

    isRunning: (id: number) => running.has(id),
    get: (id: number) => getJob(strapi, id),

    async list(limit = 20): Promise<JobSummary[]> {
      const rows = (await strapi.db
        .query(JOB_UID)
        .findMany({ select: SUMMARY_COLUMNS, orderBy: { id: 'desc' }, limit })) as ImportJob[];
      return rows.map(summaryOf);
    },

    /** A job's state and progress without its report and results (what the admin page polls). */
    async summary(id: number): Promise<(JobSummary & { running: boolean }) | null> {
      const row = (await strapi.db
        .query(JOB_UID)
        .findOne({ select: SUMMARY_COLUMNS, where: { id } })) as ImportJob | null;
      return row ? { ...summaryOf(row), running: running.has(id) } : null;
    },

    /** CLI: a job for an export file left where it is, analysed in the foreground. */
    async analyseFile(
      filePath: string,
      options: RunOptions & { label?: string | null } = {}
    ): Promise<ImportJob | null> {
      const absolute = path.resolve(filePath);
      const job = await createJob(strapi, {
        filePath: absolute,
        fileName: path.basename(absolute),
        fileSize: fs.statSync(absolute).size,
        label: options.label,
      });
      return analyseJob(strapi, job.id, options);
    },

    /** CLI: the unfinished import of this file (same path and label), if a stopped run left one. */
    async unfinished(filePath: string, label: string | null = null): Promise<ImportJob | null> {
      const rows = (await strapi.db.query(JOB_UID).findMany({
        where: { filePath: path.resolve(filePath), state: 'importing', label: label?.trim() || null },
        orderBy: { id: 'desc' },
        limit: 1,
      })) as ImportJob[];
      return rows[0] ?? null;
    },

    /** CLI: runs (or resumes) an import in the foreground. */
    async importNow(id: number, options: RunOptions & { publish?: boolean } = {}): Promise<ImportJob | null> {
      if (options.publish !== undefined)
        await strapi.db.query(JOB_UID).update({ where: { id }, data: { publish: options.publish } });
      return importJob(strapi, id, options);
    },

    /** At start-up: resumes imports a stopped process left half done (the CLI turns this off and resumes its own). */
    resumeInBackground() {
      if (process.env.MOVIE_REVIEWS_IMPORT_NO_AUTO_RESUME === 'true') return;
      void resumeInterrupted(strapi).catch((error: Error) =>
        strapi.log.error(`[movie-reviews import] resume: ${error.message}`)
      );
    },

    /** Stops running jobs, leaving them resumable. */
    async stop() {
      const all = [...running.values()];
      all.forEach((r) => r.controller.abort());
      await Promise.all(all.map((r) => r.promise));
    },

    /** Waits for a job started here to finish (tests, CLI). */
    async settled(id: number) {
      await running.get(id)?.promise;
    },
  };
};
