/**
 * The moderation page's Reported tab: comments readers reported that still await a
 * decision, most reported first, with the number of reports, the reasons given and
 * the latest notes. Approving keeps the comment public (or shows it again when the
 * reports hid it) and dismisses its reports; reject, spam and delete are in the menu.
 */
import * as React from 'react';
import { Badge, Flex, IconButton, Link, Menu, Typography } from '@strapi/design-system';
import { Check, Cross, More, Shield, Trash } from '@strapi/icons';
import { Table } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import { reviewEditPath } from '../api/permissions';
import { REPORT_REASONS, type ModerationAction, type ReportedComment } from '../api/types';
import { CommentContent } from './CommentContent';
import { CommentTableHead } from './CommentTableHead';
import { StatusBadge } from './StatusBadge';
import { useT, type MessageKey } from './intl';

interface ReportedTableProps {
  rows: ReportedComment[];
  isLoading: boolean;
  busy: boolean;
  onAction: (action: ModerationAction, comment: ReportedComment) => void;
}

export const ReportedTable = ({ rows, isLoading, busy, onAction }: ReportedTableProps) => {
  const t = useT();
  const { formatDate } = useIntl();
  const headers = [
    { name: 'comment', label: t('moderation.table.comment'), sortable: false },
    { name: 'reports', label: t('moderation.table.reports'), sortable: false },
    { name: 'review', label: t('moderation.table.review'), sortable: false },
    { name: 'status', label: t('moderation.table.status'), sortable: false },
    { name: 'actions', label: t('moderation.table.actions'), sortable: false },
  ];
  const date = (iso: string | null) => (iso ? formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="pi" textColor="neutral600">
        {t('moderation.reports.hint')}
      </Typography>
      <Table.Root rows={rows} headers={headers} isLoading={isLoading}>
        <Table.Content>
          <CommentTableHead headers={headers.slice(0, -1)} />
          <Table.Empty content={t('moderation.empty.reported')} />
          <Table.Body>
            {rows.map((comment) => (
              <Table.Row key={comment.id} style={{ verticalAlign: 'top' }}>
                <Table.Cell style={{ whiteSpace: 'normal', minWidth: '24rem', maxWidth: '48rem' }}>
                  <Flex direction="column" alignItems="stretch" gap={1} paddingTop={2} paddingBottom={2}>
                    <Typography fontWeight="bold" textColor="neutral800">
                      {comment.authorName}
                    </Typography>
                    <CommentContent id={comment.documentId} content={comment.content} />
                  </Flex>
                </Table.Cell>
                <Table.Cell style={{ whiteSpace: 'normal', minWidth: '14rem', maxWidth: '28rem' }}>
                  <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={2} paddingBottom={2}>
                    <Typography fontWeight="bold" textColor="neutral800">
                      {t('moderation.reports.count', { count: comment.reports.count })}
                    </Typography>
                    {comment.reports.hiddenByReports ? (
                      <Badge size="S" backgroundColor="danger100" textColor="danger700">
                        {t('moderation.reports.hidden')}
                      </Badge>
                    ) : null}
                    <Flex tag="ul" gap={1} wrap="wrap" aria-label={t('moderation.reports.reasons')}>
                      {REPORT_REASONS.filter((reason) => comment.reports.reasons[reason] > 0).map((reason) => (
                        <li key={reason}>
                          <Badge size="S">
                            {t(`moderation.reports.reason.${reason}` as MessageKey, {
                              count: comment.reports.reasons[reason],
                            })}
                          </Badge>
                        </li>
                      ))}
                    </Flex>
                    {comment.reports.notes.length ? (
                      <Flex
                        tag="ul"
                        direction="column"
                        alignItems="flex-start"
                        gap={1}
                        aria-label={t('moderation.reports.notes')}
                      >
                        {comment.reports.notes.map((note, i) => (
                          <Typography key={i} tag="li" variant="pi" textColor="neutral700">
                            “{note}”
                          </Typography>
                        ))}
                      </Flex>
                    ) : null}
                    <Typography variant="pi" textColor="neutral600">
                      {t('moderation.reports.last', { date: date(comment.reports.lastReportedAt) })}
                    </Typography>
                  </Flex>
                </Table.Cell>
                <Table.Cell style={{ whiteSpace: 'normal', maxWidth: '20rem' }}>
                  {comment.review ? (
                    <Link tag={NavLink} to={reviewEditPath(comment.review.documentId)}>
                      {comment.review.title}
                    </Link>
                  ) : (
                    <Typography variant="pi" textColor="neutral600">
                      {t('moderation.review.missing')}
                    </Typography>
                  )}
                </Table.Cell>
                <Table.Cell>
                  <StatusBadge status={comment.status} />
                </Table.Cell>
                <Table.Cell>
                  <Flex gap={1} justifyContent="flex-end">
                    <IconButton
                      label={t('moderation.reports.keepOne', { name: comment.authorName })}
                      variant="ghost"
                      disabled={busy}
                      onClick={() => onAction('approve', comment)}
                    >
                      <Check />
                    </IconButton>
                    <Menu.Root>
                      <Menu.Trigger
                        tag={IconButton}
                        icon={<More />}
                        label={t('moderation.actions.more', { name: comment.authorName })}
                        variant="ghost"
                        disabled={busy}
                      />
                      <Menu.Content popoverPlacement="bottom-end">
                        <Menu.Item startIcon={<Cross />} onSelect={() => onAction('reject', comment)}>
                          {t('moderation.actions.reject')}
                        </Menu.Item>
                        <Menu.Item startIcon={<Shield />} onSelect={() => onAction('spam', comment)}>
                          {t('moderation.actions.spam')}
                        </Menu.Item>
                        <Menu.Item startIcon={<Trash />} variant="danger" onSelect={() => onAction('delete', comment)}>
                          {t('moderation.actions.delete')}
                        </Menu.Item>
                      </Menu.Content>
                    </Menu.Root>
                  </Flex>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table.Content>
      </Table.Root>
    </Flex>
  );
};
