/**
 * Node-only: the article catalog of the reports (titles, `updated`, `reviewBy`), read from the frontmatter of the
 * writers' files under content/ once, at the first report. The search indexes do not carry these dates, and the
 * full content collection (search-index/build/collect.ts) parses every MDX body; frontmatter is all this needs.
 * Drafts are left out, as the site leaves them out.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { LOCALES, type Locale } from '../../search-index/core/schemas.ts';
import { splitFrontmatter } from '../../search-index/build/mdx.ts';
import type { ArticleMeta } from './report.ts';

interface Frontmatter {
  title?: unknown;
  updated?: unknown;
  reviewBy?: unknown;
  draft?: unknown;
}

/** YAML reads 2026-10-12 as a Date; writers may also quote it. */
function day(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  return null;
}

async function mdxFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.mdx') && !entry.name.startsWith('_')).map((entry) => join(entry.parentPath, entry.name));
}

async function read(file: string, locale: Locale, kind: ArticleMeta['kind']): Promise<ArticleMeta | null> {
  const { frontmatter } = splitFrontmatter(await readFile(file, 'utf8'));
  if (!frontmatter) return null;
  const data = (parseYaml(frontmatter) ?? {}) as Frontmatter;
  const updated = day(data.updated);
  const reviewBy = day(data.reviewBy);
  if (data.draft === true || typeof data.title !== 'string' || !updated || !reviewBy) return null;
  const slug = file.slice(file.lastIndexOf('/') + 1, -'.mdx'.length);
  return { id: `${locale}/${slug}`, locale, kind, title: data.title, updated, reviewBy };
}

/** Every published article and video guide under contentDir, sorted by id. Missing folders give an empty list. */
export async function loadCatalog(contentDir: string): Promise<ArticleMeta[]> {
  const found: Array<Promise<ArticleMeta | null>> = [];
  for (const locale of LOCALES) {
    for (const file of await mdxFiles(join(contentDir, 'articles', locale))) found.push(read(file, locale, 'article'));
    for (const file of await mdxFiles(join(contentDir, 'videos', locale))) found.push(read(file, locale, 'video'));
  }
  return (await Promise.all(found)).filter((meta): meta is ArticleMeta => meta !== null).sort((a, b) => a.id.localeCompare(b.id));
}

/** Loads the catalog at the first call and keeps it (content changes come with a rebuild and restart). */
export function cachedCatalog(contentDir: string): () => Promise<ArticleMeta[]> {
  let loaded: Promise<ArticleMeta[]> | undefined;
  return () => (loaded ??= loadCatalog(contentDir));
}
