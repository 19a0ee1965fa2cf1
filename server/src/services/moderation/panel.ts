/** The numbers, warnings and previews the review edit-view panel shows. */
import type { Core } from '@strapi/strapi';
import { REVIEW_UID } from '../../utils/constants';
import { hostErrors } from '../../utils/host-errors';
import { pluginApiPrefix } from '../../utils/plugin-path';
import { getService } from '../../utils/get-service';
import type { PanelWarning, ReviewOverview as SharedReviewOverview } from '../../shared/moderation-dto';

export type { PanelWarning };
import { expandStillsBatch, missingStillFiles, toPublicSong } from '../../custom-fields/read';
import { buildStructuredData, type StructuredData, type StructuredDataInput } from '../structured-data';
import { buildSeo, type ReviewSeo } from '../seo';
import { absoluteMediaUrl, reviewPageUrl } from '../site-urls';
import { str, type ModerationRows, type Row } from './rows';

export type ReviewOverview = SharedReviewOverview<StructuredData, ReviewSeo>;

/** The signed-in admin's Content Manager rights on one review (entry conditions, readable fields). */
export interface ReviewAccess {
  cannotRead(review: Row): boolean;
  sanitize(review: Row): Promise<Row>;
}

export const reviewPanel = (strapi: Core.Strapi, rows: ModerationRows) => ({
  /** What the review edit-view panel shows for one review (the version being edited: draft or published). */
  async overview(
    documentId: string,
    status: 'draft' | 'published',
    access?: ReviewAccess
  ): Promise<ReviewOverview | null> {
    const review = (await strapi.documents(REVIEW_UID).findOne({
      documentId,
      status,
      populate: {
        authorAvatar: { fields: ['alternativeText', 'url'] },
        author: { fields: ['name', 'slug', 'links'], populate: { avatar: { fields: ['alternativeText', 'url'] } } },
      },
    })) as (StructuredDataInput & Row) | null;
    const published = (await strapi.db.query(REVIEW_UID).findOne({
      select: ['slug', 'publishedAt'],
      where: { documentId, publishedAt: { $notNull: true } },
    })) as { slug: string | null; publishedAt: unknown } | null;
    if (!review && !published) return null;
    if (review && access?.cannotRead(review)) {
      throw new (hostErrors().ForbiddenError)('you cannot read this review');
    }

    const counts = await rows.countByStatus({ reviewDocumentId: documentId });
    // Only what the viewer may read in the Content Manager feeds the preview and the warnings.
    const source = (review ? (access ? await access.sanitize(review) : review) : {}) as StructuredDataInput & Row;

    const warnings: PanelWarning[] = [];
    const stills = Array.isArray(source.stills) ? (source.stills as Array<{ alt?: unknown }>) : [];
    stills.forEach((still, index) => {
      if (typeof still?.alt !== 'string' || still.alt.trim() === '')
        warnings.push({ code: 'still-missing-alt', index });
    });
    const missing = await missingStillFiles(strapi, source.stills);
    if (missing.length) warnings.push({ code: 'still-file-missing', fileIds: missing });
    if (source.song && typeof source.song === 'object' && !toPublicSong(source.song)) {
      const url = (source.song as { url?: unknown }).url;
      warnings.push({ code: 'song-unparseable', url: typeof url === 'string' ? url : null });
    }
    const avatar = ((source.author as { avatar?: unknown } | null | undefined)?.avatar ?? source.authorAvatar) as
      { alternativeText?: string | null } | null | undefined;
    if (avatar && !(avatar.alternativeText && avatar.alternativeText.trim()))
      warnings.push({ code: 'avatar-missing-alt' });

    const serverUrl = ((strapi.config.get('server.url', '') as string) || '').replace(/\/$/, '');
    const publicUrl = published?.slug
      ? `${serverUrl}${pluginApiPrefix(strapi)}/reviews/${encodeURIComponent(published.slug)}`
      : null;

    const site = await getService(strapi, 'siteUrls').context();
    const [expandedStills] = await expandStillsBatch(strapi, [source.stills]);
    const textOf = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
    const synopsis = source.synopsis as { text?: unknown } | null | undefined;
    const slug = textOf(source.slug) ?? textOf(published?.slug);
    const seo = buildSeo(
      {
        title: textOf(source.title) ?? '',
        seoTitle: textOf(source.seoTitle),
        seoDescription: textOf(source.seoDescription),
        synopsis: textOf(synopsis?.text) ? { text: synopsis?.text as string } : null,
        body: source.body,
        stills: expandedStills.map((still) => ({
          ...still,
          image: { ...still.image, url: absoluteMediaUrl(still.image.url, site.mediaBase) },
        })),
        tags: Array.isArray(source.tags) ? source.tags.filter((t): t is string => typeof t === 'string') : [],
        publishedAt: str(source.publishedAt ?? published?.publishedAt) ?? '',
        updatedAt: str(source.updatedAt) ?? '',
      },
      slug ? reviewPageUrl(slug, site) : null,
      site.siteName,
      str(source.updatedAt) ?? ''
    );

    return {
      documentId,
      status,
      seo,
      title: (source.title as string) ?? null,
      counts,
      published: Boolean(published),
      publishedAt: str(published?.publishedAt),
      publicUrl,
      structuredData: buildStructuredData(
        { ...source, publishedAt: source.publishedAt ?? (published?.publishedAt as string | null) ?? null },
        counts.approved,
        {
          url: seo.canonicalUrl,
          siteName: site.siteName,
          siteLogoUrl: site.siteLogoUrl,
          authorUrlPattern: site.authorUrlPattern,
        }
      ),
      warnings,
    };
  },
});
