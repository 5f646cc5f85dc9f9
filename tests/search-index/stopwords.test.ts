import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import extract from '../../search-index/core/stopwords-iso.json' with { type: 'json' };
import { isStopword } from '../../search-index/core/index.ts';

const require = createRequire(import.meta.url);

describe('stopwords', () => {
  test('the core copy of stopwords-iso equals the installed package (else run search-index/build/extract-stopwords.ts)', async () => {
    const lists = JSON.parse(await readFile(require.resolve('stopwords-iso/stopwords-iso.json'), 'utf8')) as Record<string, string[]>;
    const { version } = JSON.parse(await readFile(require.resolve('stopwords-iso/package.json'), 'utf8')) as { version: string };
    expect(extract).toEqual({ source: `stopwords-iso ${version}`, fa: lists.fa, en: lists.en });
  });

  test.each([
    ['the', true],
    ['please', true],
    ['bill', false],
    ['down', false],
    ['از', true],
    ['میشه', true],
    ['قطع', false],
    ['سوم', false],
    ['که', true],
  ] as const)('%s is a stopword: %s', (word, expected) => {
    expect(isStopword(word)).toBe(expected);
  });
});
