import * as React from 'react';
import { isFetchError, useAPIErrorHandler } from '@strapi/strapi/admin';
import { useT } from '../components/intl';

/** What to tell the editor when a request fails: the admin's wording of the API error, else a generic message. */
export const useApiErrorMessage = () => {
  const t = useT();
  const { formatAPIError } = useAPIErrorHandler();
  return React.useCallback(
    (error: unknown) => (isFetchError(error) ? formatAPIError(error) : t('moderation.errors.generic')),
    [formatAPIError, t]
  );
};
