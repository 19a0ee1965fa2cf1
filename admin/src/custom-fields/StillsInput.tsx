import * as React from 'react';
import { useFetchClient, useStrapiApp } from '@strapi/strapi/admin';
import { Box, Button, Field, Flex, IconButton, TextInput, Typography, VisuallyHidden } from '@strapi/design-system';
import { ArrowDown, ArrowUp, Images, Pencil, Plus, Trash, WarningCircle } from '@strapi/icons';
import {
  absoluteMediaUrl,
  emit,
  errorAt,
  readJson,
  useFieldIntl,
  withoutPath,
  type CustomFieldInputProps,
} from './shared';

/** The server's limits (server/src/shared/custom-field-limits.ts). */
import { MAX_ALT, MAX_CAPTION, MAX_STILLS } from '../../../server/src/shared/custom-field-limits';

export interface StillValue {
  file: number;
  caption?: string | null;
  alt: string;
}

/** The part of a media-library file this input shows. */
interface MediaFile {
  id: number;
  name?: string;
  url?: string;
  mime?: string;
  alternativeText?: string | null;
  caption?: string | null;
  formats?: Record<string, { url?: string } | undefined> | null;
}

interface MediaLibraryDialogProps {
  allowedTypes?: Array<'images' | 'videos' | 'files' | 'audios'>;
  multiple?: boolean;
  onClose: () => void;
  onSelectAssets: (files: MediaFile[]) => void;
}

type FileState = MediaFile | 'missing';

/** Stable React keys for a list in which the same image may appear twice: file id plus occurrence. */
const keysOf = (stills: StillValue[]) => {
  const seen = new Map<number, number>();
  return stills.map((s) => {
    const n = (seen.get(s.file) ?? 0) + 1;
    seen.set(s.file, n);
    return `${s.file}:${n}`;
  });
};

const asStills = (value: unknown): StillValue[] =>
  Array.isArray(value)
    ? value
        .filter((s): s is Record<string, unknown> => Boolean(s) && typeof s === 'object')
        .map((s) => ({
          file:
            typeof s.file === 'object' && s.file !== null ? Number((s.file as { id?: unknown }).id) : Number(s.file),
          caption: typeof s.caption === 'string' ? s.caption : null,
          alt: typeof s.alt === 'string' ? s.alt : '',
        }))
    : [];

/** Loads the media-library files the stills point at (one request for all unknown ids) and remembers which are gone. */
const useMediaFiles = (ids: number[]) => {
  const { get } = useFetchClient();
  const [files, setFiles] = React.useState<Map<number, FileState>>(() => new Map());
  const [failed, setFailed] = React.useState(false);
  const unknown = ids.filter((id) => Number.isInteger(id) && id > 0 && !files.has(id));
  const wanted = [...new Set(unknown)].sort((a, b) => a - b).join(',');

  React.useEffect(() => {
    if (!wanted) return;
    const list = wanted.split(',').map(Number);
    let cancelled = false;
    get<{ results: MediaFile[] }>('/upload/files', {
      params: { filters: { id: { $in: list } }, pageSize: list.length, page: 1 },
    })
      .then(({ data }) => {
        if (cancelled) return;
        setFiles((prev) => {
          const next = new Map(prev);
          const found = new Map((data.results ?? []).map((f) => [f.id, f]));
          for (const id of list) next.set(id, found.get(id) ?? 'missing');
          return next;
        });
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [get, wanted]);

  const remember = React.useCallback((picked: MediaFile[]) => {
    setFiles((prev) => {
      const next = new Map(prev);
      for (const f of picked) next.set(f.id, f);
      return next;
    });
  }, []);

  return { files, failed, remember };
};

type Picker = { mode: 'add' } | { mode: 'replace'; index: number } | null;

const StillsInput = React.forwardRef<HTMLButtonElement, CustomFieldInputProps<StillValue[]>>(
  ({ name, label, hint, labelAction, required, disabled, error, rawError, value, onChange }, ref) => {
    const t = useFieldIntl();
    const stills = asStills(readJson(value));
    const keys = keysOf(stills);
    const { files, failed, remember } = useMediaFiles(stills.map((s) => s.file));
    const components = useStrapiApp('MovieReviewsStillsInput', (state) => state.components);
    const MediaLibraryDialog = components['media-library'] as React.ComponentType<MediaLibraryDialogProps> | undefined;
    const [picker, setPicker] = React.useState<Picker>(null);
    const [announcement, setAnnouncement] = React.useState('');
    const [notice, setNotice] = React.useState('');
    const focusAfterMove = React.useRef<{ key: string; direction: 'up' | 'down' } | null>(null);
    const buttons = React.useRef(new Map<string, HTMLButtonElement | null>());

    const commit = (next: StillValue[]) => emit(onChange, name, next.length ? next : null);

    const updateAt = (index: number, patch: Partial<StillValue>) =>
      commit(stills.map((s, i) => (i === index ? { ...s, ...patch } : s)));

    const move = (index: number, direction: 'up' | 'down') => {
      const target = direction === 'up' ? index - 1 : index + 1;
      if (target < 0 || target >= stills.length) return;
      const next = [...stills];
      [next[index], next[target]] = [next[target], next[index]];
      focusAfterMove.current = { key: keys[index], direction };
      commit(next);
      setAnnouncement(
        t('stills.moved', 'Still moved to position {position} of {total}', { position: target + 1, total: next.length })
      );
    };

    const remove = (index: number) => {
      const next = stills.filter((_, i) => i !== index);
      commit(next);
      setAnnouncement(t('stills.removed', 'Still removed, {total} stills left', { total: next.length }));
    };

    // Once the new order is rendered, keep keyboard focus on the moved still's button so
    // repeated presses keep moving it; at either end, on the button that still works.
    const order = keys.join('|');
    React.useEffect(() => {
      const pending = focusAfterMove.current;
      if (!pending) return;
      focusAfterMove.current = null;
      const preferred = buttons.current.get(`${pending.key}:${pending.direction}`);
      const other = buttons.current.get(`${pending.key}:${pending.direction === 'up' ? 'down' : 'up'}`);
      // The design system's buttons stay focusable when disabled (aria-disabled).
      const usable = (el: HTMLButtonElement | null | undefined) =>
        el && !el.disabled && el.getAttribute('aria-disabled') !== 'true';
      (usable(preferred) ? preferred : other)?.focus();
    }, [order]);

    const onPicked = (picked: MediaFile[]) => {
      const images = picked.filter((f) => !f.mime || f.mime.startsWith('image/'));
      remember(images);
      if (picker?.mode === 'replace' && images[0]) {
        updateAt(picker.index, { file: images[0].id });
      } else if (picker?.mode === 'add') {
        const room = MAX_STILLS - stills.length;
        const added = images.slice(0, room).map((f) => ({
          file: f.id,
          caption: f.caption || null,
          alt: f.alternativeText || '',
        }));
        setNotice(
          images.length > room
            ? t('stills.limit', 'Only {max} stills fit: {dropped} images were not added.', {
                max: MAX_STILLS,
                dropped: images.length - room,
              })
            : ''
        );
        commit([...stills, ...added]);
      }
      setPicker(null);
    };

    const listError = withoutPath(error);

    return (
      <Field.Root
        name={name}
        id={name}
        error={listError}
        hint={hint}
        required={required}
        data-movie-reviews-input="stills"
      >
        <Flex direction="column" alignItems="stretch" gap={2}>
          <Flex justifyContent="space-between" alignItems="center" gap={2}>
            <Field.Label action={labelAction}>{label}</Field.Label>
            <Typography variant="pi" textColor="neutral600">
              {t('stills.count', '{count} of {max} stills', { count: stills.length, max: MAX_STILLS })}
            </Typography>
          </Flex>
          <Typography variant="pi" textColor="neutral600">
            {t('stills.alt.hint', 'Every still needs alt text: it describes the image for people who cannot see it.')}
          </Typography>

          {stills.length === 0 ? (
            <Box
              padding={4}
              hasRadius
              borderStyle="dashed"
              borderWidth="1px"
              borderColor="neutral300"
              background="neutral100"
            >
              <Flex gap={2} justifyContent="center">
                <Images aria-hidden />
                <Typography textColor="neutral600">
                  {t('stills.empty', 'No stills yet. Pick images from the media library.')}
                </Typography>
              </Flex>
            </Box>
          ) : (
            <Flex
              tag="ol"
              direction="column"
              alignItems="stretch"
              gap={2}
              style={{ listStyle: 'none', margin: 0, padding: 0 }}
            >
              {stills.map((still, index) => {
                const key = keys[index];
                const position = index + 1;
                const file = files.get(still.file);
                const missing = file === 'missing';
                const notImage = typeof file === 'object' && Boolean(file.mime) && !file.mime?.startsWith('image/');
                const thumb =
                  typeof file === 'object' ? absoluteMediaUrl(file.formats?.thumbnail?.url ?? file.url) : undefined;
                const fileError = withoutPath(errorAt(rawError, index, 'file'));
                const itemError = withoutPath(errorAt(rawError, index));
                return (
                  <Box
                    tag="li"
                    key={key}
                    padding={3}
                    hasRadius
                    borderStyle="solid"
                    borderWidth="1px"
                    borderColor={missing || fileError || itemError ? 'danger600' : 'neutral200'}
                    background="neutral0"
                    data-testid="still-item"
                    aria-label={t('stills.item', 'Still {position}', { position })}
                  >
                    <Flex gap={4} alignItems="flex-start">
                      <Box
                        width="168px"
                        height="112px"
                        hasRadius
                        background="neutral150"
                        overflow="hidden"
                        shrink={0}
                        style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}
                      >
                        {thumb && !missing ? (
                          <img
                            src={thumb}
                            alt={still.alt}
                            style={{ width: '100%', height: '100%', objectFit: 'cover' }}
                          />
                        ) : missing || notImage ? (
                          <WarningCircle fill="danger600" width="2.4rem" height="2.4rem" aria-hidden />
                        ) : (
                          <Images fill="neutral500" aria-hidden />
                        )}
                      </Box>
                      <Flex direction="column" alignItems="stretch" gap={2} flex="1" minWidth={0}>
                        <Typography variant="sigma" textColor="neutral600">
                          {t('stills.item', 'Still {position}', { position })}
                        </Typography>
                        {(missing || notImage || fileError || itemError) && (
                          <Flex gap={2} alignItems="flex-start" role="alert">
                            <WarningCircle fill="danger600" aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
                            <Typography variant="pi" textColor="danger600">
                              {missing
                                ? t('stills.missing', 'Image {id} no longer exists in the media library.', {
                                    id: still.file,
                                  })
                                : notImage
                                  ? t('stills.not-image', 'File {id} is not an image. Remove this still.', {
                                      id: still.file,
                                    })
                                  : (fileError ?? itemError)}
                            </Typography>
                          </Flex>
                        )}
                        <Field.Root
                          name={`${name}.${index}.caption`}
                          error={withoutPath(errorAt(rawError, index, 'caption'))}
                        >
                          <Field.Label>{t('stills.caption', 'Caption')}</Field.Label>
                          <TextInput
                            value={still.caption ?? ''}
                            maxLength={MAX_CAPTION}
                            disabled={disabled}
                            onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                              updateAt(index, { caption: e.target.value || null })
                            }
                          />
                          <Field.Error />
                        </Field.Root>
                        <Field.Root
                          name={`${name}.${index}.alt`}
                          required
                          error={withoutPath(errorAt(rawError, index, 'alt'))}
                        >
                          <Field.Label>{t('stills.alt', 'Alt text')}</Field.Label>
                          <TextInput
                            value={still.alt}
                            maxLength={MAX_ALT}
                            disabled={disabled}
                            onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                              updateAt(index, { alt: e.target.value })
                            }
                          />
                          <Field.Error />
                        </Field.Root>
                      </Flex>
                      <Flex direction="column" gap={1} shrink={0}>
                        <IconButton
                          ref={(el: HTMLButtonElement | null) => {
                            buttons.current.set(`${key}:up`, el);
                          }}
                          label={t('stills.move-up', 'Move still {position} up', { position })}
                          variant="tertiary"
                          disabled={disabled || index === 0}
                          onClick={() => move(index, 'up')}
                        >
                          <ArrowUp />
                        </IconButton>
                        <IconButton
                          ref={(el: HTMLButtonElement | null) => {
                            buttons.current.set(`${key}:down`, el);
                          }}
                          label={t('stills.move-down', 'Move still {position} down', { position })}
                          variant="tertiary"
                          disabled={disabled || index === stills.length - 1}
                          onClick={() => move(index, 'down')}
                        >
                          <ArrowDown />
                        </IconButton>
                        <IconButton
                          label={t('stills.replace', 'Replace image')}
                          variant="tertiary"
                          disabled={disabled || !MediaLibraryDialog}
                          onClick={() => setPicker({ mode: 'replace', index })}
                        >
                          <Pencil />
                        </IconButton>
                        <IconButton
                          label={t('stills.remove', 'Remove still {position}', { position })}
                          variant="danger-light"
                          disabled={disabled}
                          onClick={() => remove(index)}
                        >
                          <Trash />
                        </IconButton>
                      </Flex>
                    </Flex>
                  </Box>
                );
              })}
            </Flex>
          )}

          {failed && (
            <Typography variant="pi" textColor="warning600">
              {t('stills.load-error', 'Could not load the image previews.')}
            </Typography>
          )}
          {notice && (
            <Typography variant="pi" textColor="warning600" role="status">
              {notice}
            </Typography>
          )}
          <Box>
            <Button
              ref={ref}
              id={name}
              // The field label points here (id); the button still says what it does.
              aria-label={t('stills.add', 'Add stills')}
              variant="secondary"
              startIcon={<Plus />}
              disabled={disabled || stills.length >= MAX_STILLS || !MediaLibraryDialog}
              onClick={() => setPicker({ mode: 'add' })}
            >
              {t('stills.add', 'Add stills')}
            </Button>
          </Box>
          <Field.Hint />
          <Field.Error />
          <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
        </Flex>
        {picker && MediaLibraryDialog && (
          <MediaLibraryDialog
            allowedTypes={['images']}
            multiple={picker.mode === 'add'}
            onClose={() => setPicker(null)}
            onSelectAssets={onPicked}
          />
        )}
      </Field.Root>
    );
  }
);
StillsInput.displayName = 'StillsInput';

export default StillsInput;
