/**
 * Admin controller of the Import page: upload an export (streamed to disk by
 * the body parser), read the dry-run report, start the import, poll progress,
 * download the redirects. Guarded by `plugin::movie-reviews.import`.
 */
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { zodToValidationError } from '../utils/zod-issues';
import { validationError } from '../utils/host-errors';
import { getService } from '../utils/get-service';
import { summaryOf } from '../services/importer';
import { redirectsCsv, redirectsOf } from '../import/job-runner';
import {
  importJobIdSchema,
  importPageSchema,
  importRunSchema,
  importUploadSchema,
  redirectsQuerySchema,
} from '../validation/import';
import type { z } from 'zod';

interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
  size: number;
}

type Ctx = {
  query: unknown;
  params: Record<string, string>;
  request: { body?: unknown; files?: Record<string, UploadedFile | UploadedFile[] | undefined> };
  body: unknown;
  status: number;
  set(name: string, value: string): void;
  notFound(message?: string): void;
  conflict?(message?: string): void;
};

const parse = <T extends z.ZodType>(schema: T, value: unknown, path: string[] = []): z.infer<T> => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw zodToValidationError(parsed.error, path);
  return parsed.data;
};

const paginate = <T>(items: T[], page: number, pageSize: number) => ({
  data: items.slice((page - 1) * pageSize, page * pageSize),
  meta: { pagination: { page, pageSize, pageCount: Math.ceil(items.length / pageSize), total: items.length } },
});

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'importer');

  const loadJob = async (ctx: Ctx) => {
    const id = parse(importJobIdSchema, ctx.params.id, ['id']);
    const job = await service().get(id);
    if (!job) ctx.notFound('No import job with this id');
    return job;
  };

  return {
    async list(ctx: Ctx) {
      ctx.body = { data: await service().list() };
    },

    async create(ctx: Ctx) {
      const files = ctx.request.files ?? {};
      const upload = files.file;
      const all = Object.values(files).flatMap((f) => (Array.isArray(f) ? f : f ? [f] : []));
      const cleanUp = () => all.forEach((f) => fs.rmSync(f.filepath, { force: true }));
      if (!upload || Array.isArray(upload)) {
        cleanUp();
        throw validationError([
          {
            path: ['file'],
            name: 'ValidationError',
            message: 'file: send one export file (WordPress .xml or Blogger .atom/.xml) as "file"',
          },
        ]);
      }
      let fields: z.infer<typeof importUploadSchema>;
      try {
        const body = (ctx.request.body ?? {}) as Record<string, unknown>;
        fields = parse(importUploadSchema, Object.fromEntries(Object.entries(body).filter(([, v]) => v !== '')));
      } catch (error) {
        cleanUp();
        throw error;
      }
      if (!upload.size) {
        cleanUp();
        throw validationError([{ path: ['file'], name: 'ValidationError', message: 'file: the file is empty' }]);
      }
      const job = await service().start({
        tempPath: upload.filepath,
        fileName: (upload.originalFilename ?? 'export.xml').slice(0, 255),
        label: fields.label,
      });
      ctx.status = 202;
      ctx.body = { data: summaryOf(job) };
    },

    async findOne(ctx: Ctx) {
      const id = parse(importJobIdSchema, ctx.params.id, ['id']);
      const job = await service().summary(id);
      if (!job) ctx.notFound('No import job with this id');
      else ctx.body = { data: job };
    },

    async report(ctx: Ctx) {
      const { page, pageSize } = parse(importPageSchema, ctx.query);
      const job = await loadJob(ctx);
      if (job) ctx.body = paginate(job.report ?? [], page, pageSize);
    },

    async results(ctx: Ctx) {
      const { page, pageSize } = parse(importPageSchema, ctx.query);
      const job = await loadJob(ctx);
      if (job)
        ctx.body = paginate(
          Object.entries(job.results ?? {}).map(([sourceId, r]) => ({ sourceId, ...r })),
          page,
          pageSize
        );
    },

    async run(ctx: Ctx) {
      const options = parse(importRunSchema, ctx.request.body ?? {});
      const job = await loadJob(ctx);
      if (!job) return;
      if (job.state === 'analysing' || job.state === 'importing' || (job.state === 'failed' && !job.format)) {
        throw validationError(
          job.state === 'failed'
            ? `This file cannot be imported: ${job.error ?? 'it was refused'}`
            : `This job is ${job.state}: wait until it is finished`
        );
      }
      await service().run(job.id, options);
      ctx.status = 202;
      ctx.body = { data: summaryOf({ ...job, state: 'importing' }) };
    },

    async redirects(ctx: Ctx) {
      const { format } = parse(redirectsQuerySchema, ctx.query);
      const job = await loadJob(ctx);
      if (!job) return;
      const name = `redirects-import-${job.id}.${format}`;
      ctx.set('Content-Disposition', `attachment; filename="${name}"`);
      if (format === 'csv') {
        ctx.set('Content-Type', 'text/csv; charset=utf-8');
        ctx.body = redirectsCsv(job);
      } else {
        ctx.body = { data: redirectsOf(job) };
      }
    },
  };
};
