/** `npm run check:content`: validates content/ and prints every problem, or a one-line summary. */
import { collectContent, ContentError } from './collect.ts';

const rootDir = process.cwd();
try {
  const content = await collectContent(rootDir);
  const published = content.articles.filter((a) => !a.data.draft).length;
  console.log(
    `rahnama content: ok: ${content.categories.length} categories, ${published} articles, ` +
      `${content.videos.length} video guides, ${content.videos.reduce((n, v) => n + v.transcript.cues.length, 0)} transcript cues`,
  );
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
