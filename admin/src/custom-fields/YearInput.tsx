/**
 * A year typed as digits and shown as digits ("2013", never "2,013" as a
 * localised number box shows it). Stored as an integer.
 */
import * as React from 'react';
import { Field, TextInput } from '@strapi/design-system';
import { emit, useFieldIntl, withoutPath } from './shared';
import { useNumberDraft, type NumberFieldProps } from './useNumberDraft';
import { MAX_YEAR, MIN_YEAR } from '../../../server/src/shared/custom-field-limits';

/** Digits are the year; anything else goes to the form as typed so the save is refused with a message. */
const YEAR_PATTERN = /^\d{1,6}$/;

const YearInput = React.forwardRef<HTMLInputElement, NumberFieldProps>(
  ({ name, label, hint, labelAction, required, disabled, error, value, onChange }, ref) => {
    const t = useFieldIntl();
    const { draft, boxProps } = useNumberDraft({
      value,
      pattern: YEAR_PATTERN,
      trim: true,
      onStore: (stored) => emit(onChange, name, stored),
    });

    const local =
      draft !== '' && !/^\d+$/.test(draft)
        ? t('year.digits', 'Type the year in digits, e.g. 2013')
        : draft.length === 4 && (Number(draft) < MIN_YEAR || Number(draft) > MAX_YEAR)
          ? t('year.range', 'Between {min} and {max}', { min: String(MIN_YEAR), max: String(MAX_YEAR) })
          : undefined;

    return (
      <Field.Root
        name={name}
        id={name}
        error={withoutPath(error) ?? local}
        hint={hint ?? t('year.hint', 'Year of release, e.g. 2013')}
        required={required}
        data-movie-reviews-input="year"
      >
        <Field.Label action={labelAction}>{label}</Field.Label>
        <TextInput ref={ref} {...boxProps} disabled={disabled} inputMode="numeric" maxLength={4} placeholder="2013" />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    );
  }
);
YearInput.displayName = 'YearInput';

export default YearInput;
