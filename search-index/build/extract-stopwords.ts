/**
 * node search-index/build/extract-stopwords.ts
 *
 * Copies the Persian and English lists of the installed stopwords-iso package into
 * search-index/core/stopwords-iso.json. The core imports that small file instead of the package's 200 kB JSON of
 * every language, which would otherwise land in each browser bundle that imports the core. A test
 * (tests/search-index/stopwords.test.ts) fails when the copy and the installed package differ: run this again.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const packageJson = JSON.parse(await readFile(require.resolve('stopwords-iso/package.json'), 'utf8')) as { version: string };
const lists = JSON.parse(await readFile(require.resolve('stopwords-iso/stopwords-iso.json'), 'utf8')) as Record<string, string[]>;
const target = fileURLToPath(new URL('../core/stopwords-iso.json', import.meta.url));
const extract = { source: `stopwords-iso ${packageJson.version}`, fa: lists.fa, en: lists.en };
await writeFile(target, `${JSON.stringify(extract)}\n`);
console.log(`extract-stopwords: fa ${extract.fa!.length}, en ${extract.en!.length} words → ${target}`);
