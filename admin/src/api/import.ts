/**
 * The Import page's view of the admin API (/movie-reviews/import/jobs): shapes and
 * calls, on Strapi's `useFetchClient`.
 */
import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

const BASE = '/movie-reviews/import/jobs';

export type JobState = 'analysing' | 'analysed' | 'importing' | 'done' | 'failed';

export interface ImportJob {
  id: number;
  state: JobState;
  fileName: string | null;
  fileSize: number | null;
  format: 'wxr' | 'blogger-atom' | 'blogger' | null;
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
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  running?: boolean;
}

export interface CommentReport {
  sourceId: string;
  name: string;
  email: string | null;
  date: string | null;
  approved: boolean;
  state: 'approved' | 'pending' | 'spam';
  replies: CommentReport[];
}

export interface PostReport {
  sourceId: string;
  sourceUrl: string | null;
  title: string;
  slug: string;
  date: string | null;
  status: 'published' | 'draft';
  movieTitle: string | null;
  movieYear: number | null;
  movieDirector: string | null;
  synopsis: { text: string; source: string | null; sourceUrl: string | null } | null;
  stills: Array<{ src: string; caption: string | null; alt: string }>;
  song: { url: string; provider: string } | null;
  tags: string[];
  author: string;
  comments: CommentReport[];
  commentCount: number;
  blockCount: number;
  unmapped: Array<{ part: string; reason: string }>;
  skip: string | null;
}

export interface PostResult {
  sourceId: string;
  status: 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';
  title: string;
  sourceUrl: string | null;
  slug: string | null;
  documentId: string | null;
  reason: string | null;
  comments: number;
  missingFiles: Array<{ src: string; caption: string | null; alt: string; reason: string }>;
}

export interface Page<T> {
  data: T[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}

export const isBusy = (job: ImportJob | undefined) =>
  Boolean(job && (job.state === 'analysing' || job.state === 'importing' || job.running));

export const useImportApi = () => {
  const { get, post } = useFetchClient();
  return React.useMemo(
    () => ({
      latest: async () => (await get<{ data: ImportJob[] }>(BASE)).data.data[0],
      job: async (id: number) => (await get<{ data: ImportJob }>(`${BASE}/${id}`)).data.data,
      upload: async (file: File, label: string) => {
        const form = new FormData();
        form.append('file', file);
        if (label.trim()) form.append('label', label.trim());
        return (await post<{ data: ImportJob }>(BASE, form)).data.data;
      },
      report: async (id: number, page: number) =>
        (await get<Page<PostReport>>(`${BASE}/${id}/report`, { params: { page, pageSize: 10 } })).data,
      results: async (id: number) =>
        (await get<Page<PostResult>>(`${BASE}/${id}/results`, { params: { page: 1, pageSize: 100 } })).data,
      run: async (id: number, publish: boolean) =>
        (await post<{ data: ImportJob }>(`${BASE}/${id}/run`, { publish })).data.data,
      redirects: async (id: number, format: 'csv' | 'json') =>
        (await get<Blob>(`${BASE}/${id}/redirects`, { params: { format }, responseType: 'blob' })).data,
    }),
    [get, post]
  );
};

/** Reloads the job every second while it is running (the server keeps its progress). */
export const useJobPolling = (job: ImportJob | undefined, refresh: (id: number) => void) => {
  const busy = isBusy(job);
  const id = job?.id;
  React.useEffect(() => {
    if (!busy || id === undefined) return undefined;
    const timer = window.setInterval(() => refresh(id), 1000);
    return () => window.clearInterval(timer);
  }, [busy, id, refresh]);
};
