/**
 * Side panel of the Content Manager's edit view for Movie Review entries
 * (`addEditViewSidePanel`): comment counts by status with links into the moderation
 * queue, the public API URL once published, warnings about stills and the song, a
 * search-result and a social-card preview (from the server's `seo` values), and the
 * schema.org JSON-LD the public API serves, computed on the server.
 */
import * as React from 'react';
import { Box, Flex, IconButton, Link, Loader, TextButton, Typography } from '@strapi/design-system';
import { ArrowClockwise, Duplicate, WarningCircle } from '@strapi/icons';
import { useClipboard, useNotification, useRBAC } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { styled } from 'styled-components';
import { useReviewOverview } from '../api/hooks';
import { PERMISSIONS, QUEUE_PATH, REVIEW_UID } from '../api/permissions';
import { COMMENT_STATUSES, type PanelSeo, type PanelWarning } from '../api/types';
import { useT, type MessageKey } from './intl';
import { backendUrl } from '../utils/backendUrl';

/** What the Content Manager passes to a side panel (see @strapi/content-manager's PanelComponentProps). */
export interface PanelProps {
  activeTab: 'draft' | 'published' | null;
  collectionType: string;
  document?: { updatedAt?: string | null; documentId?: string } & Record<string, unknown>;
  documentId?: string;
  model: string;
}

/** A description component: returns the panel's title and content, or null for other content types. */
export const ReviewPanel = ({ model, documentId, activeTab, document }: PanelProps) => {
  const t = useT();
  if (model !== REVIEW_UID || !documentId) return null;
  return {
    title: t('panel.title'),
    content: (
      <ReviewPanelContent
        documentId={documentId}
        status={activeTab === 'published' ? 'published' : 'draft'}
        version={typeof document?.updatedAt === 'string' ? document.updatedAt : undefined}
      />
    ),
  };
};
ReviewPanel.displayName = 'MovieReviewsPanel';

const Code = styled.pre`
  margin: 0;
  max-height: 24rem;
  overflow: auto;
  padding: ${({ theme }) => theme.spaces[3]};
  background: ${({ theme }) => theme.colors.neutral100};
  border: 1px solid ${({ theme }) => theme.colors.neutral200};
  border-radius: ${({ theme }) => theme.borderRadius};
  color: ${({ theme }) => theme.colors.neutral800};
  font-family: 'SF Mono', SFMono-Regular, ui-monospace, Menlo, Consolas, monospace;
  font-size: 1.1rem;
  line-height: 1.5;
  white-space: pre-wrap;
  overflow-wrap: break-word;
  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.colors.primary600};
    outline-offset: 2px;
  }
`;

const SearchResult = styled.div`
  padding: ${({ theme }) => theme.spaces[3]};
  border: 1px solid ${({ theme }) => theme.colors.neutral200};
  border-radius: ${({ theme }) => theme.borderRadius};
  background: ${({ theme }) => theme.colors.neutral0};
  overflow-wrap: anywhere;
`;

const SearchTitle = styled.p`
  margin: 0;
  color: ${({ theme }) => theme.colors.primary700};
  font-size: 1.6rem;
  line-height: 1.3;
  overflow: hidden;
  text-overflow: ellipsis;
  white-space: nowrap;
`;

const SocialCard = styled.div`
  border: 1px solid ${({ theme }) => theme.colors.neutral200};
  border-radius: ${({ theme }) => theme.borderRadius};
  overflow: hidden;
  background: ${({ theme }) => theme.colors.neutral100};
  overflow-wrap: anywhere;
  img {
    display: block;
    width: 100%;
    aspect-ratio: 1.91 / 1;
    object-fit: cover;
  }
`;

/** The host of a URL for display ("films.example.org"), or the URL itself when it does not parse. */
const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** A titled section of the panel, named by its heading for screen readers. */
const PanelSection = ({ name, title, children }: { name: string; title: string; children: React.ReactNode }) => {
  const headingId = `movie-reviews-panel-${name}`;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} tag="section" aria-labelledby={headingId}>
      <Typography id={headingId} variant="pi" fontWeight="bold" textColor="neutral800" tag="h3">
        {title}
      </Typography>
      {children}
    </Flex>
  );
};

/** A search-result snippet and a social card built from the server's seo values. */
const SeoPreviews = ({ seo }: { seo: PanelSeo }) => {
  const t = useT();
  const imageUrl = seo.image
    ? seo.image.url.startsWith('/')
      ? `${serverUrl()}${seo.image.url}`
      : seo.image.url
    : null;
  return (
    <>
      <PanelSection name="seo" title={t('panel.seo.title')}>
        <Typography variant="pi" textColor="neutral600">
          {t('panel.seo.note')}
        </Typography>
        <SearchResult data-testid="panel-seo-preview">
          <Typography variant="pi" textColor="neutral600" tag="p">
            {seo.canonicalUrl ?? t('panel.seo.noUrl')}
          </Typography>
          <SearchTitle>{seo.title}</SearchTitle>
          <Typography variant="omega" textColor="neutral700" tag="p">
            {seo.description}
          </Typography>
        </SearchResult>
        <Typography variant="pi" textColor={Array.from(seo.title).length > 70 ? 'danger600' : 'neutral600'}>
          {t('panel.seo.titleCount', { count: Array.from(seo.title).length })}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {t('panel.seo.descriptionCount', { count: Array.from(seo.description).length })}
        </Typography>
      </PanelSection>

      <PanelSection name="social" title={t('panel.social.title')}>
        <Typography variant="pi" textColor="neutral600">
          {t('panel.social.note')}
        </Typography>
        <SocialCard data-testid="panel-social-preview">
          {imageUrl && seo.image ? <img src={imageUrl} alt={seo.image.alt} /> : null}
          <Box padding={3}>
            <Typography variant="pi" textColor="neutral600" tag="p">
              {seo.openGraph.siteName ?? (seo.canonicalUrl ? hostOf(seo.canonicalUrl) : '')}
            </Typography>
            <Typography variant="omega" fontWeight="bold" textColor="neutral800" tag="p">
              {seo.title}
            </Typography>
            <Typography variant="pi" textColor="neutral700" tag="p">
              {seo.description}
            </Typography>
          </Box>
        </SocialCard>
        {imageUrl ? null : (
          <Typography variant="pi" textColor="neutral600">
            {t('panel.social.noImage')}
          </Typography>
        )}
      </PanelSection>
    </>
  );
};

const serverUrl = () => backendUrl() ?? window.location.origin;

const warningText = (t: ReturnType<typeof useT>, warning: PanelWarning) => {
  switch (warning.code) {
    case 'still-missing-alt':
      return t('panel.warnings.stillAlt', { position: warning.index + 1 });
    case 'still-file-missing':
      return t('panel.warnings.stillFile', { count: warning.fileIds.length });
    case 'song-unparseable':
      return t('panel.warnings.song');
    case 'avatar-missing-alt':
      return t('panel.warnings.avatarAlt');
    default:
      return '';
  }
};

const ReviewPanelContent = ({
  documentId,
  status,
  version,
}: {
  documentId: string;
  status: 'draft' | 'published';
  version?: string;
}) => {
  const t = useT();
  const overview = useReviewOverview(documentId, status, version);
  const { allowedActions } = useRBAC(PERMISSIONS.moderate);
  const { copy } = useClipboard();
  const { toggleNotification } = useNotification();
  const data = overview.data;

  if (!data && overview.isLoading) {
    return (
      <Flex justifyContent="center" width="100%" padding={2}>
        <Loader small>{t('panel.loading')}</Loader>
      </Flex>
    );
  }
  if (!data) {
    return (
      <Flex direction="column" alignItems="flex-start" gap={2} width="100%">
        <Typography variant="pi" textColor="danger600">
          {t('panel.errors.load')}
        </Typography>
        <TextButton startIcon={<ArrowClockwise />} onClick={overview.reload}>
          {t('moderation.retry')}
        </TextButton>
      </Flex>
    );
  }

  const canModerate = Boolean(allowedActions.canModerate);
  const queueLink = (filter: string) => `${QUEUE_PATH}?review=${encodeURIComponent(documentId)}&status=${filter}`;
  const publicUrl = data.publicUrl
    ? data.publicUrl.startsWith('/')
      ? `${serverUrl()}${data.publicUrl}`
      : data.publicUrl
    : null;
  const json = JSON.stringify(data.structuredData, null, 2);
  const copyJson = async () => {
    if (await copy(json)) toggleNotification({ type: 'success', message: t('panel.jsonld.copied') });
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      <PanelSection name="comments" title={t('panel.comments.title')}>
        <Box tag="dl" margin={0}>
          {COMMENT_STATUSES.map((s) => (
            <Flex key={s} justifyContent="space-between" paddingTop={1} paddingBottom={1}>
              <Typography tag="dt" variant="omega" textColor="neutral700">
                {t(`moderation.status.${s}` as MessageKey)}
              </Typography>
              <Typography
                tag="dd"
                variant="omega"
                fontWeight="bold"
                textColor="neutral800"
                margin={0}
                data-testid={`panel-count-${s}`}
              >
                {canModerate && data.counts[s] > 0 ? (
                  <Link
                    tag={NavLink}
                    to={queueLink(s)}
                    aria-label={t('panel.comments.open', {
                      count: data.counts[s],
                      status: t(`moderation.status.${s}` as MessageKey),
                    })}
                  >
                    {data.counts[s]}
                  </Link>
                ) : (
                  data.counts[s]
                )}
              </Typography>
            </Flex>
          ))}
        </Box>
        {canModerate ? (
          <Link tag={NavLink} to={queueLink(data.counts.pending > 0 ? 'pending' : 'all')}>
            {data.counts.pending > 0
              ? t('panel.comments.queue.pending', { count: data.counts.pending })
              : t('panel.comments.queue')}
          </Link>
        ) : null}
      </PanelSection>

      <PanelSection name="api" title={t('panel.api.title')}>
        {publicUrl ? (
          <Link href={publicUrl} isExternal style={{ overflowWrap: 'anywhere' }}>
            {data.publicUrl}
          </Link>
        ) : (
          <Typography variant="pi" textColor="neutral600">
            {t('panel.api.unpublished')}
          </Typography>
        )}
      </PanelSection>

      {data.warnings.length ? (
        <PanelSection name="warnings" title={t('panel.warnings.title', { count: data.warnings.length })}>
          <Flex tag="ul" direction="column" alignItems="stretch" gap={2}>
            {data.warnings.map((w, i) => (
              <Flex tag="li" key={`${w.code}-${i}`} gap={2} alignItems="flex-start">
                <Box color="warning600" paddingTop="2px">
                  <WarningCircle aria-hidden />
                </Box>
                <Typography variant="pi" textColor="neutral800">
                  {warningText(t, w)}
                </Typography>
              </Flex>
            ))}
          </Flex>
        </PanelSection>
      ) : null}

      {data.seo ? <SeoPreviews seo={data.seo} /> : null}

      <Flex direction="column" alignItems="stretch" gap={2} tag="section" aria-labelledby="movie-reviews-panel-jsonld">
        <Flex justifyContent="space-between" alignItems="center">
          <Typography id="movie-reviews-panel-jsonld" variant="pi" fontWeight="bold" textColor="neutral800" tag="h3">
            {t('panel.jsonld.title')}
          </Typography>
          <IconButton label={t('panel.jsonld.copy')} variant="ghost" size="S" onClick={copyJson}>
            <Duplicate />
          </IconButton>
        </Flex>
        <Typography variant="pi" textColor="neutral600">
          {status === 'draft' && data.published ? t('panel.jsonld.draftNote') : t('panel.jsonld.note')}
        </Typography>
        <Code tabIndex={0} aria-labelledby="movie-reviews-panel-jsonld" data-testid="panel-jsonld">
          {json}
        </Code>
      </Flex>
    </Flex>
  );
};
