import * as React from 'react';
import { useIntl } from 'react-intl';
import en from '../translations/en.json';
import { getTranslation } from '../utils/getTranslation';

export type MessageKey = keyof typeof en;
type Values = Record<string, string | number | boolean | null | undefined | Date>;

/** A message descriptor for one of the plugin's keys, with the English text as default. */
export const msg = (key: MessageKey) => ({ id: getTranslation(key), defaultMessage: en[key] });

/** `t('moderation.title')`: the plugin's translation for the admin's current locale. */
export const useT = () => {
  const { formatMessage } = useIntl();
  return React.useCallback(
    (key: MessageKey, values?: Values) => formatMessage(msg(key), values) as string,
    [formatMessage]
  );
};
