/**
 * The in-memory search index: one minisearch instance over units (article sections and video passages) plus the
 * tables suggest() needs around it (documents, unit texts for snippets, document frequencies, synonyms).
 * createSearchIndex is pure: plain documents in, index out; the build (build/) turns MDX and VTT into documents.
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import { MINISEARCH_OPTIONS, SNIPPET_SOURCE_CHARS } from './options.ts';
import type { Locale, Synonyms } from './schemas.ts';
import { compileSynonyms, synonymLookup, type CompiledSynonyms, type SynonymLookup } from './synonyms.ts';
import type { DocKind, IndexStats } from './types.ts';

/** A part of a document that can be suggested on its own: an article section or a video passage. */
export interface IndexSection {
  /** Heading text of the section, or chapter title of the passage. */
  heading?: string;
  /** The heading's id on the page (articles). */
  anchor?: string;
  /** Start second (videos). */
  start?: number;
  /** Plain text. */
  text: string;
}

/** A document to index: an article or a video guide, already reduced to plain text. */
export interface IndexDocument {
  kind: DocKind;
  /** Unique within the locale; the suggestion id is "<locale>/<slug>". */
  slug: string;
  title: string;
  description?: string;
  /** Category slug, or "videos". */
  category: string;
  keywords?: string[];
  sections: IndexSection[];
}

/** A document as the index keeps it. */
export interface IndexedDocument {
  kind: DocKind;
  slug: string;
  title: string;
  category: string;
  description: string;
}

/** A unit as the index keeps it; `text` is cut to SNIPPET_SOURCE_CHARS. */
export interface IndexedUnit {
  /** Position of the unit's document in SearchIndex.docs. */
  doc: number;
  heading: string;
  anchor: string;
  start: number | undefined;
  text: string;
}

export interface SearchIndex {
  readonly locale: Locale;
  readonly stats: IndexStats;
  readonly docs: readonly IndexedDocument[];
  readonly units: readonly IndexedUnit[];
  /** The minisearch instance; unit ids are positions in `units`. */
  readonly miniSearch: MiniSearch;
  /** Term → number of documents (not units) containing it in any field. */
  readonly documentFrequency: ReadonlyMap<string, number>;
  readonly synonyms: CompiledSynonyms;
  readonly synonymLookup: SynonymLookup;
}

/** The minisearch record of one unit. */
interface UnitRecord {
  id: number;
  title: string;
  keywords: string;
  heading: string;
  summary: string;
  body: string;
}

/** Cuts text to at most `limit` characters, at a word boundary when there is one. */
export function cutText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const lastSpace = cut.lastIndexOf(' ');
  return lastSpace > limit / 2 ? cut.slice(0, lastSpace) : cut;
}

/** Counts, per term, the documents whose units contain it (postings in minisearch's plain format). */
export function documentFrequencies(plainIndex: AsPlainObject['index'], unitDoc: ArrayLike<number>, docCount: number): Map<string, number> {
  const frequencies = new Map<string, number>();
  const lastSeen = new Int32Array(docCount).fill(-1);
  plainIndex.forEach(([term, fields], termNumber) => {
    let count = 0;
    for (const postings of Object.values(fields)) {
      for (const unitId of Object.keys(postings)) {
        const doc = unitDoc[Number(unitId)]!;
        if (lastSeen[doc] !== termNumber) {
          lastSeen[doc] = termNumber;
          count += 1;
        }
      }
    }
    frequencies.set(term, count);
  });
  return frequencies;
}

/** Assembles a SearchIndex from its parts; shared by createSearchIndex and loadSearchIndex. */
export function assembleSearchIndex(parts: {
  locale: Locale;
  builtAt: string;
  docs: IndexedDocument[];
  units: IndexedUnit[];
  miniSearch: MiniSearch;
  plainIndex: AsPlainObject['index'];
  synonyms: CompiledSynonyms;
}): SearchIndex {
  const unitDoc = Int32Array.from(parts.units, (unit) => unit.doc);
  return {
    locale: parts.locale,
    stats: {
      locale: parts.locale,
      articles: parts.docs.filter((doc) => doc.kind === 'article').length,
      videos: parts.docs.filter((doc) => doc.kind === 'video').length,
      builtAt: parts.builtAt,
    },
    docs: parts.docs,
    units: parts.units,
    miniSearch: parts.miniSearch,
    documentFrequency: documentFrequencies(parts.plainIndex, unitDoc, parts.docs.length),
    synonyms: parts.synonyms,
    synonymLookup: synonymLookup(parts.synonyms),
  };
}

/**
 * Builds the index of one locale from plain documents. Every document gets at least one unit; the title and the
 * keywords are indexed on each unit (a section is found by its article's title), the description on the first.
 */
export function createSearchIndex(
  documents: readonly IndexDocument[],
  locale: Locale,
  synonyms?: Synonyms,
  options: { builtAt?: string } = {},
): SearchIndex {
  const docs: IndexedDocument[] = [];
  const units: IndexedUnit[] = [];
  const records: UnitRecord[] = [];
  const seen = new Set<string>();
  for (const document of documents) {
    if (seen.has(document.slug)) throw new Error(`search-index: duplicate document slug "${document.slug}" in locale "${locale}"`);
    seen.add(document.slug);
    const docNumber = docs.length;
    docs.push({
      kind: document.kind,
      slug: document.slug,
      title: document.title,
      category: document.category,
      description: document.description ?? '',
    });
    const sections = document.sections.length > 0 ? document.sections : [{ text: '' }];
    const keywords = (document.keywords ?? []).join(' \n ');
    sections.forEach((section, position) => {
      const id = units.length;
      units.push({
        doc: docNumber,
        heading: section.heading ?? '',
        anchor: section.anchor ?? '',
        start: section.start,
        text: cutText(section.text, SNIPPET_SOURCE_CHARS),
      });
      records.push({
        id,
        title: document.title,
        keywords,
        heading: section.heading ?? '',
        summary: position === 0 ? (document.description ?? '') : '',
        body: section.text,
      });
    });
  }
  const miniSearch = new MiniSearch<UnitRecord>(MINISEARCH_OPTIONS);
  miniSearch.addAll(records);
  return assembleSearchIndex({
    locale,
    builtAt: options.builtAt ?? new Date().toISOString(),
    docs,
    units,
    miniSearch,
    plainIndex: miniSearch.toJSON().index,
    synonyms: compileSynonyms(synonyms),
  });
}
