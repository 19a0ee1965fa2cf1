/**
 * The one place the import says who wrote a review: the Author entry of that
 * name (matched trimmed and case-insensitively), created when there is none, so
 * the posts of one blogger share one author.
 */
import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

export const authorData = async (strapi: Core.Strapi, name: string): Promise<{ author: string }> => {
  const author = await getService(strapi, 'authors').findOrCreate({ name });
  return { author: author.documentId };
};
