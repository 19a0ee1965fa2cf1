/**
 * Fetch hooks for the plugin's admin API, on Strapi's own `useFetchClient` (auth
 * header, token refresh, base URL). Each read hook exposes loading / error / data
 * and a `reload`; a response that arrives after a newer request started is dropped.
 */
import * as React from 'react';
import { isFetchError, useFetchClient } from '@strapi/strapi/admin';
import type {
  ActionResult,
  CommentPage,
  FieldError,
  ModerationAction,
  ModerationComment,
  QueueQuery,
  ReportedPage,
  ReviewOption,
  ReviewOverview,
  Settings,
} from './types';

const BASE = '/movie-reviews';

export interface RequestState<T> {
  data: T | undefined;
  error: unknown;
  isLoading: boolean;
  reload: () => void;
}

/** Runs `load` when `key` changes (and on `reload`), keeping the last data while a new request runs. */
const useRequest = <T>(key: string | null, load: () => Promise<T>): RequestState<T> => {
  const [state, setState] = React.useState<{ data?: T; error?: unknown; isLoading: boolean }>({
    isLoading: key !== null,
  });
  const [generation, setGeneration] = React.useState(0);
  const loadRef = React.useRef(load);
  loadRef.current = load;

  React.useEffect(() => {
    if (key === null) return undefined;
    let current = true;
    setState((prev) => ({ data: prev.data, error: undefined, isLoading: true }));
    loadRef.current().then(
      (data) => current && setState({ data, error: undefined, isLoading: false }),
      (error: unknown) => current && setState((prev) => ({ data: prev.data, error, isLoading: false }))
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = React.useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.data, error: state.error, isLoading: state.isLoading, reload };
};

const toParams = (query: QueueQuery) => {
  const params: Record<string, string | number> = {
    status: query.status,
    page: query.page,
    pageSize: query.pageSize,
    sort: query.sort,
  };
  if (query.q) params.q = query.q;
  if (query.review) params.review = query.review;
  return params;
};

export const useCommentQueue = (query: QueueQuery) => {
  const { get } = useFetchClient();
  const params = toParams(query);
  return useRequest<CommentPage>(JSON.stringify(params), async () => {
    const { data } = await get<CommentPage>(`${BASE}/moderation/comments`, { params });
    return data;
  });
};

/** The Reported tab: comments with readers' reports awaiting a decision, most reported first. */
export const useReportedQueue = (query: { page: number; pageSize: number }, enabled: boolean) => {
  const { get } = useFetchClient();
  const params = { page: query.page, pageSize: query.pageSize };
  return useRequest<ReportedPage>(enabled ? JSON.stringify(params) : null, async () => {
    const { data } = await get<ReportedPage>(`${BASE}/moderation/reported`, { params });
    return data;
  });
};

export const useReviewOptions = (q: string) => {
  const { get } = useFetchClient();
  return useRequest<ReviewOption[]>(`reviews:${q}`, async () => {
    const params: Record<string, string> = q ? { q } : {};
    const { data } = await get<{ data: ReviewOption[] }>(`${BASE}/moderation/reviews`, { params });
    return data.data;
  });
};

export const useReviewOverview = (documentId: string | undefined, status: 'draft' | 'published', version?: string) => {
  const { get } = useFetchClient();
  return useRequest<ReviewOverview>(documentId ? `${documentId}:${status}:${version ?? ''}` : null, async () => {
    const { data } = await get<{ data: ReviewOverview }>(`${BASE}/reviews/${documentId}/overview`, {
      params: { status },
    });
    return data.data;
  });
};

/** Moderation writes; each returns the server's answer and throws the FetchError on failure. */
export const useModerationActions = () => {
  const { post } = useFetchClient();
  return React.useMemo(
    () => ({
      apply: async (action: ModerationAction, ids: string[]) => {
        const { data } = await post<{ data: ActionResult }>(`${BASE}/moderation/comments/actions`, { action, ids });
        return data.data;
      },
      reply: async (documentId: string, content: string) => {
        const { data } = await post<{ data: ModerationComment; meta: { parentApproved: boolean } }>(
          `${BASE}/moderation/comments/${documentId}/reply`,
          { content }
        );
        return data;
      },
    }),
    [post]
  );
};

export interface SettingsResponse {
  data: Settings;
  meta: { embedProviders: string[] };
}

export const useSettings = () => {
  const { get } = useFetchClient();
  return useRequest<SettingsResponse>('settings', async () => (await get<SettingsResponse>(`${BASE}/settings`)).data);
};

export const useSaveSettings = () => {
  const { put } = useFetchClient();
  return React.useCallback(
    async (patch: Partial<Record<keyof Settings, unknown>>) =>
      (await put<SettingsResponse>(`${BASE}/settings`, patch)).data,
    [put]
  );
};

/** The field errors of a 400 ValidationError, keyed by the first path segment. */
export const fieldErrorsOf = (error: unknown): Record<string, string> => {
  if (!isFetchError(error)) return {};
  const details = error.response?.data?.error?.details as { errors?: FieldError[] } | undefined;
  const out: Record<string, string> = {};
  for (const issue of details?.errors ?? []) {
    const field = issue.path?.[0];
    if (!field || out[field]) continue;
    // Server messages start with the field path ("cacheMaxAge: ..."); the form shows the field already.
    out[field] = issue.message.replace(/^[\w.]+: /, '');
  }
  return out;
};

/** The HTTP status of a failed request, when there was one. */
export const statusOf = (error: unknown): number | undefined =>
  isFetchError(error) ? (error.status ?? error.response?.data?.error?.status) : undefined;
