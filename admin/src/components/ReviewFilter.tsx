import * as React from 'react';
import { Box, Combobox, ComboboxOption } from '@strapi/design-system';
import { useDebounce } from '@strapi/strapi/admin';
import { useReviewOptions } from '../api/hooks';
import { useT } from './intl';

interface Props {
  value: string | undefined;
  /** Title of the filtered review (from the queue's meta), so it shows before the options load. */
  selectedTitle: string | undefined;
  onChange: (documentId: string | undefined) => void;
}

/** Filter the queue on one review; searches review and film titles on the server. */
export const ReviewFilter = ({ value, selectedTitle, onChange }: Props) => {
  const t = useT();
  const [search, setSearch] = React.useState('');
  const debounced = useDebounce(search, 300);
  const options = useReviewOptions(debounced.trim());

  const list = (options.data ?? []).map((o) => ({
    documentId: o.documentId,
    label: `${o.title} (${o.movieTitle}, ${o.movieYear})`,
  }));
  if (value && !list.some((o) => o.documentId === value)) {
    list.unshift({ documentId: value, label: selectedTitle ?? value });
  }

  return (
    <Box minWidth="28rem">
      <Combobox
        // Remount once the filtered review's title is known: the combobox takes its text from the option on mount.
        key={value ? `${value}:${selectedTitle ?? ''}` : 'all'}
        aria-label={t('moderation.filter.review.label')}
        placeholder={t('moderation.filter.review.placeholder')}
        value={value ?? ''}
        autocomplete={{ type: 'list', filter: 'contains' }}
        onChange={(next) => onChange(next || undefined)}
        onClear={() => onChange(undefined)}
        clearLabel={t('moderation.filter.review.clear')}
        loading={options.isLoading}
        loadingMessage={t('moderation.filter.review.loading')}
        noOptionsMessage={() =>
          options.error ? t('moderation.filter.review.error') : t('moderation.filter.review.none')
        }
        onInputChange={(e) => setSearch(e.currentTarget.value)}
      >
        {list.map((o) => (
          <ComboboxOption key={o.documentId} value={o.documentId}>
            {o.label}
          </ComboboxOption>
        ))}
      </Combobox>
    </Box>
  );
};
