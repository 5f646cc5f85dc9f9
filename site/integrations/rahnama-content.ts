/**
 * Astro integration that ties the writers' content/ folder to the build: validates all content up front (a build
 * fails with one message naming each file and frontmatter field), writes the per-locale search indexes into the
 * build output, and serves the same indexes from memory in `astro dev` so site search works while writing.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { collectContent, ContentError, type CollectedContent } from '../../search-index/build/collect.ts';
import { documentsFor, writeSearchIndexes } from '../../search-index/build/index.ts';
import { createSearchIndex, serialiseSearchIndex } from '../../search-index/core/index.ts';
import { LOCALES } from '../../search-index/core/schemas.ts';
import { searchIndexPath } from '../../search-index/core/urls.ts';

export default function rahnamaContent(): AstroIntegration {
  let root = '';
  let content: CollectedContent | undefined;
  return {
    name: 'rahnama-content',
    hooks: {
      'astro:config:setup': async ({ config, command, logger }) => {
        root = fileURLToPath(config.root);
        try {
          content = await collectContent(root);
        } catch (error) {
          if (!(error instanceof ContentError)) throw error;
          // In dev the writer keeps the server and sees the problems; a build must stop.
          if (command === 'dev') logger.error(error.message);
          else throw new Error(error.message);
        }
      },
      'astro:server:setup': ({ server, logger }) => {
        const paths = new Map(LOCALES.map((locale) => [searchIndexPath(locale), locale]));
        server.middlewares.use(async (request, response, next) => {
          const locale = paths.get((request.url ?? '').split('?')[0]!);
          if (!locale) return next();
          try {
            // Re-read on every request: in dev, content changes between requests and the index is small.
            const fresh = await collectContent(root);
            const index = createSearchIndex(documentsFor(fresh, locale), locale, fresh.synonyms[locale]);
            response.setHeader('Content-Type', 'application/json; charset=utf-8');
            response.end(JSON.stringify(serialiseSearchIndex(index)));
          } catch (error) {
            logger.error(error instanceof Error ? error.message : String(error));
            response.statusCode = 500;
            response.end(JSON.stringify({ error: { code: 'content_invalid', message: 'content/ has problems; see the dev server log' } }));
          }
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!content) return;
        await writeSearchIndexes(content, { outDir: fileURLToPath(dir), log: (line) => logger.info(line) });
      },
    },
  };
}
