import * as React from 'react';
import { Button, EmptyStateLayout } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { statusOf } from '../api/hooks';
import { useT } from './intl';

interface LoadFailedPageProps {
  /** The request's error: a 403 means the editor may not see the page at all. */
  error: unknown;
  title: string;
  message: string;
  onRetry: () => void;
}

/** A page whose data could not be loaded: its header, what went wrong and a retry button. */
export const LoadFailedPage = ({ error, title, message, onRetry }: LoadFailedPageProps) => {
  const t = useT();
  if (statusOf(error) === 403) return <Page.NoPermissions />;
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} />
      <Layouts.Content>
        <EmptyStateLayout
          content={message}
          action={
            <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={onRetry}>
              {t('moderation.retry')}
            </Button>
          }
        />
      </Layouts.Content>
    </Page.Main>
  );
};
