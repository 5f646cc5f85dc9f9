/**
 * The index file (/search/<locale>.json): compact, versioned, validated on load.
 *
 * minisearch's own toJSON writes postings as objects with numeric keys, slow to stringify and large. This format
 * writes each term's postings as one flat array of integers per term:
 *   [fieldId, count, entry, entry, ..., fieldId, count, ...]
 * where an entry is (gap * 16 + termFrequency) for frequencies 1-15, or (gap * 16) followed by the frequency
 * itself; gap is the difference to the previous document id of that field (the first is the document id itself).
 * Loading rebuilds minisearch's plain object and hands it to MiniSearch.loadJS with the one options object.
 */
import { ANALYSER_VERSION, FIELDS } from './options.ts';
import { LOCALES, type Locale } from './locales.ts';
import { assembleSearchIndex, type IndexedDocument, type IndexedSection, type SearchIndex } from './search-index.ts';
import { restoreMiniSearch } from './restore.ts';
import type { CompiledSynonyms } from './synonyms.ts';

export const INDEX_FORMAT = 'rahnama-search-index';
const FREQUENCY_BITS = 16;

/** A document: [kind, slug, title, category, description, number of sections]. */
type DocumentRow = [kind: 'article' | 'video', slug: string, title: string, category: string, description: string, sections: number];
/** A section, in document order: [heading, anchor, start second or -1, text]. */
type SectionRow = [heading: string, anchor: string, start: number, text: string];

/** The JSON value written to /search/<locale>.json. */
export interface SerialisedSearchIndex {
  format: typeof INDEX_FORMAT;
  version: number;
  locale: Locale;
  builtAt: string;
  fields: string[];
  docs: DocumentRow[];
  sections: SectionRow[];
  /** Per document, the length (in terms) of each field, flattened: documents × fields. */
  fieldLengths: number[];
  averageFieldLengths: number[];
  /** Every term of the documents; its document frequency before pruning; its postings ([] when pruned). */
  terms: string[];
  frequencies: number[];
  postings: number[][];
  synonyms: CompiledSynonyms;
}

/*
 * Validation. The loader runs in the browser (the site's search runtime, the widget fallback), so it does not use
 * zod: zod's full API is about 440 kB minified. A handful of checks below give the same kind of message, naming the
 * first offending value by its path ("docs.3.5": expected a positive integer, got -1). Paths are only built on failure.
 */
interface Failure {
  path: (string | number)[];
  message: string;
}
/** Returns nothing when the value fits, else the first failure. */
type Check = (value: unknown) => Failure | undefined;

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

function check(test: (value: unknown) => boolean, expected: string): Check {
  return (value) => (test(value) ? undefined : { path: [], message: `expected ${expected}, got ${describeValue(value)}` });
}

const isString = check((value) => typeof value === 'string', 'a string');
const isNumber = check((value) => typeof value === 'number' && Number.isFinite(value), 'a number');
const isCount = check((value) => Number.isInteger(value) && (value as number) >= 0, 'a non-negative integer');
const isPositiveCount = check((value) => Number.isInteger(value) && (value as number) > 0, 'a positive integer');
const oneOf = (values: readonly string[]): Check =>
  check((value) => values.includes(value as string), `one of ${values.map((item) => JSON.stringify(item)).join(', ')}`);

function arrayOf(item: Check): Check {
  return (value) => {
    if (!Array.isArray(value)) return { path: [], message: `expected an array, got ${describeValue(value)}` };
    for (let position = 0; position < value.length; position++) {
      const failure = item(value[position]);
      if (failure) return { path: [position, ...failure.path], message: failure.message };
    }
    return undefined;
  };
}

function tuple(items: Check[]): Check {
  return (value) => {
    if (!Array.isArray(value) || value.length !== items.length) {
      return { path: [], message: `expected an array of ${items.length} items, got ${describeValue(value)}${Array.isArray(value) ? ` of ${value.length}` : ''}` };
    }
    for (let position = 0; position < items.length; position++) {
      const failure = items[position]!(value[position]);
      if (failure) return { path: [position, ...failure.path], message: failure.message };
    }
    return undefined;
  };
}

function object(fields: Record<string, Check>): Check {
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { path: [], message: `expected a JSON object, got ${describeValue(value)}` };
    }
    for (const [name, fieldCheck] of Object.entries(fields)) {
      const failure = fieldCheck((value as Record<string, unknown>)[name]);
      if (failure) return { path: [name, ...failure.path], message: failure.message };
    }
    return undefined;
  };
}

const checkHeader = object({
  format: check((value) => value === INDEX_FORMAT, `"format": "${INDEX_FORMAT}"`),
  version: isNumber,
  locale: oneOf(LOCALES),
});

const checkBody = object({
  builtAt: isString,
  fields: arrayOf(isString),
  docs: arrayOf(tuple([oneOf(['article', 'video']), isString, isString, isString, isString, isPositiveCount])),
  sections: arrayOf(tuple([isString, isString, isNumber, isString])),
  fieldLengths: arrayOf(isNumber),
  averageFieldLengths: arrayOf(isNumber),
  terms: arrayOf(isString),
  // Millions of integers: checked while decoding (decodePostings), to keep loading fast.
  postings: check(Array.isArray, 'an array of posting lists'),
  frequencies: arrayOf(isCount),
  synonyms: arrayOf(arrayOf(tuple([isString, isString]))),
});

function fail(message: string): never {
  throw new Error(`search-index: cannot load the index: ${message}`);
}

function failWith(failure: Failure): never {
  fail(`${failure.path.length > 0 ? `"${failure.path.join('.')}": ` : ''}${failure.message}`);
}

/** The index as a JSON-able value (write it with JSON.stringify). */
export function serialiseSearchIndex(index: SearchIndex): SerialisedSearchIndex {
  const plain = index.miniSearch.toJSON();
  const kept = new Map(plain.index);
  const terms: string[] = [];
  const frequencies: number[] = [];
  const postings: number[][] = [];
  for (const [term, frequency] of index.documentFrequency) {
    const list: number[] = [];
    for (const [fieldId, documents] of Object.entries(kept.get(term) ?? {})) {
      const entries = Object.entries(documents)
        .map(([doc, count]) => [Number(doc), count] as const)
        .sort((a, b) => a[0] - b[0]);
      list.push(Number(fieldId), entries.length);
      let previous = 0;
      for (const [doc, count] of entries) {
        const delta = doc - previous;
        previous = doc;
        if (count < FREQUENCY_BITS) list.push(delta * FREQUENCY_BITS + count);
        else list.push(delta * FREQUENCY_BITS, count);
      }
    }
    terms.push(term);
    frequencies.push(frequency);
    postings.push(list);
  }
  const fieldLengths: number[] = [];
  const lengths = plain.fieldLength as Record<string, number[]>;
  index.docs.forEach((_doc, id) => {
    const row = lengths[id] ?? [];
    for (let field = 0; field < FIELDS.length; field++) fieldLengths.push(row[field] ?? 0);
  });
  return {
    format: INDEX_FORMAT,
    version: ANALYSER_VERSION,
    locale: index.locale,
    builtAt: index.stats.builtAt,
    fields: [...FIELDS],
    docs: index.docs.map((doc) => [doc.kind, doc.slug, doc.title, doc.category, doc.description, doc.sectionCount]),
    sections: index.sections.map((section) => [section.heading, section.anchor, section.start ?? -1, section.text]),
    fieldLengths,
    averageFieldLengths: FIELDS.map((_field, id) => plain.averageFieldLength[id] ?? 0),
    terms,
    frequencies,
    postings,
    synonyms: index.synonyms,
  };
}

/** Decodes one term's postings into field id → (document id → term frequency). */
function decodePostings(term: string, list: unknown, docCount: number): Map<number, Map<number, number>> {
  if (!Array.isArray(list)) fail(`postings of "${term}" are not an array`);
  const fields = new Map<number, Map<number, number>>();
  let position = 0;
  while (position < list.length) {
    const fieldId = list[position] as number;
    const count = list[position + 1] as number;
    position += 2;
    if (!(fieldId >= 0 && fieldId < FIELDS.length)) fail(`postings of "${term}" name an unknown field`);
    const frequencies = new Map<number, number>();
    let doc = 0;
    for (let entry = 0; entry < count; entry++) {
      const value = list[position++] as number;
      doc += Math.floor(value / FREQUENCY_BITS);
      let frequency = value % FREQUENCY_BITS;
      if (frequency === 0) frequency = list[position++] as number;
      if (!(doc < docCount) || !(frequency > 0)) fail(`postings of "${term}" are malformed`);
      frequencies.set(doc, frequency);
    }
    fields.set(fieldId, frequencies);
  }
  return fields;
}

/**
 * Loads an index written by serialiseSearchIndex (the parsed JSON value, or the JSON text). Throws an Error that
 * starts with "search-index: cannot load the index:" when the file is not an index, was built by another version of
 * the analyser, or is damaged.
 */
export function loadSearchIndex(json: unknown): SearchIndex {
  const value = typeof json === 'string' ? JSON.parse(json) : json;
  const headerFailure = checkHeader(value);
  if (headerFailure) failWith(headerFailure);
  const file = value as SerialisedSearchIndex;
  if (file.version !== ANALYSER_VERSION) {
    fail(`it was built by analyser version ${file.version}, this code reads version ${ANALYSER_VERSION}; rebuild it (npm run build)`);
  }
  const bodyFailure = checkBody(value);
  if (bodyFailure) failWith(bodyFailure);
  if (file.fields.join() !== FIELDS.join()) fail(`it indexes the fields ${file.fields.join(', ')}, expected ${FIELDS.join(', ')}`);
  const docCount = file.docs.length;
  if (file.fieldLengths.length !== docCount * FIELDS.length) fail('"fieldLengths" does not match the number of documents');
  if (file.postings.length !== file.terms.length || file.frequencies.length !== file.terms.length) {
    fail('"postings" and "frequencies" do not match "terms"');
  }
  if (file.docs.reduce((sum, row) => sum + row[5], 0) !== file.sections.length) fail('"sections" does not match the documents\' section counts');

  const docs: IndexedDocument[] = [];
  const sections: IndexedSection[] = [];
  for (const [kind, slug, title, category, description, sectionCount] of file.docs) {
    const doc = docs.length;
    docs.push({ kind, slug, title, category, description, firstSection: sections.length, sectionCount });
    for (const [heading, anchor, start, text] of file.sections.slice(sections.length, sections.length + sectionCount)) {
      sections.push({ doc, heading, anchor, start: start < 0 ? undefined : start, text });
    }
  }
  const documentIds: Record<number, number> = {};
  const fieldLength: Record<number, number[]> = {};
  for (let id = 0; id < docCount; id++) {
    documentIds[id] = id;
    fieldLength[id] = file.fieldLengths.slice(id * FIELDS.length, (id + 1) * FIELDS.length);
  }
  const postings: [term: string, fields: Map<number, Map<number, number>>][] = [];
  const documentFrequency = new Map<string, number>();
  file.terms.forEach((term, position) => {
    documentFrequency.set(term, file.frequencies[position]!);
    const list = file.postings[position];
    if (Array.isArray(list) && list.length === 0) return;
    postings.push([term, decodePostings(term, list, docCount)]);
  });
  const miniSearch = restoreMiniSearch(
    {
      documentCount: docCount,
      nextId: docCount,
      documentIds,
      fieldIds: Object.fromEntries(FIELDS.map((field, id) => [field, id])),
      fieldLength,
      averageFieldLength: file.averageFieldLengths,
      storedFields: {},
      dirtCount: 0,
      index: [],
      serializationVersion: 2,
    },
    postings,
  );
  return assembleSearchIndex({
    locale: file.locale,
    builtAt: file.builtAt,
    docs,
    sections,
    miniSearch,
    documentFrequency,
    synonyms: file.synonyms,
  });
}
