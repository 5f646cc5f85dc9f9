/**
 * Astro integration that adds the embeddable widget to the build: /widget.js, /widget-fallback.js and
 * /widget-index/<locale>.js next to the pages. Register it after rahnamaContent(): it wraps the search indexes that
 * integration writes in astro:build:done. In `astro dev` the same files are bundled on each request.
 */
import type { AstroIntegration } from 'astro';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES } from '../../search-index/core/schemas.ts';
import { searchIndexPath } from '../../search-index/core/urls.ts';
import { bundleWidget, indexScript } from './build.ts';
import { FALLBACK_PATH, WIDGET_PATH, widgetIndexPath } from './paths.ts';

export default function rahnamaWidget(): AstroIntegration {
  return {
    name: 'rahnama-widget',
    hooks: {
      'astro:server:setup': ({ server }) => {
        const indexes = new Map(LOCALES.map((locale) => [widgetIndexPath(locale), locale]));
        server.middlewares.use(async (request, response, next) => {
          const path = (request.url ?? '').split('?')[0]!;
          const locale = indexes.get(path);
          if (path !== WIDGET_PATH && path !== FALLBACK_PATH && !locale) return next();
          try {
            let body: string;
            if (locale) {
              // The content integration serves the index in dev; ask it through the dev server itself.
              const origin = `http://${request.headers.host}`;
              body = indexScript(locale, await (await fetch(origin + searchIndexPath(locale))).text());
            } else {
              const bundle = await bundleWidget();
              body = path === WIDGET_PATH ? bundle.widget : bundle.fallback;
            }
            response.setHeader('Content-Type', 'text/javascript; charset=utf-8');
            response.end(body);
          } catch (error) {
            next(error);
          }
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const { widget, fallback } = await bundleWidget();
        await writeFile(join(out, WIDGET_PATH), widget);
        await writeFile(join(out, FALLBACK_PATH), fallback);
        await mkdir(join(out, 'widget-index'), { recursive: true });
        for (const locale of LOCALES) {
          const json = await readFile(join(out, searchIndexPath(locale)), 'utf8');
          await writeFile(join(out, widgetIndexPath(locale)), indexScript(locale, json));
        }
        logger.info(`widget: ${WIDGET_PATH} ${widget.length} bytes, ${FALLBACK_PATH} ${fallback.length} bytes`);
      },
    },
  };
}
