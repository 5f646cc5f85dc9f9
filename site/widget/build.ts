/**
 * Bundles the widget (/widget.js) and its fallback (/widget-fallback.js) with esbuild, and wraps a built search
 * index as /widget-index/<locale>.js. Used by the Astro integration (integration.ts) and by the size test.
 */
import { build, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCALES, type Locale } from '../../search-index/core/schemas.ts';
import { INDEX_CALLBACK } from './paths.ts';

/** The widget's budget: /widget.js gzipped (the fallback is loaded only when the API is down and not counted). */
export const WIDGET_BUDGET_BYTES = 15 * 1024;
/** Browsers with custom elements, shadow DOM and AbortSignal.any (2023 on). */
const TARGET = ['chrome116', 'firefox124', 'safari17.4'];

/** `import css from './x.css?inline'` gives the file's text (the same syntax Vite understands). */
const inlineText: Plugin = {
  name: 'inline-text',
  setup(context) {
    context.onResolve({ filter: /\?inline$/ }, (args) => ({ path: join(args.resolveDir, args.path.replace(/\?inline$/, '')), namespace: 'inline-text' }));
    context.onLoad({ filter: /.*/, namespace: 'inline-text' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' }));
  },
};

/**
 * The search core imports all of stopwords-iso (some 300 KB of JSON for 57 languages); the index holds only our
 * locales, so only their lists go into the fallback bundle.
 */
const onlyOurStopwords: Plugin = {
  name: 'only-our-stopwords',
  setup(context) {
    context.onLoad({ filter: /stopwords-iso[\\/]stopwords-iso\.json$/ }, async (args) => {
      const all = JSON.parse(await readFile(args.path, 'utf8')) as Record<string, string[]>;
      return { contents: JSON.stringify(Object.fromEntries(LOCALES.map((locale) => [locale, all[locale] ?? []]))), loader: 'json' };
    });
  },
};

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, entry)],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: TARGET,
    legalComments: 'none',
    plugins: [inlineText, onlyOurStopwords],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export interface WidgetBundle {
  widget: string;
  fallback: string;
}

export async function bundleWidget(): Promise<WidgetBundle> {
  const [widget, fallback] = await Promise.all([bundle('widget.ts'), bundle('fallback.ts')]);
  return { widget, fallback };
}

/** /widget-index/<locale>.js: the index JSON handed to the fallback's callback. */
export function indexScript(locale: Locale, json: string): string {
  return `window.${INDEX_CALLBACK}&&window.${INDEX_CALLBACK}(${JSON.stringify(locale)},${json});\n`;
}
