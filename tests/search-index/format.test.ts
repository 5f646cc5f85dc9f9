import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ANALYSER_VERSION,
  createSearchIndex,
  loadSearchIndex,
  serialiseSearchIndex,
  suggest,
  type IndexDocument,
} from '../../search-index/core/index.ts';

// A few documents with sections, a video with passages, keywords and a synonym group: enough for every code path.
const DOCUMENTS: IndexDocument[] = [
  {
    kind: 'article',
    slug: 'modem-red-light',
    title: "Modem's internet light is red",
    description: 'What a red internet light means and how to get back online.',
    category: 'internet',
    keywords: ['no internet', 'connection drops'],
    sections: [
      { text: 'A red internet light means the modem cannot reach our network.' },
      { heading: 'Check the cables', anchor: 'check-the-cables', text: 'Make sure the grey fiber cable is firmly plugged in and not bent.' },
      { heading: 'Restart the modem', anchor: 'restart-the-modem', text: 'Turn the modem off, wait 30 seconds and turn it on again.' },
    ],
  },
  {
    kind: 'article',
    slug: 'reset-password',
    title: 'Reset a forgotten password',
    description: 'Get a new password for My TizNet with a code sent by SMS.',
    category: 'account',
    sections: [{ heading: 'Ask for a code', anchor: 'ask-for-a-code', text: 'Tap "Forgot password" and enter your mobile number.' }],
  },
  {
    kind: 'video',
    slug: 'modem-lights-explained',
    title: 'What the lights on your modem mean',
    description: 'Every light on the TizBox, one by one.',
    category: 'videos',
    sections: [
      { heading: 'Power', start: 0, text: 'The power light is green when the modem is on.' },
      { heading: 'Internet', start: 42, text: 'A red internet light blinking means the line is down.' },
    ],
  },
];
const SYNONYMS = { groups: [['modem', 'router'], ['password', 'passcode']] };
const BUILT_AT = '2026-11-22T12:00:00.000Z';

const QUERIES = [
  'the light on my router is red',
  'forgot my passcode',
  'internet light blinking red',
  'modem',
  'pass',
  '',
  '<script>alert(1)</script> modem',
];

describe('serialise and load', () => {
  test('a built, serialised and loaded index gives identical results', () => {
    const built = createSearchIndex(DOCUMENTS, 'en', SYNONYMS, { builtAt: BUILT_AT });
    const loaded = loadSearchIndex(JSON.parse(JSON.stringify(serialiseSearchIndex(built))));
    for (const query of QUERIES) expect(suggest(loaded, query, { limit: 10 })).toEqual(suggest(built, query, { limit: 10 }));
    expect(loaded.stats).toEqual({ locale: 'en', articles: 2, videos: 1, builtAt: BUILT_AT });
  });

  test('loads from JSON text as well as from the parsed value', () => {
    const json = JSON.stringify(serialiseSearchIndex(createSearchIndex(DOCUMENTS, 'en', SYNONYMS, { builtAt: BUILT_AT })));
    expect(suggest(loadSearchIndex(json), 'router light')).toEqual(suggest(loadSearchIndex(JSON.parse(json)), 'router light'));
  });

  test('refuses an index built by another analyser version', () => {
    const file = { ...serialiseSearchIndex(createSearchIndex(DOCUMENTS, 'en')), version: ANALYSER_VERSION + 1 };
    expect(() => loadSearchIndex(file)).toThrow(
      `search-index: cannot load the index: it was built by analyser version ${ANALYSER_VERSION + 1}, this code reads version ${ANALYSER_VERSION}; rebuild it (npm run build)`,
    );
  });

  test('refuses a file that is not an index', () => {
    expect(() => loadSearchIndex({ hello: 'world' })).toThrow(
      'search-index: cannot load the index: "format": expected "format": "rahnama-search-index"',
    );
  });

  test('names the first value that does not fit, by its path', () => {
    const file = serialiseSearchIndex(createSearchIndex(DOCUMENTS, 'en'));
    const cases: [change: (value: Record<string, unknown>) => void, message: string][] = [
      [(value) => (value.locale = 'de'), '"locale": expected one of "fa", "en", got "de"'],
      [(value) => ((value.docs as unknown[][])[1]![0] = 'page'), '"docs.1.0": expected one of "article", "video", got "page"'],
      [(value) => ((value.docs as unknown[][])[2]![5] = 0), '"docs.2.5": expected a positive integer, got 0'],
      [(value) => ((value.sections as unknown[][])[0] = ['a', 'b']), '"sections.0": expected an array of 4 items, got an array of 2'],
      [(value) => ((value.frequencies as unknown[])[3] = -1), '"frequencies.3": expected a non-negative integer, got -1'],
      [(value) => (value.terms = 'modem'), '"terms": expected an array, got "modem"'],
      [(value) => delete value.builtAt, '"builtAt": expected a string, got undefined'],
    ];
    for (const [change, message] of cases) {
      const damaged = structuredClone(file) as unknown as Record<string, unknown>;
      change(damaged);
      expect(() => loadSearchIndex(damaged)).toThrow(`search-index: cannot load the index: ${message}`);
    }
    expect(() => loadSearchIndex(null)).toThrow('search-index: cannot load the index: expected a JSON object, got null');
    expect(() => loadSearchIndex('[1, 2]')).toThrow('search-index: cannot load the index: expected a JSON object, got an array');
  });

  test('refuses damaged postings', () => {
    const file = serialiseSearchIndex(createSearchIndex(DOCUMENTS, 'en'));
    file.postings[0] = [0, 1, 99_999 * 16 + 1];
    expect(() => loadSearchIndex(file)).toThrow(`search-index: cannot load the index: postings of "${file.terms[0]}" are malformed`);
  });
});

describe('suggest on any input', () => {
  const index = createSearchIndex(DOCUMENTS, 'en', SYNONYMS, { builtAt: BUILT_AT });

  test('never throws and returns at most the limit, one per document', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: -5, max: 50 }), (text, limit) => {
        const suggestions = suggest(index, text, { limit });
        expect(suggestions.length).toBeLessThanOrEqual(Math.min(10, Math.max(1, limit)));
        expect(new Set(suggestions.map((suggestion) => suggestion.id)).size).toBe(suggestions.length);
      }),
      { numRuns: 300 },
    );
  });

  test('never throws on arbitrary code units, lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => Array.isArray(suggest(index, text))), { numRuns: 300 });
  });

  test('snippets never contain unescaped markup from the text', () => {
    const html = createSearchIndex(
      [{ kind: 'article', slug: 'html', title: 'Angle brackets', category: 'internet', sections: [{ text: 'Type <b>modem</b> & "router" here' }] }],
      'en',
    );
    expect(suggest(html, 'modem')[0]!.snippet).toBe('Type &lt;b&gt;<mark>modem</mark>&lt;/b&gt; &amp; &quot;router&quot; here');
  });

  test('a video suggestion points at the passage second', () => {
    const [first] = suggest(index, 'red internet light blinking line down');
    expect(first).toMatchObject({ id: 'en/modem-lights-explained', kind: 'video', url: '/en/videos/modem-lights-explained/?t=42', start: 42, section: 'Internet', category: 'videos' });
  });

  test('nothing is suggested for words the index does not know', () => {
    expect(suggest(index, 'banana smoothie recipe')).toEqual([]);
  });
});
