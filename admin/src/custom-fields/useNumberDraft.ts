/**
 * A number typed as text (the year, the rating): the box shows what the editor
 * typed, the form gets the number when the text is one, null when it is empty, and
 * otherwise the text as typed, so that the save is refused with a message.
 */
import * as React from 'react';
import type { CustomFieldInputProps } from './shared';

/** A numeric field's props: while the text is not a number, the form holds that text. */
export type NumberFieldProps = CustomFieldInputProps<number | string>;

const text = (value: NumberFieldProps['value']) => (value === null || value === undefined ? '' : String(value));

/** What the form stores for `typed`: a decimal comma counts as a point. */
export const parseTypedNumber = (typed: string, pattern: RegExp): number | string | null => {
  const normalised = typed.trim().replace(',', '.');
  if (normalised === '') return null;
  return pattern.test(normalised) ? Number(normalised) : typed;
};

interface NumberDraftOptions {
  value: NumberFieldProps['value'];
  /** What a number may look like once trimmed, with a point for a comma. */
  pattern: RegExp;
  /** Drops spaces as they are typed (a year has none). */
  trim?: boolean;
  /** Hands the form what it should store. */
  onStore: (stored: number | string | null) => void;
}

export const useNumberDraft = ({ value, pattern, trim, onStore }: NumberDraftOptions) => {
  const [draft, setDraft] = React.useState(() => text(value));
  // Follow the form when it changes the value (load, discard), not while the editor types:
  // a draft that already stands for the value ("7,5" for 7.5) is left as typed.
  React.useEffect(() => {
    setDraft((current) => (parseTypedNumber(current, pattern) === value ? current : text(value)));
  }, [value, pattern]);

  return {
    draft,
    /** Shows a number set another way (the slider) in the box. */
    show: (n: number) => setDraft(String(n)),
    /** The text box's props: what was typed, no autocomplete, every change stored. */
    boxProps: {
      value: draft,
      autoComplete: 'off',
      onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
        const typed = trim ? e.target.value.trim() : e.target.value;
        setDraft(typed);
        onStore(parseTypedNumber(typed, pattern));
      },
    },
  };
};
