/**
 * A rating on its scale: a number box and a slider (0–10 in steps of 0.5)
 * side by side, kept in sync. Both work from the keyboard; the slider is read
 * out as "7.5 out of 10". Stored as a decimal; empty means "no rating".
 */
import * as React from 'react';
import { Box, Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { emit, useFieldIntl, withoutPath } from './shared';
import { useNumberDraft, type NumberFieldProps } from './useNumberDraft';
import { MAX_RATING, RATING_STEP } from '../../../server/src/shared/custom-field-limits';

/** Up to two digits, then any decimals: 7, 7.5, 10. */
const RATING_PATTERN = /^\d{1,2}(\.\d+)?$/;

const asNumber = (value: NumberFieldProps['value']): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

const RatingInput = React.forwardRef<HTMLInputElement, NumberFieldProps>(
  ({ name, label, hint, labelAction, required, disabled, error, value, onChange }, ref) => {
    const t = useFieldIntl();
    const current = asNumber(value);
    const set = (next: number | string | null) => emit(onChange, name, next);
    const { draft, show, boxProps } = useNumberDraft({ value, pattern: RATING_PATTERN, onStore: set });

    const onSlide = (e: React.ChangeEvent<HTMLInputElement>) => {
      const n = Number(e.target.value);
      show(n);
      set(n);
    };

    const outOf = (n: number) => t('rating.value', '{value} out of {max}', { value: String(n), max: MAX_RATING });
    const local =
      current !== null && (current < 0 || current > MAX_RATING || !Number.isInteger(current / RATING_STEP))
        ? t('rating.scale', 'From 0 to {max}, in steps of {step}', { max: MAX_RATING, step: String(RATING_STEP) })
        : draft.trim() !== '' && current === null
          ? t('rating.number', 'Type a number such as 7.5')
          : undefined;
    const sliderLabel = t('rating.slider', 'Rating on a scale of 0 to {max}', { max: MAX_RATING });

    return (
      <Field.Root
        name={name}
        id={name}
        error={withoutPath(error) ?? local}
        hint={
          hint ??
          t('rating.hint', 'From 0 to {max}, in steps of {step}', { max: MAX_RATING, step: String(RATING_STEP) })
        }
        required={required}
        data-movie-reviews-input="rating"
      >
        <Field.Label action={labelAction}>{label}</Field.Label>
        <Flex gap={3} alignItems="center" wrap="wrap">
          <Box width="8rem" shrink={0}>
            <TextInput ref={ref} {...boxProps} disabled={disabled} inputMode="decimal" maxLength={4} />
          </Box>
          <Typography variant="omega" textColor="neutral600" aria-hidden style={{ whiteSpace: 'nowrap' }}>
            / {MAX_RATING}
          </Typography>
          <Button variant="tertiary" size="S" disabled={disabled || current === null} onClick={() => set(null)}>
            {t('rating.clear', 'Clear rating')}
          </Button>
        </Flex>
        <Box paddingTop={1}>
          <input
            type="range"
            min={0}
            max={MAX_RATING}
            step={RATING_STEP}
            value={current !== null && current >= 0 && current <= MAX_RATING ? current : 0}
            disabled={disabled}
            aria-label={sliderLabel}
            aria-valuetext={current === null ? t('rating.none', 'No rating') : outOf(current)}
            data-testid={`${name}-slider`}
            onChange={onSlide}
            // Without a rating the thumb rests on 0, dimmed so it does not read as "rated 0".
            style={{ width: '100%', margin: 0, accentColor: '#4945ff', opacity: current === null ? 0.45 : 1 }}
          />
          <Flex justifyContent="space-between" aria-hidden>
            {[0, 2, 4, 6, 8, 10].map((n) => (
              <Typography key={n} variant="pi" textColor="neutral600">
                {n}
              </Typography>
            ))}
          </Flex>
        </Box>
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    );
  }
);
RatingInput.displayName = 'RatingInput';

export default RatingInput;
