import { describe, expect, test } from 'vitest';
import { MINISEARCH_OPTIONS } from '../../search-index/core/index.ts';
import { restoreMiniSearch, type TermPostings } from '../../search-index/core/restore.ts';
import MiniSearch from 'minisearch';

// restore.ts fills minisearch's term map directly for speed; the public loadJS path must give the same index.
const DOCUMENTS = [
  { id: 0, title: 'Modem light is red', keywords: '', headings: 'Restart', summary: '', body: 'Unplug the modem and wait' },
  { id: 1, title: 'Reset a forgotten password', keywords: 'forgot password', headings: '', summary: '', body: 'Ask for a code by SMS' },
  { id: 2, title: 'Slow internet', keywords: '', headings: 'Speed test', summary: 'Test the speed', body: 'Run a speed test with a cable to the modem' },
];

describe('restoreMiniSearch', () => {
  test('the fast and the public path give the same search results as the original', () => {
    const original = new MiniSearch(MINISEARCH_OPTIONS);
    original.addAll(DOCUMENTS);
    const plain = original.toJSON();
    const postings = plain.index.map(([term, fields]): [string, TermPostings] => [
      term,
      new Map(Object.entries(fields).map(([field, documents]) => [Number(field), new Map(Object.entries(documents).map(([doc, tf]) => [Number(doc), tf]))])),
    ]);
    const fast = restoreMiniSearch(plain, postings);
    const slow = restoreMiniSearch(plain, postings, true);
    for (const query of ['modem red', 'password', 'speed test modem', 'cable']) {
      const expected = original.search(query, { prefix: true });
      expect(fast.search(query, { prefix: true })).toEqual(expected);
      expect(slow.search(query, { prefix: true })).toEqual(expected);
    }
  });
});
