/**
 * The head of the moderation tables (queue and Reported tab): the column headers,
 * then the actions column, whose title only screen readers hear; and the loading row.
 */
import * as React from 'react';
import { Th, VisuallyHidden } from '@strapi/design-system';
import { Table } from '@strapi/strapi/admin';
import { useT } from './intl';

interface CommentTableHeadProps {
  /** The columns before the actions column. */
  headers: Array<{ name: string; label: string; sortable: boolean }>;
  /** With a select-all checkbox first (the queue's bulk actions). */
  selectable?: boolean;
}

export const CommentTableHead = ({ headers, selectable = false }: CommentTableHeadProps) => {
  const t = useT();
  return (
    <>
      <Table.Head>
        {selectable ? <Table.HeaderCheckboxCell /> : null}
        {headers.map((header) => (
          <Table.HeaderCell key={header.name} {...header} />
        ))}
        <Th>
          <VisuallyHidden>{t('moderation.table.actions')}</VisuallyHidden>
        </Th>
      </Table.Head>
      <Table.Loading>{t('moderation.loading')}</Table.Loading>
    </>
  );
};
