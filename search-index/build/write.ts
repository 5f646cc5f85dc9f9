/** Writes one search index per locale into the build output and reports its size. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createSearchIndex, serialiseSearchIndex } from '../core/index.ts';
import { LOCALES, type Locale } from '../core/schemas.ts';
import { searchIndexPath } from '../core/urls.ts';
import type { CollectedContent } from './collect.ts';
import { documentsFor } from './documents.ts';

/** A progress line is printed every this many documents on long builds. */
export const PROGRESS_EVERY = 1000;

export interface WrittenIndex {
  locale: Locale;
  /** Absolute path of the written file. */
  file: string;
  bytes: number;
  gzipBytes: number;
  articles: number;
  videos: number;
}

export interface WriteOptions {
  /** The build output folder; files go to <outDir>/search/<locale>.json. */
  outDir: string;
  /** Where size and progress lines go (default: console.log). */
  log?: (line: string) => void;
  /** Build time recorded in the index (default: now). */
  builtAt?: string;
}

const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

/** Builds, serialises and writes the index of every locale; logs one size line per locale. */
export async function writeSearchIndexes(content: CollectedContent, options: WriteOptions): Promise<WrittenIndex[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const builtAt = options.builtAt ?? new Date().toISOString();
  const written: WrittenIndex[] = [];
  for (const locale of LOCALES) {
    const documents = documentsFor(content, locale, (done, total) => {
      if (done % PROGRESS_EVERY === 0) log(`search-index: ${locale}: ${done}/${total} documents read`);
    });
    const index = createSearchIndex(documents, locale, content.synonyms[locale], { builtAt });
    const json = JSON.stringify(serialiseSearchIndex(index));
    const file = join(options.outDir, searchIndexPath(locale));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, json);
    const bytes = Buffer.byteLength(json);
    const gzipBytes = gzipSync(json).length;
    const { articles, videos } = index.stats;
    log(`search-index: ${locale}: ${articles} articles, ${videos} videos, ${kilobytes(bytes)} (${kilobytes(gzipBytes)} gzipped) → ${file}`);
    written.push({ locale, file, bytes, gzipBytes, articles, videos });
  }
  return written;
}
