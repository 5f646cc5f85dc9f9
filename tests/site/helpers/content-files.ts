/** The published articles and video guides, read straight from content/ (independently of the site's code). */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { splitFrontmatter } from '../../../search-index/build/mdx.ts';
import { ROOT } from './build-site.ts';

export interface ContentFile {
  locale: string;
  slug: string;
  file: string;
  data: Record<string, unknown>;
  /** The MDX body, frontmatter removed. */
  body: string;
}

async function mdxFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.mdx') && !e.name.startsWith('_'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

async function read(kind: 'articles' | 'videos', drafts: boolean): Promise<ContentFile[]> {
  const base = join(ROOT, 'content', kind);
  const files = await mdxFiles(base);
  const out: ContentFile[] = [];
  for (const file of files) {
    const parts = relative(base, file).split(sep);
    const { frontmatter = '', body } = splitFrontmatter(await readFile(file, 'utf8'));
    const data = (parse(frontmatter) ?? {}) as Record<string, unknown>;
    if ((data.draft === true) !== drafts) continue;
    out.push({ locale: parts[0]!, slug: parts.at(-1)!.replace(/\.mdx$/, ''), file, data, body });
  }
  return out;
}

export const publishedArticles = () => read('articles', false);
export const publishedVideos = () => read('videos', false);
/** Articles and video guides marked `draft: true`. */
export const draftFiles = async () => [...(await read('articles', true)), ...(await read('videos', true))];
