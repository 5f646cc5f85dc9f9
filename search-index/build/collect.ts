/**
 * Reads and validates everything writers put in content/: categories, articles, video guides with their WebVTT
 * transcripts, synonyms. Collects every problem (not just the first) and throws one ContentError that names, for
 * each, the file, the field and what was expected. The Astro build, `npm run check` and the index build call it.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import GithubSlugger from 'github-slugger';
import { toString } from 'mdast-util-to-string';
import type { ZodType } from 'zod';
import {
  LOCALES,
  articleSchema,
  categorySchema,
  synonymsSchema,
  videoSchema,
  type ArticleFrontmatter,
  type Category,
  type Locale,
  type Synonyms,
  type VideoFrontmatter,
} from '../core/schemas.ts';
import { parseVtt, VttError, formatClock, type VttCue } from '../core/vtt.ts';
import { jsxAttribute, parseMdx, splitFrontmatter, walk } from './mdx.ts';
import { timeSchema } from '../core/schemas.ts';

export interface CategoryEntry { locale: Locale; slug: string; file: string; data: Category }
export interface ArticleEntry {
  locale: Locale; slug: string; category: string; file: string; data: ArticleFrontmatter;
  /** MDX source without frontmatter. */
  body: string;
}
export interface VideoEntry {
  locale: Locale; slug: string; file: string; data: VideoFrontmatter; body: string;
  transcript: { file: string; cues: VttCue[] };
}
export interface CollectedContent {
  rootDir: string;
  categories: CategoryEntry[];
  articles: ArticleEntry[];
  videos: VideoEntry[];
  synonyms: Partial<Record<Locale, Synonyms>>;
}

/** One thing a writer must fix. `file` is relative to the project root. */
export interface ContentProblem { file: string; field?: string; message: string }

/** Thrown when content is invalid; the message lists every problem, one a line. */
export class ContentError extends Error {
  readonly problems: ContentProblem[];
  constructor(problems: ContentProblem[]) {
    super(
      `rahnama content: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'ContentError';
    this.problems = problems;
  }
}

export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}: ${problem.field ? `${problem.field}: ` : ''}${problem.message}`;
}

const SLUG_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.(mdx|json)$/;
const INTERNAL_LINK = /^\/(fa|en)\/(articles|videos|categories)\/([a-z0-9-]+)\/?(?:[?#].*)?$/;

/** Lists files under dir (recursively), relative to it with "/" separators; [] when dir is missing. */
async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
      .filter((path) => !path.split('/').some((part) => part.startsWith('_') || part.startsWith('.')))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** Validates data with a schema, turning each issue into a problem naming the frontmatter field. */
function validate<T>(schema: ZodType<T>, data: unknown, file: string, problems: ContentProblem[], what: string): T | undefined {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const field = issue.path.length ? `${what} "${issue.path.join('.')}"` : what;
    const value = issue.path.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown> | undefined)?.[key], data);
    const message = value === undefined || value === null ? 'is required' : issue.message;
    problems.push({ file, field, message });
  }
  return undefined;
}

interface ParsedDoc { frontmatter: unknown; body: string; tree?: ReturnType<typeof parseMdx>; bodyLine: number }

async function readMdx(rootDir: string, file: string, problems: ContentProblem[]): Promise<ParsedDoc | undefined> {
  const source = await readFile(join(rootDir, file), 'utf8');
  const { frontmatter, body, bodyLine } = splitFrontmatter(source);
  if (frontmatter === undefined) {
    problems.push({ file, message: 'expected YAML frontmatter between "---" lines at the top of the file' });
    return undefined;
  }
  let data: unknown;
  try {
    data = parseYaml(frontmatter);
  } catch (error) {
    problems.push({ file, field: 'frontmatter', message: `is not valid YAML: ${(error as Error).message.split('\n')[0]}` });
    return undefined;
  }
  try {
    return { frontmatter: data, body, tree: parseMdx(body), bodyLine };
  } catch (error) {
    const { line, reason, message } = error as { line?: number; reason?: string; message: string };
    const where = line ? `line ${line + bodyLine - 1}: ` : '';
    // The parser's own position is relative to the body; ours (above) counts the frontmatter lines too.
    const what = (reason ?? message).replace(/\s*\(\d+:\d+(?:-\d+:\d+)?\)$/, '');
    problems.push({ file, message: `${where}MDX syntax error: ${what}` });
    return { frontmatter: data, body, bodyLine };
  }
}

/** Heading ids as Astro assigns them (github-slugger over the heading text, one slugger per page). */
export function headingIds(tree: ReturnType<typeof parseMdx>): string[] {
  const slugger = new GithubSlugger();
  const ids: string[] = [];
  walk(tree, (node) => {
    if (node.type === 'heading') ids.push(slugger.slug(toString(node)));
  });
  return ids;
}

/**
 * Reads content/ (and checks the media it names in site/public/) under rootDir. Throws ContentError listing every
 * problem; returns everything, drafts included (callers skip `data.draft`).
 */
export async function collectContent(rootDir: string): Promise<CollectedContent> {
  const contentDir = join(rootDir, 'content');
  const publicDir = join(rootDir, 'site', 'public');
  const problems: ContentProblem[] = [];
  const collected: CollectedContent = { rootDir, categories: [], articles: [], videos: [], synonyms: {} };
  const trees = new Map<string, { tree: ReturnType<typeof parseMdx>; bodyLine: number }>();

  // Categories: content/categories/<locale>/<slug>.json
  for (const path of await listFiles(join(contentDir, 'categories'))) {
    const file = `content/categories/${path}`;
    const [locale, name, ...rest] = path.split('/');
    const match = name ? SLUG_FILE.exec(name) : null;
    if (!locale || !isLocale(locale) || !match || match[2] !== 'json' || rest.length) {
      problems.push({ file, message: `expected content/categories/<${LOCALES.join('|')}>/<category-slug>.json` });
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(await readFile(join(rootDir, file), 'utf8'));
    } catch (error) {
      problems.push({ file, message: `is not valid JSON: ${(error as Error).message}` });
      continue;
    }
    const data = validate(categorySchema, json, file, problems, 'field');
    if (data) collected.categories.push({ locale, slug: match[1]!, file, data });
  }

  // Articles: content/articles/<locale>/<category>/<slug>.mdx
  for (const path of await listFiles(join(contentDir, 'articles'))) {
    const file = `content/articles/${path}`;
    const [locale, category, name, ...rest] = path.split('/');
    const match = name ? SLUG_FILE.exec(name) : null;
    if (!locale || !isLocale(locale) || !category || !match || match[2] !== 'mdx' || rest.length) {
      problems.push({ file, message: `expected content/articles/<${LOCALES.join('|')}>/<category>/<slug>.mdx` });
      continue;
    }
    const doc = await readMdx(rootDir, file, problems);
    if (!doc) continue;
    const data = validate(articleSchema, doc.frontmatter, file, problems, 'frontmatter field');
    if (doc.tree) trees.set(file, { tree: doc.tree, bodyLine: doc.bodyLine });
    if (!data) continue;
    if (data.category !== category) {
      problems.push({ file, field: 'frontmatter field "category"', message: `expected "${category}" (the article's folder), got "${data.category}"` });
    }
    collected.articles.push({ locale, slug: match[1]!, category, file, data, body: doc.body });
  }

  // Video guides: content/videos/<locale>/<slug>.mdx with <slug>.vtt beside it
  for (const path of await listFiles(join(contentDir, 'videos'))) {
    const file = `content/videos/${path}`;
    if (path.endsWith('.vtt')) continue;
    const [locale, name, ...rest] = path.split('/');
    const match = name ? SLUG_FILE.exec(name) : null;
    if (!locale || !isLocale(locale) || !match || match[2] !== 'mdx' || rest.length) {
      problems.push({ file, message: `expected content/videos/<${LOCALES.join('|')}>/<slug>.mdx (with <slug>.vtt beside it)` });
      continue;
    }
    const slug = match[1]!;
    const doc = await readMdx(rootDir, file, problems);
    if (!doc) continue;
    const data = validate(videoSchema, doc.frontmatter, file, problems, 'frontmatter field');
    if (doc.tree) trees.set(file, { tree: doc.tree, bodyLine: doc.bodyLine });
    const transcriptFile = `content/videos/${locale}/${slug}.vtt`;
    let cues: VttCue[] | undefined;
    if (!(await exists(join(rootDir, transcriptFile)))) {
      problems.push({ file, field: 'transcript', message: `expected a WebVTT transcript at ${transcriptFile}` });
    } else {
      try {
        cues = parseVtt(await readFile(join(rootDir, transcriptFile), 'utf8'));
        if (cues.length === 0) problems.push({ file: transcriptFile, message: 'expected at least one cue' });
      } catch (error) {
        if (!(error instanceof VttError)) throw error;
        problems.push({ file: transcriptFile, message: `malformed WebVTT: ${error.message}` });
      }
    }
    if (!data) continue;
    checkVideo(data, file, cues ?? [], problems);
    if (data.video.provider === 'file' && !(await exists(join(publicDir, data.video.src)))) {
      problems.push({ file, field: 'frontmatter field "video.src"', message: `expected the file site/public${data.video.src} to exist` });
    }
    if (!(await exists(join(publicDir, data.poster)))) {
      problems.push({ file, field: 'frontmatter field "poster"', message: `expected the file site/public${data.poster} to exist` });
    }
    // A guide whose transcript is broken still exists for reference checks (its own problem is already listed).
    collected.videos.push({ locale, slug, file, data, body: doc.body, transcript: { file: transcriptFile, cues: cues ?? [] } });
  }

  // Synonyms: content/synonyms/<locale>.json
  for (const path of await listFiles(join(contentDir, 'synonyms'))) {
    const file = `content/synonyms/${path}`;
    const locale = path.replace(/\.json$/, '');
    if (!isLocale(locale) || !path.endsWith('.json')) {
      problems.push({ file, message: `expected content/synonyms/<${LOCALES.join('|')}>.json` });
      continue;
    }
    try {
      const data = validate(synonymsSchema, JSON.parse(await readFile(join(rootDir, file), 'utf8')), file, problems, 'field');
      if (data) collected.synonyms[locale] = data;
    } catch (error) {
      problems.push({ file, message: `is not valid JSON: ${(error as Error).message}` });
    }
  }

  await checkReferences(collected, trees, publicDir, problems);
  if (problems.length) throw new ContentError(problems);
  return collected;
}

function checkVideo(data: VideoFrontmatter, file: string, cues: VttCue[], problems: ContentProblem[]): void {
  const duration = data.duration;
  data.chapters.forEach((chapter, i) => {
    const field = `frontmatter field "chapters.${i}.start"`;
    if (i === 0 && chapter.start !== 0) problems.push({ file, field, message: 'expected the first chapter to start at 0:00' });
    if (i > 0 && chapter.start <= data.chapters[i - 1]!.start) problems.push({ file, field, message: 'expected chapters in order of start time' });
    if (chapter.start >= duration) problems.push({ file, field, message: `expected a start before the end of the video (${formatClock(duration)})` });
  });
  const last = cues.at(-1);
  if (last && last.end > duration + 1) {
    problems.push({ file, field: 'frontmatter field "duration"', message: `expected at least ${formatClock(last.end)}, the end of the last transcript cue` });
  }
}

async function checkReferences(
  content: CollectedContent,
  trees: Map<string, { tree: ReturnType<typeof parseMdx>; bodyLine: number }>,
  publicDir: string,
  problems: ContentProblem[],
): Promise<void> {
  const key = (locale: string, slug: string) => `${locale}/${slug}`;
  const categories = new Set(content.categories.map((c) => key(c.locale, c.slug)));
  const articles = new Map<string, ArticleEntry>();
  const videos = new Map<string, VideoEntry>();
  for (const article of content.articles) {
    const id = key(article.locale, article.slug);
    const other = articles.get(id);
    if (other) problems.push({ file: article.file, message: `duplicate article slug "${article.slug}" (also ${other.file}); slugs are unique per locale` });
    else articles.set(id, article);
    if (!categories.has(key(article.locale, article.data.category))) {
      problems.push({ file: article.file, field: 'frontmatter field "category"', message: `unknown category "${article.data.category}": expected a file content/categories/${article.locale}/${article.data.category}.json` });
    }
  }
  for (const video of content.videos) videos.set(key(video.locale, video.slug), video);

  for (const article of content.articles) {
    article.data.related.forEach((slug, i) => {
      if (slug === article.slug) problems.push({ file: article.file, field: `frontmatter field "related.${i}"`, message: 'an article cannot be related to itself' });
      else if (!articles.has(key(article.locale, slug))) problems.push({ file: article.file, field: `frontmatter field "related.${i}"`, message: `no ${article.locale} article with slug "${slug}"` });
    });
  }
  for (const video of content.videos) {
    video.data.articles.forEach((slug, i) => {
      if (!articles.has(key(video.locale, slug))) problems.push({ file: video.file, field: `frontmatter field "articles.${i}"`, message: `no ${video.locale} article with slug "${slug}"` });
    });
  }
  const translationKeys = new Map<string, string>();
  for (const entry of [...content.articles.map((a) => ({ ...a, kind: 'article' })), ...content.videos.map((v) => ({ ...v, kind: 'video' }))]) {
    const id = `${entry.kind}:${entry.locale}:${entry.data.translationKey}`;
    const other = translationKeys.get(id);
    if (other) problems.push({ file: entry.file, field: 'frontmatter field "translationKey"', message: `"${entry.data.translationKey}" is already used by ${other}; one ${entry.kind} per locale may use it` });
    else translationKeys.set(id, entry.file);
  }

  // Links and components in bodies.
  const headingCache = new Map<string, Set<string>>();
  const anchorsOf = (file: string): Set<string> => {
    let ids = headingCache.get(file);
    if (!ids) {
      const parsed = trees.get(file);
      ids = new Set(parsed ? headingIds(parsed.tree) : []);
      headingCache.set(file, ids);
    }
    return ids;
  };
  for (const [file, { tree, bodyLine }] of trees) {
    const locale = file.split('/')[2] as Locale;
    const pending: Promise<void>[] = [];
    walk(tree, (node) => {
      const line = (node.position?.start.line ?? 1) + bodyLine - 1;
      const at = `line ${line}`;
      if (node.type === 'link' && node.url.startsWith('/')) {
        if (node.url.startsWith('/media/')) {
          const path = node.url.split(/[?#]/)[0]!;
          pending.push(exists(join(publicDir, path)).then((ok) => { if (!ok) problems.push({ file, field: at, message: `broken link "${node.url}": no file site/public${path}` }); }));
          return;
        }
        const match = INTERNAL_LINK.exec(node.url);
        if (!match) {
          problems.push({ file, field: at, message: `broken link "${node.url}": expected /<locale>/articles/<slug>/, /<locale>/videos/<slug>/ or /<locale>/categories/<slug>/` });
          return;
        }
        const [, linkLocale, kind, slug] = match;
        const target = key(linkLocale!, slug!);
        const found = kind === 'articles' ? articles.get(target) : kind === 'videos' ? videos.get(target) : categories.has(target);
        if (!found) {
          problems.push({ file, field: at, message: `broken link "${node.url}": no ${linkLocale} ${kind.replace(/s$/, '')} "${slug}"` });
          return;
        }
        const anchor = node.url.includes('#') ? decodeURIComponent(node.url.split('#')[1]!) : undefined;
        if (anchor && typeof found === 'object' && !anchorsOf(found.file).has(anchor)) {
          problems.push({ file, field: at, message: `broken link "${node.url}": no heading with id "${anchor}" in ${found.file}` });
        }
      }
      if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'WatchVideo') {
        const slug = jsxAttribute(node, 'slug');
        const video = slug ? videos.get(key(locale, slug)) : undefined;
        if (!video) {
          problems.push({ file, field: `${at}: <WatchVideo slug>`, message: `no ${locale} video guide "${slug ?? ''}"` });
          return;
        }
        const atValue = jsxAttribute(node, 'at') ?? '0:00';
        const start = timeSchema.safeParse(atValue);
        if (!start.success) problems.push({ file, field: `${at}: <WatchVideo at>`, message: `expected a time as "m:ss", got "${atValue}"` });
        else if (start.data >= video.data.duration) problems.push({ file, field: `${at}: <WatchVideo at>`, message: `expected a time before the end of "${slug}" (${formatClock(video.data.duration)})` });
      }
      if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'Figure') {
        const src = jsxAttribute(node, 'src');
        if (!src || !src.startsWith('/media/')) problems.push({ file, field: `${at}: <Figure src>`, message: 'expected a path like "/media/images/name.svg"' });
        else pending.push(exists(join(publicDir, src)).then((ok) => { if (!ok) problems.push({ file, field: `${at}: <Figure src>`, message: `no file site/public${src}` }); }));
        if (!jsxAttribute(node, 'alt')) problems.push({ file, field: `${at}: <Figure alt>`, message: 'expected alt text describing the image' });
      }
    });
    await Promise.all(pending);
  }
}
