/**
 * What the Content Manager hands a custom field's Input, and small helpers the
 * three inputs share. Values are JSON; the inputs are controlled: they render
 * `value` and report every change with `onChange({ target: { name, type, value } })`.
 */
import type * as React from 'react';
import { useIntl } from 'react-intl';
import { backendUrl } from '../utils/backendUrl';
import { getTranslation } from '../utils/getTranslation';

export interface JsonChangeEvent<T> {
  target: { name: string; type: 'json'; value: T | null };
}

export interface CustomFieldInputProps<T> {
  name: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  labelAction?: React.ReactNode;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
  /** The form's error for this field when it is a string (e.g. "synopsis: must be an object"). */
  error?: string;
  /** The form's raw error, which for nested paths is an object/array of messages (`stills[1].alt`). */
  rawError?: unknown;
  value?: T | string | null;
  onChange: (event: JsonChangeEvent<T>) => void;
}

/** JSON fields arrive as objects; a value typed into Strapi's JSON editor may still be a string. */
export const readJson = <T>(value: T | string | null | undefined): T | null => {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as T;
  } catch {
    return null;
  }
};

/** The message at `path` in a nested form error (objects or arrays, as Strapi's `setIn` builds them). */
export const errorAt = (rawError: unknown, ...path: Array<string | number>): string | undefined => {
  let node: unknown = rawError;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[String(key)];
  }
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && 'defaultMessage' in node)
    return String((node as { defaultMessage: unknown }).defaultMessage);
  return undefined;
};

/**
 * Server messages start with the field path ("stills.1.alt: must not be empty");
 * next to the input that path is noise, so it is dropped for display.
 */
export const withoutPath = (message: string | undefined): string | undefined =>
  message?.replace(/^[\w.-]+(?::\s*|\s(?=must|is|has|links))/, '');

export const emit = <T>(onChange: CustomFieldInputProps<T>['onChange'], name: string, value: T | null) =>
  onChange({ target: { name, type: 'json', value } });

/** react-intl with this plugin's `custom-fields.` keys. */
export const useFieldIntl = () => {
  const { formatMessage } = useIntl();
  return (key: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(`custom-fields.${key}`), defaultMessage }, values);
};

/** Media URLs of the local provider are relative to the backend. */
export const absoluteMediaUrl = (url: string | undefined | null): string | undefined => {
  if (!url) return undefined;
  const backend = backendUrl() ?? '';
  return url.startsWith('/') ? `${backend}${url}` : url;
};
