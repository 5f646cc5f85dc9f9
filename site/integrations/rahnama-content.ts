/**
 * Astro integration that ties the writers' content/ folder to the build: validates all content up front (so a
 * build fails with one message naming each file and frontmatter field) and writes the per-locale search indexes
 * into the build output when the site is built.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { collectContent, ContentError, type CollectedContent } from '../../search-index/build/collect.ts';

export default function rahnamaContent(): AstroIntegration {
  let content: CollectedContent | undefined;
  return {
    name: 'rahnama-content',
    hooks: {
      'astro:config:setup': async ({ config, command, logger }) => {
        try {
          content = await collectContent(fileURLToPath(config.root));
        } catch (error) {
          if (!(error instanceof ContentError)) throw error;
          // In dev the writer keeps the server and sees the problems; a build must stop.
          if (command === 'dev') logger.error(error.message);
          else throw new Error(error.message);
        }
      },
    },
  };
}
