/**
 * Movie Reviews → comment moderation. Built like the Content Manager's list view:
 * header, search and filter in the action bar, the admin's Table (sortable headers,
 * selection, bulk action bar) and Pagination, all state in the URL query. The
 * server filters, sorts and paginates, so the page holds up with any number of comments.
 */
import * as React from 'react';
import { Badge, Box, Button, Dialog, Flex, IconButton, Link, Menu, Tabs, Typography } from '@strapi/design-system';
import { Check, Cross, Discuss, More, Shield, Trash } from '@strapi/icons';
import {
  ConfirmDialog,
  Layouts,
  Page,
  Pagination,
  SearchInput,
  Table,
  useNotification,
  useQueryParams,
} from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import { useCommentQueue, useModerationActions, useReportedQueue } from '../api/hooks';
import { PERMISSIONS, reviewEditPath } from '../api/permissions';
import { useApiErrorMessage } from '../api/useApiErrorMessage';
import type { ModerationAction, ModerationComment, StatusFilter } from '../api/types';
import { MAX_QUEUE_PAGE_SIZE, SORTABLE_FIELDS } from '../../../server/src/shared/comment-moderation';
import { CommentContent } from '../components/CommentContent';
import { CommentTableHead } from '../components/CommentTableHead';
import { LoadFailedPage } from '../components/LoadFailedPage';
import { ReplyModal } from '../components/ReplyModal';
import { ReviewFilter } from '../components/ReviewFilter';
import { ReportedTable } from '../components/ReportedTable';
import { StatusBadge } from '../components/StatusBadge';
import { protectedPage } from '../components/protectedPage';
import { useT, type MessageKey } from '../components/intl';

const TABS: StatusFilter[] = ['pending', 'approved', 'rejected', 'spam', 'all'];
/** The tabs: the statuses, then the comments readers reported (their own list, see ReportedTable). */
type Tab = StatusFilter | 'reported';
const ALL_TABS: Tab[] = [...TABS, 'reported'];
const DEFAULT_SORT = 'createdAt:DESC';

interface QueueParams {
  status?: string;
  _q?: string;
  review?: string;
  page?: string;
  pageSize?: string;
  sort?: string;
}

const intParam = (value: string | undefined, fallback: number, max: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
};

const sortParam = (value: string | undefined) => {
  const [field, order] = (value ?? '').split(':');
  return (SORTABLE_FIELDS as readonly string[]).includes(field) && /^(asc|desc)$/i.test(order ?? '')
    ? `${field}:${order.toUpperCase()}`
    : DEFAULT_SORT;
};

const ModerationQueue = () => {
  const t = useT();
  const { formatDate } = useIntl();
  const { toggleNotification } = useNotification();
  const errorMessage = useApiErrorMessage();
  const { apply } = useModerationActions();
  const [{ query }, setQuery] = useQueryParams<QueueParams>();

  const tab: Tab = ALL_TABS.includes(query.status as Tab) ? (query.status as Tab) : 'pending';
  const isReported = tab === 'reported';
  // The Reported tab still reads the status queue for the other tabs' counts.
  const status: StatusFilter = tab === 'reported' ? 'pending' : tab;
  const page = intParam(query.page, 1, 1_000_000);
  const pageSize = intParam(query.pageSize, 10, MAX_QUEUE_PAGE_SIZE);
  const sort = sortParam(query.sort);
  const q = typeof query._q === 'string' ? query._q.slice(0, 200) : undefined;
  const review = typeof query.review === 'string' && query.review ? query.review : undefined;

  const queue = useCommentQueue({ status, q, review, page, pageSize, sort });
  const reported = useReportedQueue({ page, pageSize }, isReported);
  const rows = queue.data?.data ?? [];
  const counts = queue.data?.meta.counts;
  const pagination = isReported ? reported.data?.meta.pagination : queue.data?.meta.pagination;
  const tabCount = (name: Tab) =>
    name === 'reported' ? (queue.data?.meta.reported ?? '…') : counts ? counts[name] : '…';

  const [selected, setSelected] = React.useState<ModerationComment[]>([]);
  const [replyTo, setReplyTo] = React.useState<ModerationComment | null>(null);
  const [toDelete, setToDelete] = React.useState<string[] | null>(null);
  const [busy, setBusy] = React.useState(false);

  const viewKey = JSON.stringify([tab, q, review, page, pageSize, sort]);
  React.useEffect(() => setSelected([]), [viewKey]);

  // After the last rows of the last page were moderated away, step back to the new last page.
  React.useEffect(() => {
    const shown = isReported ? (reported.data?.data.length ?? 0) : rows.length;
    if (pagination && shown === 0 && page > 1 && page > pagination.pageCount) {
      setQuery({ page: String(Math.max(1, pagination.pageCount)) }, 'push', true);
    }
  }, [pagination, rows.length, reported.data, isReported, page, setQuery]);

  const run = async (action: ModerationAction, ids: string[]) => {
    if (!ids.length) return;
    setBusy(true);
    try {
      const result = await apply(action, ids);
      toggleNotification({
        type: 'success',
        message: t(`moderation.notify.${action}` as MessageKey, {
          count: result.changed.length + result.unchanged.length,
        }),
      });
      if (result.missing.length) {
        toggleNotification({
          type: 'warning',
          message: t('moderation.notify.missing', { count: result.missing.length }),
        });
      }
      setSelected([]);
      queue.reload();
      if (isReported) reported.reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const loadError = (queue.error && !queue.data) || (isReported && reported.error && !reported.data);
  if (loadError) {
    return (
      <LoadFailedPage
        error={queue.error ?? reported.error}
        title={t('moderation.title')}
        message={t('moderation.errors.load')}
        onRetry={() => {
          queue.reload();
          reported.reload();
        }}
      />
    );
  }

  const headers = [
    { name: 'authorName', label: t('moderation.table.comment'), sortable: true },
    { name: 'review', label: t('moderation.table.review'), sortable: false },
    { name: 'createdAt', label: t('moderation.table.submitted'), sortable: true },
    { name: 'status', label: t('moderation.table.status'), sortable: status === 'all' },
  ];
  // The Table counts its columns from `headers` (empty and loading rows span them all).
  const tableHeaders = [...headers, { name: 'actions', label: t('moderation.table.actions'), sortable: false }];
  const date = (iso: string | null) => (iso ? formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' }) : '—');
  const selectedIds = selected.map((c) => c.documentId);
  const emptyKey = (q || review ? 'moderation.empty.filtered' : `moderation.empty.${status}`) as MessageKey;

  // The bulk actions that set a status; each is left out on the tab of the status it sets.
  const bulkStatusActions = [
    {
      action: 'approve',
      status: 'approved',
      variant: 'success-light',
      icon: <Check />,
      label: t('moderation.actions.approve'),
    },
    {
      action: 'reject',
      status: 'rejected',
      variant: 'secondary',
      icon: <Cross />,
      label: t('moderation.actions.reject'),
    },
    { action: 'spam', status: 'spam', variant: 'tertiary', icon: <Shield />, label: t('moderation.actions.spam') },
  ] as const;

  const table = (
    <Table.Root
      rows={rows}
      headers={tableHeaders}
      isLoading={queue.isLoading && !queue.data}
      selectedRows={selected}
      onSelectedRowsChange={setSelected}
    >
      <Flex minHeight="3.6rem" paddingBottom={2} gap={2}>
        <Table.ActionBar>
          {bulkStatusActions
            .filter((b) => b.status !== status)
            .map((b) => (
              <Button
                key={b.action}
                size="S"
                variant={b.variant}
                startIcon={b.icon}
                disabled={busy}
                onClick={() => run(b.action, selectedIds)}
              >
                {b.label}
              </Button>
            ))}
          <Button
            size="S"
            variant="danger-light"
            startIcon={<Trash />}
            disabled={busy}
            onClick={() => setToDelete(selectedIds)}
          >
            {t('moderation.actions.delete')}
          </Button>
        </Table.ActionBar>
      </Flex>
      <Table.Content>
        <CommentTableHead headers={headers} selectable />
        <Table.Empty content={t(emptyKey)} />
        <Table.Body>
          {rows.map((comment) => (
            <Table.Row key={comment.id} style={{ verticalAlign: 'top' }}>
              <Table.CheckboxCell id={comment.id} />
              <Table.Cell style={{ whiteSpace: 'normal', minWidth: '28rem', maxWidth: '56rem' }}>
                <Flex direction="column" alignItems="stretch" gap={1} paddingTop={2} paddingBottom={2}>
                  <Flex gap={2} wrap="wrap">
                    <Typography fontWeight="bold" textColor="neutral800">
                      {comment.authorName}
                    </Typography>
                    {comment.authorIsEditor ? (
                      <Badge size="S" backgroundColor="primary100" textColor="primary700">
                        {t('moderation.editor')}
                      </Badge>
                    ) : null}
                    {comment.hiddenByReports ? (
                      <Badge size="S" backgroundColor="danger100" textColor="danger700">
                        {t('moderation.reports.hidden')}
                      </Badge>
                    ) : null}
                  </Flex>
                  <Typography variant="pi" textColor="neutral600">
                    {[comment.authorEmail, comment.ip ? t('moderation.ip', { ip: comment.ip }) : null]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography>
                  {comment.parent ? (
                    <Typography variant="pi" textColor="neutral600">
                      {t('moderation.inReplyTo', { name: comment.parent.authorName })}
                    </Typography>
                  ) : null}
                  <CommentContent id={comment.documentId} content={comment.content} />
                </Flex>
              </Table.Cell>
              <Table.Cell style={{ whiteSpace: 'normal', maxWidth: '24rem' }}>
                {comment.review ? (
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    <Link tag={NavLink} to={reviewEditPath(comment.review.documentId)}>
                      {comment.review.title}
                    </Link>
                    {!comment.review.published ? (
                      <Typography variant="pi" textColor="neutral600">
                        {t('moderation.review.draft')}
                      </Typography>
                    ) : null}
                  </Flex>
                ) : (
                  <Typography variant="pi" textColor="neutral600">
                    {t('moderation.review.missing')}
                  </Typography>
                )}
              </Table.Cell>
              <Table.Cell>
                <Typography textColor="neutral800">{date(comment.createdAt)}</Typography>
              </Table.Cell>
              <Table.Cell>
                <StatusBadge status={comment.status} />
              </Table.Cell>
              <Table.Cell>
                <RowActions
                  comment={comment}
                  disabled={busy}
                  onAction={(action) =>
                    action === 'delete' ? setToDelete([comment.documentId]) : run(action, [comment.documentId])
                  }
                  onReply={() => setReplyTo(comment)}
                />
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Content>
    </Table.Root>
  );

  return (
    <Page.Main>
      <Page.Title>{t('moderation.title')}</Page.Title>
      <Layouts.Header
        title={t('moderation.title')}
        subtitle={
          counts ? t('moderation.subtitle', { pending: counts.pending, total: counts.all }) : t('moderation.loading')
        }
      />
      <Layouts.Action
        startActions={
          // The Reported tab lists every reported comment; search and review filter apply to the status tabs.
          isReported ? undefined : (
            <Flex gap={2} wrap="wrap">
              <SearchInput label={t('moderation.search.label')} placeholder={t('moderation.search.placeholder')} />
              <ReviewFilter
                value={review}
                selectedTitle={queue.data?.meta.review?.title}
                onChange={(documentId) => setQuery({ review: documentId, page: '1' } as QueueParams)}
              />
            </Flex>
          )
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Tabs.Root
            value={tab}
            onValueChange={(value) => setQuery({ status: value, page: '1' } as QueueParams)}
            variant="simple"
          >
            <Tabs.List aria-label={t('moderation.tabs.label')}>
              {ALL_TABS.map((name) => (
                <Tabs.Trigger key={name} value={name}>
                  {t(`moderation.tabs.${name}` as MessageKey, { count: tabCount(name) })}
                </Tabs.Trigger>
              ))}
            </Tabs.List>
            {ALL_TABS.map((name) => (
              <Tabs.Content key={name} value={name}>
                {name !== tab ? null : isReported ? (
                  <Box paddingTop={2}>
                    <ReportedTable
                      rows={reported.data?.data ?? []}
                      isLoading={reported.isLoading && !reported.data}
                      busy={busy}
                      onAction={(action, comment) =>
                        action === 'delete' ? setToDelete([comment.documentId]) : run(action, [comment.documentId])
                      }
                    />
                  </Box>
                ) : (
                  <Box paddingTop={2}>{table}</Box>
                )}
              </Tabs.Content>
            ))}
          </Tabs.Root>
          {pagination && pagination.total > 0 ? (
            <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={pageSize}>
              <Pagination.PageSize options={['10', '20', '50', '100']} />
              <Pagination.Links />
            </Pagination.Root>
          ) : null}
        </Flex>
      </Layouts.Content>
      <ReplyModal comment={replyTo} onClose={() => setReplyTo(null)} onReplied={queue.reload} />
      <Dialog.Root open={toDelete !== null} onOpenChange={(open) => !open && setToDelete(null)}>
        <ConfirmDialog
          title={t('moderation.delete.title')}
          variant="danger-light"
          onConfirm={async () => {
            const ids = toDelete ?? [];
            setToDelete(null);
            await run('delete', ids);
          }}
        >
          {t('moderation.delete.body', { count: toDelete?.length ?? 0 })}
        </ConfirmDialog>
      </Dialog.Root>
    </Page.Main>
  );
};

interface RowActionsProps {
  comment: ModerationComment;
  disabled: boolean;
  onAction: (action: ModerationAction) => void;
  onReply: () => void;
}

/** Approve in one click (the common case), everything else in the row's menu. */
const RowActions = ({ comment, disabled, onAction, onReply }: RowActionsProps) => {
  const t = useT();
  const name = comment.authorName;
  const canReply = comment.status === 'pending' || comment.status === 'approved';
  return (
    <Flex gap={1} justifyContent="flex-end" onClick={(e: React.MouseEvent) => e.stopPropagation()}>
      {comment.status !== 'approved' ? (
        <IconButton
          label={t('moderation.actions.approveOne', { name })}
          variant="ghost"
          disabled={disabled}
          onClick={() => onAction('approve')}
        >
          <Check />
        </IconButton>
      ) : null}
      {canReply ? (
        <IconButton
          label={t('moderation.actions.replyOne', { name })}
          variant="ghost"
          disabled={disabled}
          onClick={onReply}
        >
          <Discuss />
        </IconButton>
      ) : null}
      <Menu.Root>
        <Menu.Trigger
          tag={IconButton}
          icon={<More />}
          label={t('moderation.actions.more', { name })}
          variant="ghost"
          disabled={disabled}
        />
        <Menu.Content popoverPlacement="bottom-end">
          {comment.status !== 'rejected' ? (
            <Menu.Item startIcon={<Cross />} onSelect={() => onAction('reject')}>
              {t('moderation.actions.reject')}
            </Menu.Item>
          ) : null}
          {comment.status !== 'spam' ? (
            <Menu.Item startIcon={<Shield />} onSelect={() => onAction('spam')}>
              {t('moderation.actions.spam')}
            </Menu.Item>
          ) : null}
          <Menu.Item startIcon={<Trash />} variant="danger" onSelect={() => onAction('delete')}>
            {t('moderation.actions.delete')}
          </Menu.Item>
        </Menu.Content>
      </Menu.Root>
    </Flex>
  );
};

export const ModerationPage = protectedPage(PERMISSIONS.moderate, ModerationQueue);

export default ModerationPage;
