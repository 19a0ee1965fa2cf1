/** One labelled text input inside a custom field (a song's title, a synopsis's source, a link's URL), with its hint and error. */
import * as React from 'react';
import { Box, Field, TextInput } from '@strapi/design-system';

interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (text: string) => void;
  error?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  maxLength?: number;
  placeholder?: string;
  /** A link: the URL keyboard, and spaces dropped as they are typed. */
  url?: boolean;
  /** How it shares a row with its neighbours. */
  flex?: string;
  inputRef?: (el: HTMLInputElement | null) => void;
}

export const TextField = ({
  name,
  label,
  value,
  onChange,
  error,
  hint,
  required,
  disabled,
  maxLength,
  placeholder,
  url,
  flex,
  inputRef,
}: TextFieldProps) => (
  <Box flex={flex}>
    <Field.Root name={name} error={error} hint={hint} required={required}>
      <Field.Label>{label}</Field.Label>
      <TextInput
        ref={inputRef}
        type={url ? 'url' : undefined}
        inputMode={url ? 'url' : undefined}
        value={value}
        maxLength={maxLength}
        disabled={disabled}
        placeholder={placeholder}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(url ? e.target.value.trim() : e.target.value)}
      />
      {hint && <Field.Hint />}
      <Field.Error />
    </Field.Root>
  </Box>
);
