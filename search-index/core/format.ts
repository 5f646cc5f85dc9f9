/**
 * The index file (/search/<locale>.json): compact, versioned, validated on load.
 *
 * minisearch's own toJSON writes postings as objects with numeric keys, slow to stringify and large. This format
 * writes each term's postings as one flat array of integers per term:
 *   [fieldId, count, entry, entry, ..., fieldId, count, ...]
 * where an entry is (unitDelta * 16 + termFrequency) for frequencies 1-15, or (unitDelta * 16) followed by the
 * frequency itself; unitDelta is the gap to the previous unit id of that field (the first is the unit id itself).
 * Loading rebuilds minisearch's plain object and hands it to MiniSearch.loadJS with the one options object.
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import { z } from 'zod';
import { ANALYSER_VERSION, FIELDS, MINISEARCH_OPTIONS } from './options.ts';
import { LOCALES, type Locale } from './schemas.ts';
import { assembleSearchIndex, type IndexedDocument, type IndexedUnit, type SearchIndex } from './search-index.ts';
import type { CompiledSynonyms } from './synonyms.ts';

export const INDEX_FORMAT = 'rahnama-search-index';
const FREQUENCY_BITS = 16;

/** A document: [kind, slug, title, category, description]. */
type DocumentRow = [kind: 'article' | 'video', slug: string, title: string, category: string, description: string];
/** A unit: [document position, heading, anchor, start second or -1, text]. */
type UnitRow = [doc: number, heading: string, anchor: string, start: number, text: string];

/** The JSON value written to /search/<locale>.json. */
export interface SerialisedSearchIndex {
  format: typeof INDEX_FORMAT;
  version: number;
  locale: Locale;
  builtAt: string;
  fields: string[];
  docs: DocumentRow[];
  units: UnitRow[];
  /** Per unit, the length (in terms) of each field, flattened: units × fields. */
  fieldLengths: number[];
  averageFieldLengths: number[];
  terms: string[];
  postings: number[][];
  synonyms: CompiledSynonyms;
}

const headerSchema = z.object({
  format: z.literal(INDEX_FORMAT, { error: `expected "format": "${INDEX_FORMAT}"` }),
  version: z.number(),
  locale: z.enum(LOCALES),
});

const bodySchema = z.object({
  builtAt: z.string(),
  fields: z.array(z.string()),
  docs: z.array(z.tuple([z.enum(['article', 'video']), z.string(), z.string(), z.string(), z.string()])),
  units: z.array(z.tuple([z.number().int().nonnegative(), z.string(), z.string(), z.number(), z.string()])),
  fieldLengths: z.array(z.number()),
  averageFieldLengths: z.array(z.number()),
  terms: z.array(z.string()),
  // Millions of integers: checked while decoding, not by zod, to keep loading fast.
  postings: z.custom<number[][]>((value) => Array.isArray(value), 'expected an array of posting lists'),
  synonyms: z.array(z.array(z.tuple([z.string(), z.string()]))),
});

function fail(message: string): never {
  throw new Error(`search-index: cannot load the index: ${message}`);
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.length > 0 ? `"${issue.path.join('.')}": ` : ''}${issue.message}`;
}

/** The index as a JSON-able value (write it with JSON.stringify). */
export function serialiseSearchIndex(index: SearchIndex): SerialisedSearchIndex {
  const plain = index.miniSearch.toJSON();
  const terms: string[] = [];
  const postings: number[][] = [];
  for (const [term, fields] of plain.index) {
    const list: number[] = [];
    for (const [fieldId, frequencies] of Object.entries(fields)) {
      const entries = Object.entries(frequencies)
        .map(([unit, frequency]) => [Number(unit), frequency] as const)
        .sort((a, b) => a[0] - b[0]);
      list.push(Number(fieldId), entries.length);
      let previous = 0;
      for (const [unit, frequency] of entries) {
        const delta = unit - previous;
        previous = unit;
        if (frequency < FREQUENCY_BITS) list.push(delta * FREQUENCY_BITS + frequency);
        else list.push(delta * FREQUENCY_BITS, frequency);
      }
    }
    terms.push(term);
    postings.push(list);
  }
  const fieldLengths: number[] = [];
  const lengths = plain.fieldLength as Record<string, number[]>;
  index.units.forEach((_unit, id) => {
    const row = lengths[id] ?? [];
    for (let field = 0; field < FIELDS.length; field++) fieldLengths.push(row[field] ?? 0);
  });
  return {
    format: INDEX_FORMAT,
    version: ANALYSER_VERSION,
    locale: index.locale,
    builtAt: index.stats.builtAt,
    fields: [...FIELDS],
    docs: index.docs.map((doc) => [doc.kind, doc.slug, doc.title, doc.category, doc.description]),
    units: index.units.map((unit) => [unit.doc, unit.heading, unit.anchor, unit.start ?? -1, unit.text]),
    fieldLengths,
    averageFieldLengths: FIELDS.map((_field, id) => plain.averageFieldLength[id] ?? 0),
    terms,
    postings,
    synonyms: index.synonyms,
  };
}

function decodePostings(term: string, list: unknown, unitCount: number): Record<string, Record<string, number>> {
  if (!Array.isArray(list)) fail(`postings of "${term}" are not an array`);
  const fields: Record<string, Record<string, number>> = {};
  let position = 0;
  while (position < list.length) {
    const fieldId = list[position] as number;
    const count = list[position + 1] as number;
    position += 2;
    const frequencies: Record<string, number> = {};
    let unit = 0;
    for (let entry = 0; entry < count; entry++) {
      const value = list[position++] as number;
      unit += Math.floor(value / FREQUENCY_BITS);
      let frequency = value % FREQUENCY_BITS;
      if (frequency === 0) frequency = list[position++] as number;
      if (!(unit < unitCount) || !(frequency > 0)) fail(`postings of "${term}" are malformed`);
      frequencies[unit] = frequency;
    }
    if (!(fieldId >= 0 && fieldId < FIELDS.length)) fail(`postings of "${term}" name an unknown field`);
    fields[fieldId] = frequencies;
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
  const header = headerSchema.safeParse(value);
  if (!header.success) fail(describeIssue(header.error));
  if (header.data.version !== ANALYSER_VERSION) {
    fail(`it was built by analyser version ${header.data.version}, this code reads version ${ANALYSER_VERSION}; rebuild it (npm run build)`);
  }
  const parsed = bodySchema.safeParse(value);
  if (!parsed.success) fail(describeIssue(parsed.error));
  const file = parsed.data;
  if (file.fields.join() !== FIELDS.join()) fail(`it indexes the fields ${file.fields.join(', ')}, expected ${FIELDS.join(', ')}`);
  const unitCount = file.units.length;
  if (file.fieldLengths.length !== unitCount * FIELDS.length) fail('"fieldLengths" does not match the number of units');
  if (file.postings.length !== file.terms.length) fail('"postings" does not match "terms"');

  const docs: IndexedDocument[] = file.docs.map(([kind, slug, title, category, description]) => ({ kind, slug, title, category, description }));
  const units: IndexedUnit[] = file.units.map(([doc, heading, anchor, start, text]) => {
    if (doc >= docs.length) fail(`a unit points to document ${doc}, but there are ${docs.length}`);
    return { doc, heading, anchor, start: start < 0 ? undefined : start, text };
  });
  const documentIds: Record<number, number> = {};
  const fieldLength: Record<number, number[]> = {};
  for (let id = 0; id < unitCount; id++) {
    documentIds[id] = id;
    fieldLength[id] = file.fieldLengths.slice(id * FIELDS.length, (id + 1) * FIELDS.length);
  }
  const index: AsPlainObject['index'] = file.terms.map((term, position) => [term, decodePostings(term, file.postings[position], unitCount)]);
  const plain: AsPlainObject = {
    documentCount: unitCount,
    nextId: unitCount,
    documentIds,
    fieldIds: Object.fromEntries(FIELDS.map((field, id) => [field, id])),
    fieldLength,
    averageFieldLength: file.averageFieldLengths,
    storedFields: {},
    dirtCount: 0,
    index,
    serializationVersion: 2,
  };
  return assembleSearchIndex({
    locale: header.data.locale,
    builtAt: file.builtAt,
    docs,
    units,
    miniSearch: MiniSearch.loadJS(plain, MINISEARCH_OPTIONS),
    plainIndex: index,
    synonyms: file.synonyms,
  });
}
