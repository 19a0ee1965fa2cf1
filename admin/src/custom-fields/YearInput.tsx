/**
 * A year typed as digits and shown as digits ("2013", never "2,013" as a
 * localised number box shows it). Stored as an integer.
 */
import * as React from 'react';
import { Field, TextInput } from '@strapi/design-system';
import { useFieldIntl, withoutPath, type CustomFieldInputProps } from './shared';
import { MAX_YEAR, MIN_YEAR } from '../../../server/src/shared/custom-field-limits';

type YearProps = Omit<CustomFieldInputProps<number>, 'onChange' | 'value'> & {
  value?: number | string | null;
  onChange: (event: { target: { name: string; type: 'json'; value: number | string | null } }) => void;
};

const text = (value: YearProps['value']) => (value === null || value === undefined ? '' : String(value));

const YearInput = React.forwardRef<HTMLInputElement, YearProps>(
  ({ name, label, hint, labelAction, required, disabled, error, value, onChange }, ref) => {
    const t = useFieldIntl();
    const [draft, setDraft] = React.useState(() => text(value));
    // Follow the form when it changes the value (load, discard), not while the editor types.
    React.useEffect(() => {
      setDraft((current) => (Number(current) === value || (current === '' && value == null) ? current : text(value)));
    }, [value]);

    const onInput = (e: React.ChangeEvent<HTMLInputElement>) => {
      const next = e.target.value.trim();
      setDraft(next);
      // Digits are the year; anything else goes to the form as typed so the save is refused with a message.
      const stored = next === '' ? null : /^\d{1,6}$/.test(next) ? Number(next) : next;
      onChange({ target: { name, type: 'json', value: stored } });
    };

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
        <TextInput
          ref={ref}
          value={draft}
          disabled={disabled}
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          placeholder="2013"
          onChange={onInput}
        />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    );
  }
);
YearInput.displayName = 'YearInput';

export default YearInput;
