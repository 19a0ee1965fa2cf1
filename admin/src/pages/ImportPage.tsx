/**
 * Import: bring in a WordPress (WXR) or Blogger export. Three steps on one page:
 * choose the file (and optionally a label), read the dry-run report (what each post
 * becomes, and what could not be mapped), then import, with progress polled from
 * the server's job, the results and the redirects to download.
 */
import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  EmptyStateLayout,
  Field,
  Flex,
  Pagination,
  PreviousLink,
  NextLink,
  ProgressBar,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Download, Upload } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../api/permissions';
import { useApiErrorMessage } from '../api/useApiErrorMessage';
import {
  isBusy,
  useImportApi,
  useJobPolling,
  type CommentReport,
  type ImportJob,
  type Page as ReportPage,
  type PostReport,
  type PostResult,
} from '../api/import';
import { protectedPage } from '../components/protectedPage';
import { useT, type MessageKey } from '../components/intl';

const FORMAT_KEYS: Record<string, MessageKey> = {
  wxr: 'import.format.wxr',
  'blogger-atom': 'import.format.bloggerAtom',
  blogger: 'import.format.blogger',
};

const card = (label: string, children: React.ReactNode) => (
  <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius tag="section" aria-label={label}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="delta" tag="h2">
        {label}
      </Typography>
      {children}
    </Flex>
  </Box>
);

const Comments = ({ comments, depth = 0 }: { comments: CommentReport[]; depth?: number }) => {
  const t = useT();
  return (
    <Box tag="ul" paddingLeft={depth ? 4 : 0}>
      {comments.map((c) => (
        <Box tag="li" key={c.sourceId} paddingTop={1}>
          <Typography variant="omega">
            {t('import.report.comment', {
              name: c.name,
              email: c.email ?? t('import.report.noEmail'),
              date: c.date ? new Date(c.date).toLocaleDateString() : '—',
            })}{' '}
          </Typography>
          <Badge active={c.approved}>{t(`import.comment.${c.state}` as MessageKey)}</Badge>
          {c.replies.length > 0 && <Comments comments={c.replies} depth={depth + 1} />}
        </Box>
      ))}
    </Box>
  );
};

const PostDetail = ({ post }: { post: PostReport }) => {
  const t = useT();
  const row = (labelKey: MessageKey, value: React.ReactNode) => (
    <Flex gap={2} alignItems="flex-start">
      <Box minWidth="12rem">
        <Typography variant="sigma" textColor="neutral600">
          {t(labelKey)}
        </Typography>
      </Box>
      <Box>{value}</Box>
    </Flex>
  );
  return (
    <Flex direction="column" alignItems="stretch" gap={2} padding={4} background="neutral100" hasRadius>
      {row(
        'import.report.synopsis',
        <Typography>{post.synopsis ? post.synopsis.text : t('import.report.none')}</Typography>
      )}
      {row(
        'import.report.stills',
        post.stills.length ? (
          <Box tag="ul">
            {post.stills.map((s) => (
              <Box tag="li" key={s.src}>
                <Typography>
                  {t('import.report.still', { caption: s.caption ?? t('import.report.noCaption'), alt: s.alt })}
                </Typography>
              </Box>
            ))}
          </Box>
        ) : (
          <Typography>{t('import.report.none')}</Typography>
        )
      )}
      {row(
        'import.report.song',
        <Typography>{post.song ? `${post.song.provider}: ${post.song.url}` : t('import.report.none')}</Typography>
      )}
      {row(
        'import.report.tags',
        <Typography>{post.tags.length ? post.tags.join(', ') : t('import.report.none')}</Typography>
      )}
      {row('import.report.author', <Typography>{post.author}</Typography>)}
      {row(
        'import.report.comments',
        post.comments.length ? (
          <Comments comments={post.comments} />
        ) : (
          <Typography>{t('import.report.none')}</Typography>
        )
      )}
      {row(
        'import.report.unmapped',
        post.unmapped.length ? (
          <Box tag="ul">
            {post.unmapped.map((u, i) => (
              <Box tag="li" key={`${u.part}-${i}`}>
                <Typography textColor="warning600">{`${u.part}: ${u.reason}`}</Typography>
              </Box>
            ))}
          </Box>
        ) : (
          <Typography>{t('import.report.none')}</Typography>
        )
      )}
    </Flex>
  );
};

const Report = ({ job }: { job: ImportJob }) => {
  const t = useT();
  const api = useImportApi();
  const [page, setPage] = React.useState(1);
  const [report, setReport] = React.useState<ReportPage<PostReport> | null>(null);
  const [open, setOpen] = React.useState<string | null>(null);
  React.useEffect(() => {
    let current = true;
    api.report(job.id, page).then(
      (r) => current && setReport(r),
      () => current && setReport(null)
    );
    return () => {
      current = false;
    };
  }, [api, job.id, page]);
  if (!report) return null;
  const { pageCount, total } = report.meta.pagination;
  return (
    <>
      <Table colCount={6} rowCount={report.data.length + 1}>
        <Thead>
          <Tr>
            {[
              t('import.report.post'),
              t('import.report.film'),
              t('import.report.stills'),
              t('import.report.song'),
              t('import.report.comments'),
              t('import.report.outcome'),
            ].map((label) => (
              <Th key={label}>
                <Typography variant="sigma">{label}</Typography>
              </Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {report.data.map((post) => (
            <React.Fragment key={post.sourceId}>
              <Tr>
                <Td>
                  <Button
                    variant="ghost"
                    onClick={() => setOpen(open === post.sourceId ? null : post.sourceId)}
                    aria-expanded={open === post.sourceId}
                  >
                    {post.title}
                  </Button>
                </Td>
                <Td>
                  <Typography>
                    {post.movieTitle && !post.skip ? `${post.movieTitle} (${post.movieYear ?? '?'})` : '—'}
                  </Typography>
                </Td>
                <Td>
                  <Typography>{post.stills.length}</Typography>
                </Td>
                <Td>
                  <Typography>{post.song ? post.song.provider : '—'}</Typography>
                </Td>
                <Td>
                  <Typography>{post.commentCount}</Typography>
                </Td>
                <Td>
                  {post.skip ? (
                    <Typography textColor="danger600">{t('import.report.skip', { reason: post.skip })}</Typography>
                  ) : (
                    <Typography textColor={post.unmapped.length ? 'warning600' : 'success600'}>
                      {t(post.status === 'draft' ? 'import.report.asDraft' : 'import.report.ok', {
                        count: post.unmapped.length,
                      })}
                    </Typography>
                  )}
                </Td>
              </Tr>
              {open === post.sourceId && (
                <Tr>
                  <Td colSpan={6}>
                    <PostDetail post={post} />
                  </Td>
                </Tr>
              )}
            </React.Fragment>
          ))}
        </Tbody>
      </Table>
      {pageCount > 1 && (
        <Flex justifyContent="space-between">
          <Typography textColor="neutral600">{t('import.report.total', { total })}</Typography>
          <Pagination activePage={page} pageCount={pageCount}>
            <PreviousLink onClick={() => setPage((p) => Math.max(1, p - 1))}>{t('import.previous')}</PreviousLink>
            <NextLink onClick={() => setPage((p) => Math.min(pageCount, p + 1))}>{t('import.next')}</NextLink>
          </Pagination>
        </Flex>
      )}
    </>
  );
};

const Results = ({ job }: { job: ImportJob }) => {
  const t = useT();
  const api = useImportApi();
  const [results, setResults] = React.useState<PostResult[]>([]);
  React.useEffect(() => {
    api.results(job.id).then(
      (r) => setResults(r.data),
      () => setResults([])
    );
  }, [api, job.id, job.state]);
  const problems = results.filter((r) => r.status === 'failed' || r.missingFiles.length);
  const download = async (format: 'csv' | 'json') => {
    const blob = await api.redirects(job.id, format);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `redirects-import-${job.id}.${format}`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography>
        {t('import.done', {
          created: job.created,
          comments: job.commentsCreated,
          skipped: job.skipped,
          failed: job.failed,
          images: job.imagesFailed,
        })}
      </Typography>
      {problems.length > 0 && (
        <Box tag="ul">
          {problems.map((r) => (
            <Box tag="li" key={r.sourceId} paddingTop={1}>
              {r.status === 'failed' && (
                <Typography textColor="danger600">
                  {t('import.result.failed', { title: r.title, reason: r.reason ?? '' })}
                </Typography>
              )}
              {r.missingFiles.map((m) => (
                <Typography key={m.src} tag="p" textColor="warning600">
                  {t('import.result.missing', { title: r.title, src: m.src, reason: m.reason })}
                </Typography>
              ))}
            </Box>
          ))}
        </Box>
      )}
      <Flex gap={2}>
        <Button variant="secondary" startIcon={<Download />} onClick={() => void download('csv')}>
          {t('import.redirects.csv')}
        </Button>
        <Button variant="secondary" startIcon={<Download />} onClick={() => void download('json')}>
          {t('import.redirects.json')}
        </Button>
      </Flex>
    </Flex>
  );
};

const ImportView = () => {
  const t = useT();
  const api = useImportApi();
  const { toggleNotification } = useNotification();
  const errorMessage = useApiErrorMessage();
  const [job, setJob] = React.useState<ImportJob | undefined>();
  const [file, setFile] = React.useState<File | null>(null);
  const [label, setLabel] = React.useState('');
  const [publish, setPublish] = React.useState(false);
  const [sending, setSending] = React.useState(false);
  const [loadError, setLoadError] = React.useState(false);

  React.useEffect(() => {
    api.latest().then(setJob, () => setLoadError(true));
  }, [api]);
  const refresh = React.useCallback((id: number) => void api.job(id).then(setJob, () => undefined), [api]);
  useJobPolling(job, refresh);

  const fail = (error: unknown) => toggleNotification({ type: 'danger', message: errorMessage(error) });

  const analyse = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setSending(true);
    try {
      setJob(await api.upload(file, label));
    } catch (error) {
      fail(error);
    } finally {
      setSending(false);
    }
  };

  const start = async () => {
    if (!job) return;
    setSending(true);
    try {
      setJob(await api.run(job.id, publish));
    } catch (error) {
      fail(error);
    } finally {
      setSending(false);
    }
  };

  const busy = isBusy(job);
  const importable = job && (job.state === 'analysed' || job.state === 'done') && !busy;
  const toImport = job ? job.total - job.skipped : 0;
  const percent = job && job.total ? Math.round((job.processed / job.total) * 100) : 0;

  return (
    <Page.Main>
      <Page.Title>{t('import.title')}</Page.Title>
      <Layouts.Header title={t('import.title')} subtitle={t('import.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {loadError && <EmptyStateLayout content={t('import.errors.load')} />}
          {card(
            t('import.step.file'),
            <form onSubmit={analyse}>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Field.Root name="file" hint={t('import.file.hint')} required>
                  <Field.Label>{t('import.file.label')}</Field.Label>
                  <input
                    type="file"
                    name="file"
                    accept=".xml,.atom,application/xml,text/xml,application/atom+xml"
                    onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                    disabled={busy || sending}
                  />
                  <Field.Hint />
                </Field.Root>
                <Field.Root name="label" hint={t('import.labelFilter.hint')}>
                  <Field.Label>{t('import.labelFilter.label')}</Field.Label>
                  <TextInput
                    value={label}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => setLabel(e.target.value)}
                    maxLength={200}
                  />
                  <Field.Hint />
                </Field.Root>
                <Box>
                  <Button type="submit" startIcon={<Upload />} disabled={!file || busy} loading={sending && !job}>
                    {t('import.analyse')}
                  </Button>
                </Box>
              </Flex>
            </form>
          )}
          {job &&
            card(
              t('import.step.report'),
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography>
                  {t('import.job', {
                    file: job.fileName ?? '',
                    format: job.format
                      ? `${t(FORMAT_KEYS[job.format])}${job.formatVersion ? ` ${job.formatVersion}` : ''}`
                      : '…',
                    state: t(`import.state.${job.state}` as MessageKey),
                  })}
                </Typography>
                {job.state === 'failed' && (
                  <Typography textColor="danger600" role="alert">
                    {job.error}
                  </Typography>
                )}
                {job.state === 'analysing' && (
                  <Typography>{t('import.analysing', { count: job.processed })}</Typography>
                )}
                {job.state !== 'analysing' && job.state !== 'failed' && (
                  <>
                    <Typography>
                      {t('import.summary', {
                        total: job.total,
                        skipped: job.skipped,
                        label: job.label ?? '',
                        hasLabel: job.label ? 'yes' : 'no',
                      })}
                    </Typography>
                    <Report job={job} />
                  </>
                )}
              </Flex>
            )}
          {job &&
            job.format &&
            job.state !== 'analysing' &&
            card(
              t('import.step.import'),
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Checkbox
                  checked={publish}
                  onCheckedChange={(v: boolean | 'indeterminate') => setPublish(v === true)}
                  disabled={!importable}
                >
                  {t('import.publish')}
                </Checkbox>
                <Box>
                  <Button
                    onClick={() => void start()}
                    disabled={!importable || toImport === 0}
                    loading={sending && Boolean(job)}
                  >
                    {t(job.state === 'done' ? 'import.again' : 'import.start', { count: toImport })}
                  </Button>
                </Box>
                {(job.state === 'importing' || busy) && (
                  <Flex direction="column" alignItems="stretch" gap={2}>
                    <ProgressBar
                      value={percent}
                      aria-label={t('import.progress', { processed: job.processed, total: job.total })}
                    />
                    <Typography>{t('import.progress', { processed: job.processed, total: job.total })}</Typography>
                  </Flex>
                )}
                {job.state === 'done' && !busy && <Results job={job} />}
              </Flex>
            )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export const ImportPage = protectedPage(PERMISSIONS.import, ImportView);

export default ImportPage;
