/**
 * Content collections: the writers' folder (content/) read with glob loaders and validated with the schemas the
 * index build and the API share (search-index/core/schemas.ts, zod 4 like astro/zod).
 * Entry ids keep the folder path: "fa/account/reset-password", "en/reset-password-walkthrough", "fa/billing".
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { articleSchema, categorySchema, videoSchema } from '../search-index/core/schemas.ts';

/** Keep the full relative path (minus the extension) as the id: the default loader would slugify it. */
const pathId = ({ entry }: { entry: string }): string => entry.replace(/\.(?:mdx|json)$/, '');

const articles = defineCollection({
  loader: glob({ base: './content/articles', pattern: '**/[^_]*.mdx', generateId: pathId }),
  schema: articleSchema,
});

const videos = defineCollection({
  loader: glob({ base: './content/videos', pattern: '**/[^_]*.mdx', generateId: pathId }),
  schema: videoSchema,
});

const categories = defineCollection({
  loader: glob({ base: './content/categories', pattern: '**/*.json', generateId: pathId }),
  schema: categorySchema,
});

export const collections = { articles, videos, categories };
