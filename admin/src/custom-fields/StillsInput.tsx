import * as React from 'react';
import { useFetchClient, useStrapiApp } from '@strapi/strapi/admin';
import { Box, Flex, IconButton, Typography } from '@strapi/design-system';
import { Images, Pencil, WarningCircle } from '@strapi/icons';
import {
  absoluteMediaUrl,
  emit,
  errorAt,
  readJson,
  useFieldIntl,
  withoutPath,
  type CustomFieldInputProps,
} from './shared';
import { TextField } from './TextField';
import { RowListField } from './row-list/RowListField';
import { RowListItem } from './row-list/RowListItem';
import { RowToolbar } from './row-list/RowToolbar';
import { useRowList } from './row-list/useRowList';

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

const StillsInput = React.forwardRef<HTMLButtonElement, CustomFieldInputProps<StillValue[]>>((props, ref) => {
  const { name, disabled, rawError, value, onChange } = props;
  const t = useFieldIntl();
  const stills = asStills(readJson(value));
  const { files, failed, remember } = useMediaFiles(stills.map((s) => s.file));
  const components = useStrapiApp('MovieReviewsStillsInput', (state) => state.components);
  const MediaLibraryDialog = components['media-library'] as React.ComponentType<MediaLibraryDialogProps> | undefined;
  const [picker, setPicker] = React.useState<Picker>(null);
  const [notice, setNotice] = React.useState('');
  const list = useRowList({
    rows: stills,
    max: MAX_STILLS,
    onCommit: (next) => emit(onChange, name, next.length ? next : null),
    messages: {
      moved: (position, total) =>
        t('stills.moved', 'Still moved to position {position} of {total}', { position, total }),
      removed: (total) => t('stills.removed', 'Still removed, {total} stills left', { total }),
    },
  });

  const onPicked = (picked: MediaFile[]) => {
    const images = picked.filter((f) => !f.mime || f.mime.startsWith('image/'));
    remember(images);
    if (picker?.mode === 'replace' && images[0]) {
      list.update(picker.index, { file: images[0].id });
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
      list.insert(stills.length, added);
    }
    setPicker(null);
  };

  return (
    <>
      <RowListField
        ref={ref}
        field={props}
        kind="stills"
        count={t('stills.count', '{count} of {max} stills', { count: stills.length, max: MAX_STILLS })}
        help={t('stills.alt.hint', 'Every still needs alt text: it describes the image for people who cannot see it.')}
        empty={t('stills.empty', 'No stills yet. Pick images from the media library.')}
        emptyIcon={<Images aria-hidden />}
        warning={failed ? t('stills.load-error', 'Could not load the image previews.') : undefined}
        notice={notice}
        add={{
          label: t('stills.add', 'Add stills'),
          unavailable: !MediaLibraryDialog,
          onClick: () => setPicker({ mode: 'add' }),
        }}
        list={list}
      >
        {list.map((still, { index, key, position }) => {
          const file = files.get(still.file);
          const missing = file === 'missing';
          const notImage = typeof file === 'object' && Boolean(file.mime) && !file.mime?.startsWith('image/');
          const thumb =
            typeof file === 'object' ? absoluteMediaUrl(file.formats?.thumbnail?.url ?? file.url) : undefined;
          const fileError = withoutPath(errorAt(rawError, index, 'file'));
          const itemError = withoutPath(errorAt(rawError, index));
          return (
            <RowListItem
              key={key}
              invalid={Boolean(missing || fileError || itemError)}
              testId="still-item"
              label={t('stills.item', 'Still {position}', { position })}
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
                    <img src={thumb} alt={still.alt} style={{ width: '100%', height: '100%', objectFit: 'cover' }} />
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
                  <TextField
                    name={`${name}.${index}.caption`}
                    label={t('stills.caption', 'Caption')}
                    value={still.caption ?? ''}
                    error={withoutPath(errorAt(rawError, index, 'caption'))}
                    maxLength={MAX_CAPTION}
                    disabled={disabled}
                    inputRef={list.refFor(key, 'caption')}
                    onChange={(text) => list.update(index, { caption: text || null })}
                  />
                  <TextField
                    name={`${name}.${index}.alt`}
                    label={t('stills.alt', 'Alt text')}
                    value={still.alt}
                    error={withoutPath(errorAt(rawError, index, 'alt'))}
                    required
                    maxLength={MAX_ALT}
                    disabled={disabled}
                    onChange={(text) => list.update(index, { alt: text })}
                  />
                </Flex>
                <RowToolbar
                  direction="column"
                  list={list}
                  index={index}
                  disabled={disabled}
                  moveLabels={{
                    up: t('stills.move-up', 'Move still {position} up', { position }),
                    down: t('stills.move-down', 'Move still {position} down', { position }),
                  }}
                  removeLabel={t('stills.remove', 'Remove still {position}', { position })}
                  // Focus goes to the caption of the still that took its place, or the previous one, or the add button.
                  focusAfterRemove="caption"
                >
                  <IconButton
                    label={t('stills.replace', 'Replace image')}
                    variant="tertiary"
                    disabled={disabled || !MediaLibraryDialog}
                    onClick={() => setPicker({ mode: 'replace', index })}
                  >
                    <Pencil />
                  </IconButton>
                </RowToolbar>
              </Flex>
            </RowListItem>
          );
        })}
      </RowListField>
      {picker && MediaLibraryDialog && (
        <MediaLibraryDialog
          allowedTypes={['images']}
          multiple={picker.mode === 'add'}
          onClose={() => setPicker(null)}
          onSelectAssets={onPicked}
        />
      )}
    </>
  );
});
StillsInput.displayName = 'StillsInput';

export default StillsInput;
