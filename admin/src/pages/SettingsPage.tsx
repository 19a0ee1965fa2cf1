/**
 * Settings → Movie Reviews. Laid out like Strapi's own settings pages (Media Library,
 * Internationalization): a header with Save, then cards of fields. The server validates
 * (400 with the failing fields), and its messages are shown under the fields; simple
 * range checks run before sending so most mistakes never leave the form.
 */
import * as React from 'react';
import {
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  Grid,
  NumberInput,
  TextInput,
  Toggle,
  Typography,
} from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { fieldErrorsOf, useSaveSettings, useSettings } from '../api/hooks';
import { PERMISSIONS } from '../api/permissions';
import { useApiErrorMessage } from '../api/useApiErrorMessage';
import type { Settings } from '../api/types';
import { protectedPage } from '../components/protectedPage';
import { useT, type MessageKey } from '../components/intl';
import { LoadFailedPage } from '../components/LoadFailedPage';

type Form = Omit<Settings, 'rateLimitPoints' | 'cacheMaxAge' | 'reportThreshold'> & {
  rateLimitPoints: number | undefined;
  cacheMaxAge: number | undefined;
  reportThreshold: number | undefined;
};
type Errors = Partial<Record<keyof Settings, string>>;

/** The site address settings (text inputs; an empty input is saved as null = unset). */
const SITE_FIELDS = [
  'siteUrl',
  'reviewUrlPattern',
  'authorUrlPattern',
  'siteName',
  'siteLogoUrl',
  'mediaBaseUrl',
] as const;
type SiteField = (typeof SITE_FIELDS)[number];
const URL_FIELDS: readonly SiteField[] = ['siteUrl', 'siteLogoUrl', 'mediaBaseUrl'];

const PROVIDER_LABELS: Record<string, string> = {
  youtube: 'YouTube',
  spotify: 'Spotify',
  soundcloud: 'SoundCloud',
  'apple-music': 'Apple Music',
  vimeo: 'Vimeo',
};

const SettingsForm = () => {
  const t = useT();
  const settings = useSettings();
  const save = useSaveSettings();
  const { toggleNotification } = useNotification();
  const errorMessage = useApiErrorMessage();
  const [form, setForm] = React.useState<Form | null>(null);
  const [errors, setErrors] = React.useState<Errors>({});
  const [isSaving, setIsSaving] = React.useState(false);

  const initial = settings.data?.data;
  React.useEffect(() => {
    if (initial) setForm({ ...initial });
  }, [initial]);

  if (settings.error && !settings.data) {
    return (
      <LoadFailedPage
        error={settings.error}
        title={t('settings.title')}
        message={t('settings.errors.load')}
        onRetry={settings.reload}
      />
    );
  }
  if (!form || !initial) return <Page.Loading>{t('settings.loading')}</Page.Loading>;

  const providers = settings.data?.meta.embedProviders ?? Object.keys(PROVIDER_LABELS);
  const isDirty = JSON.stringify(form) !== JSON.stringify(initial);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((prev) => (prev ? { ...prev, [key]: value } : prev));
    setErrors((prev) => ({ ...prev, [key]: undefined }));
  };

  const checkLocally = (f: Form): Errors => {
    const e: Errors = {};
    const intIn = (v: number | undefined, min: number, max: number) =>
      v !== undefined && Number.isInteger(v) && v >= min && v <= max;
    if (!intIn(f.rateLimitPoints, 1, 10_000)) e.rateLimitPoints = t('settings.errors.rateLimitPoints');
    if (!intIn(f.cacheMaxAge, 0, 86_400)) e.cacheMaxAge = t('settings.errors.cacheMaxAge');
    if (!intIn(f.reportThreshold, 1, 100)) e.reportThreshold = t('settings.errors.reportThreshold');
    if (f.embedProviders.length === 0) e.embedProviders = t('settings.errors.embedProviders');
    // A first check of the address fields; the server gives the exact reason (IP, port, credentials...).
    for (const key of URL_FIELDS) {
      const v = f[key]?.trim();
      if (v && !/^https:\/\/[^/?#\s]+\.[^/?#\s]+/i.test(v)) e[key] = t('settings.errors.httpsUrl');
    }
    for (const key of ['reviewUrlPattern', 'authorUrlPattern'] as const) {
      const pattern = f[key]?.trim();
      if (pattern && (!/^https:\/\/[^/?#\s]+\.[^/?#\s]+\//i.test(pattern) || pattern.split('{slug}').length !== 2)) {
        e[key] = t('settings.errors.urlPattern');
      }
    }
    return e;
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const local = checkLocally(form);
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    setIsSaving(true);
    try {
      const site = Object.fromEntries(SITE_FIELDS.map((key) => [key, form[key]?.trim() || null]));
      await save({
        ...form,
        ...site,
        rateLimitPoints: form.rateLimitPoints ?? null,
        cacheMaxAge: form.cacheMaxAge ?? null,
        reportThreshold: form.reportThreshold ?? null,
      });
      setErrors({});
      toggleNotification({ type: 'success', message: t('settings.saved') });
      settings.reload();
    } catch (error) {
      const fields = fieldErrorsOf(error) as Errors;
      setErrors(fields);
      toggleNotification({
        type: 'danger',
        message: Object.keys(fields).length ? t('settings.errors.invalid') : errorMessage(error),
      });
    } finally {
      setIsSaving(false);
    }
  };

  const toggle = (key: 'autoApprove' | 'commentsEnabledByDefault' | 'grantPublicPermissions') => (
    <Field.Root name={key} hint={t(`settings.${key}.hint` as MessageKey)} error={errors[key]}>
      <Field.Label>{t(`settings.${key}.label` as MessageKey)}</Field.Label>
      <Toggle
        checked={form[key]}
        onLabel={t('settings.on')}
        offLabel={t('settings.off')}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => set(key, e.target.checked)}
      />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );

  const number = (key: 'rateLimitPoints' | 'cacheMaxAge' | 'reportThreshold') => (
    <Field.Root name={key} hint={t(`settings.${key}.hint` as MessageKey)} error={errors[key]} required>
      <Field.Label>{t(`settings.${key}.label` as MessageKey)}</Field.Label>
      <NumberInput value={form[key]} onValueChange={(value) => set(key, value)} step={1} />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );

  const text = (key: SiteField) => (
    <Field.Root name={key} hint={t(`settings.${key}.hint` as MessageKey)} error={errors[key]}>
      <Field.Label>{t(`settings.${key}.label` as MessageKey)}</Field.Label>
      <TextInput
        type={key === 'siteName' ? 'text' : 'url'}
        value={form[key] ?? ''}
        autoComplete="off"
        spellCheck={false}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => set(key, e.target.value)}
      />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );

  /** Fields two to a row (one on small screens), in the order given. */
  const twoColumns = (fields: React.ReactElement[]) => (
    <Grid.Root gap={6}>
      {fields.map((field, index) => (
        <Grid.Item key={index} col={6} s={12} direction="column" alignItems="stretch">
          {field}
        </Grid.Item>
      ))}
    </Grid.Root>
  );

  const card = (titleKey: MessageKey, children: React.ReactNode) => (
    <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius tag="section" aria-label={t(titleKey)}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="delta" tag="h2">
          {t(titleKey)}
        </Typography>
        {children}
      </Flex>
    </Box>
  );

  return (
    <Page.Main>
      <Page.Title>{t('settings.title')}</Page.Title>
      <form onSubmit={submit} noValidate>
        <Layouts.Header
          title={t('settings.title')}
          subtitle={t('settings.subtitle')}
          primaryAction={
            <Button type="submit" startIcon={<Check />} loading={isSaving} disabled={!isDirty}>
              {t('settings.save')}
            </Button>
          }
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6}>
            {card(
              'settings.section.comments',
              twoColumns([
                toggle('autoApprove'),
                toggle('commentsEnabledByDefault'),
                number('rateLimitPoints'),
                number('reportThreshold'),
              ])
            )}
            {card('settings.section.api', twoColumns([number('cacheMaxAge'), toggle('grantPublicPermissions')]))}
            {card(
              'settings.section.site',
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Typography variant="pi" textColor="neutral600">
                  {t('settings.site.hint')}
                </Typography>
                {twoColumns(SITE_FIELDS.map((key) => text(key)))}
              </Flex>
            )}
            {card(
              'settings.section.embeds',
              <Field.Root name="embedProviders" hint={t('settings.embedProviders.hint')} error={errors.embedProviders}>
                <Flex
                  direction="column"
                  alignItems="stretch"
                  gap={2}
                  role="group"
                  aria-labelledby="movie-reviews-embed-providers"
                >
                  <Typography id="movie-reviews-embed-providers" variant="pi" fontWeight="bold" textColor="neutral800">
                    {t('settings.embedProviders.label')}
                  </Typography>
                  <Flex gap={6} wrap="wrap">
                    {providers.map((provider) => (
                      <Checkbox
                        key={provider}
                        name={`embedProviders.${provider}`}
                        checked={form.embedProviders.includes(provider)}
                        onCheckedChange={(checked) =>
                          set(
                            'embedProviders',
                            checked
                              ? providers.filter((p) => p === provider || form.embedProviders.includes(p))
                              : form.embedProviders.filter((p) => p !== provider)
                          )
                        }
                      >
                        {PROVIDER_LABELS[provider] ?? provider}
                      </Checkbox>
                    ))}
                  </Flex>
                  <Field.Hint />
                  <Field.Error />
                </Flex>
              </Field.Root>
            )}
          </Flex>
        </Layouts.Content>
      </form>
    </Page.Main>
  );
};

export const SettingsPage = protectedPage(PERMISSIONS.settings, SettingsForm);

export default SettingsPage;
