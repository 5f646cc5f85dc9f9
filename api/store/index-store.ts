/**
 * Node-only: loads the per-locale search indexes the build writes (<dir>/search/<locale>.json) and swaps in new
 * ones when a build rewrites them, without a restart.
 *
 * Why polling: `astro build` empties and recreates dist/, which silently ends an fs.watch on dist/search.
 * Stat-ing two files every half second costs nothing measurable and survives that. A swap replaces one reference:
 * requests that already took the old index finish with it, later requests get the new one. A file that fails to
 * load (half written, or invalid) is logged and the previous index keeps serving until the file changes again.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSearchIndex, suggest } from '../../search-index/core/index.ts';
import { LOCALES, type Locale } from '../../search-index/core/schemas.ts';
import { searchIndexPath } from '../../search-index/core/urls.ts';
import type { IndexProvider, LocaleIndex } from '../index-provider.ts';
import type { Logger } from '../middleware/access-log.ts';

/** How often the index files are checked for a new build. */
export const DEFAULT_POLL_MS = 500;

export interface IndexStoreOptions {
  /** The folder the build writes into; the indexes are at <dir>/search/<locale>.json. */
  dir: string;
  logger: Logger;
  locales?: readonly Locale[];
  /** 0 disables watching (load once). */
  pollMs?: number;
}

export interface IndexStore extends IndexProvider {
  /** Settles once every locale has been tried once (loaded or not). */
  readonly ready: Promise<void>;
  /** Checks the files now and loads the ones that changed. */
  refresh(): Promise<void>;
  close(): void;
}

interface Slot {
  index?: LocaleIndex;
  /** mtime and size of the file last tried, loaded or not. */
  signature?: string;
}

/** Wraps a loaded core index as the app's LocaleIndex. */
export function toLocaleIndex(json: unknown, signature: string): LocaleIndex {
  const index = loadSearchIndex(json);
  return {
    stats: index.stats,
    version: `${index.stats.builtAt}|${signature}`,
    suggest: (text, options) => suggest(index, text, options),
  };
}

export function createIndexStore(options: IndexStoreOptions): IndexStore {
  const locales = options.locales ?? LOCALES;
  const slots = new Map<Locale, Slot>(locales.map((locale) => [locale, {}]));
  const log = (level: 'info' | 'warn', msg: string, fields: Record<string, unknown>) =>
    options.logger.write({ time: new Date().toISOString(), level, msg, ...fields });
  let checking: Promise<void> | undefined;

  async function check(locale: Locale): Promise<void> {
    const slot = slots.get(locale)!;
    const file = join(options.dir, searchIndexPath(locale));
    let signature: string;
    try {
      const info = await stat(file);
      signature = `${info.mtimeMs}:${info.size}`;
    } catch {
      if (slot.signature !== 'missing') log(slot.index ? 'info' : 'warn', 'index file missing', { locale, file, serving: Boolean(slot.index) });
      slot.signature = 'missing';
      return;
    }
    if (signature === slot.signature) return;
    slot.signature = signature;
    const start = performance.now();
    try {
      const index = toLocaleIndex(JSON.parse(await readFile(file, 'utf8')), signature);
      const previous = slot.index;
      slot.index = index;
      log('info', previous ? 'index reloaded' : 'index loaded', {
        locale,
        articles: index.stats.articles,
        videos: index.stats.videos,
        builtAt: index.stats.builtAt,
        ms: Math.round(performance.now() - start),
      });
    } catch (error) {
      log('warn', 'index load failed', { locale, file, error: (error as Error).message, serving: Boolean(slot.index) });
    }
  }

  const refresh = () => (checking ??= Promise.all(locales.map(check)).then(() => void (checking = undefined)));
  const ready = refresh();
  const timer = options.pollMs === 0 ? undefined : setInterval(() => void refresh(), options.pollMs ?? DEFAULT_POLL_MS);
  timer?.unref();

  return {
    ready,
    refresh,
    get: (locale) => slots.get(locale)?.index,
    close: () => clearInterval(timer),
  };
}
