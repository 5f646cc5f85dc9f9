/**
 * The in-memory search index: one minisearch instance with one record per document (article or video guide: title,
 * keywords, section headings, description, all text), plus what suggest() needs around it: the documents, their
 * sections (heading, anchor or start second, and the first part of the text, for choosing the best section and
 * for snippets), document frequencies and synonyms.
 *
 * Why one record per document and not per section: a section record repeats its article's title and keywords,
 * and words shared by sections get one posting per section; at 10k articles that doubled the index and the time
 * to load it (DESIGN.md, "Measured steps"). The best section is chosen after ranking, among the few suggested
 * documents only (suggest.ts).
 *
 * createSearchIndex is pure: plain documents in, index out; the build (build/) turns MDX and VTT into documents.
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import { analyse } from './analyse.ts';
import { MINISEARCH_OPTIONS, SECTION_TEXT, SUGGEST_DEFAULTS } from './options.ts';
import type { Locale, Synonyms } from './schemas.ts';
import { compileSynonyms, synonymLookup, type CompiledSynonyms, type SynonymLookup } from './synonyms.ts';
import type { DocKind, IndexStats } from './types.ts';

/** A part of a document that a suggestion can point at: an article section or a video passage. */
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

/** A document as the index keeps it; its sections are `sections[firstSection .. firstSection + sectionCount)`. */
export interface IndexedDocument {
  kind: DocKind;
  slug: string;
  title: string;
  category: string;
  description: string;
  firstSection: number;
  sectionCount: number;
}

/** A section as the index keeps it; `text` is cut to the index's per-section length (sectionTextLength). */
export interface IndexedSection {
  /** Position of the section's document in SearchIndex.docs. */
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
  readonly sections: readonly IndexedSection[];
  /** The minisearch instance; record ids are positions in `docs`. */
  readonly miniSearch: MiniSearch;
  /** Term → number of documents containing it in any field, counted before pruning (see pruneIndex). */
  readonly documentFrequency: ReadonlyMap<string, number>;
  readonly synonyms: CompiledSynonyms;
  readonly synonymLookup: SynonymLookup;
  /** Index terms (stopwords out) of each document's title, computed on first use (suggest.ts). */
  readonly titleTerms: (doc: number) => ReadonlySet<string>;
  /** Index terms of each section's heading and text, computed on first use (suggest.ts). */
  readonly sectionTerms: (section: number) => { heading: ReadonlySet<string>; text: ReadonlySet<string> };
}

/** The minisearch record of one document. */
interface DocumentRecord {
  id: number;
  title: string;
  keywords: string;
  headings: string;
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

/**
 * Characters kept of each section's text: the budget shared by all sections, at most maxChars each. A help center
 * of a few hundred articles keeps whole sections; when the share falls below minChars (thousands of articles) no
 * section text is kept at all, as such stubs make poor snippets: suggestions then show the description.
 */
export function sectionTextLength(sections: number): number {
  const share = Math.floor(SECTION_TEXT.budgetChars / Math.max(1, sections));
  return share < SECTION_TEXT.minChars ? 0 : Math.min(SECTION_TEXT.maxChars, share);
}

/** Counts, per term, the documents containing it in any field (postings in minisearch's plain format). */
export function documentFrequencies(plainIndex: AsPlainObject['index']): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const [term, fields] of plainIndex) {
    const documents = new Set<string>();
    for (const postings of Object.values(fields)) for (const id of Object.keys(postings)) documents.add(id);
    frequencies.set(term, documents.size);
  }
  return frequencies;
}

/** BM25's inverse document frequency, as minisearch computes it. */
export const inverseDocumentFrequency = (documents: number, frequency: number): number =>
  Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5));

/**
 * Pruning of a large index (SUGGEST_DEFAULTS.ratioMinDocuments documents or more), in place:
 * 1. Terms in more than maxDocumentRatio of the documents lose their postings: suggest() never searches them
 *    (shapeQuery drops them), and theirs are the longest lists.
 * 2. Static pruning (Carmel et al., SIGIR 2001): each document's body keeps its maxBodyTerms most telling terms
 *    (rarest first, then most frequent in the document); title, keywords, headings and description keep all.
 *    A body's commonest remaining words add little to its score and most to the index size.
 * Document frequencies are counted before pruning and kept, so queries still weigh pruned words correctly.
 */
export function pruneIndex(plain: AsPlainObject, frequencies: ReadonlyMap<string, number>, documents: number): void {
  if (documents < SUGGEST_DEFAULTS.ratioMinDocuments) return;
  const maxRatio = SUGGEST_DEFAULTS.maxDocumentRatio;
  plain.index = plain.index.filter(([term]) => (frequencies.get(term) ?? 0) / documents <= maxRatio);
  const bodyField = String(plain.fieldIds['body']);
  const perDocument = new Map<string, { term: number; weight: number }[]>();
  plain.index.forEach(([term, fields], position) => {
    const body = fields[bodyField];
    if (!body) return;
    const rarity = inverseDocumentFrequency(documents, frequencies.get(term) ?? 0);
    for (const [doc, frequency] of Object.entries(body)) {
      let list = perDocument.get(doc);
      if (!list) perDocument.set(doc, (list = []));
      list.push({ term: position, weight: rarity * (1 + Math.log(frequency)) });
    }
  });
  for (const [doc, list] of perDocument) {
    if (list.length <= SUGGEST_DEFAULTS.maxBodyTerms) continue;
    list.sort((a, b) => b.weight - a.weight);
    for (const { term } of list.slice(SUGGEST_DEFAULTS.maxBodyTerms)) delete plain.index[term]![1][bodyField]![doc];
  }
  plain.index = plain.index.filter(([, fields]) => {
    for (const [field, postings] of Object.entries(fields)) {
      if (Object.keys(postings).length === 0) delete fields[field];
    }
    return Object.keys(fields).length > 0;
  });
}

/** Assembles a SearchIndex from its parts; shared by createSearchIndex and loadSearchIndex. */
export function assembleSearchIndex(parts: {
  locale: Locale;
  builtAt: string;
  docs: IndexedDocument[];
  sections: IndexedSection[];
  miniSearch: MiniSearch;
  documentFrequency: Map<string, number>;
  synonyms: CompiledSynonyms;
}): SearchIndex {
  const termCache: ({ heading: Set<string>; text: Set<string> } | undefined)[] = [];
  const titleCache: (Set<string> | undefined)[] = [];
  return {
    locale: parts.locale,
    stats: {
      locale: parts.locale,
      articles: parts.docs.filter((doc) => doc.kind === 'article').length,
      videos: parts.docs.filter((doc) => doc.kind === 'video').length,
      builtAt: parts.builtAt,
    },
    docs: parts.docs,
    sections: parts.sections,
    miniSearch: parts.miniSearch,
    documentFrequency: parts.documentFrequency,
    synonyms: parts.synonyms,
    synonymLookup: synonymLookup(parts.synonyms),
    titleTerms: (doc) => (titleCache[doc] ??= new Set(analyse(parts.docs[doc]!.title))),
    sectionTerms: (position) => {
      let terms = termCache[position];
      if (!terms) {
        const section = parts.sections[position]!;
        terms = { heading: new Set(analyse(section.heading)), text: new Set(analyse(section.text)) };
        termCache[position] = terms;
      }
      return terms;
    },
  };
}

/** Builds the index of one locale from plain documents (pure). Every document gets at least one section. */
export function createSearchIndex(
  documents: readonly IndexDocument[],
  locale: Locale,
  synonyms?: Synonyms,
  options: { builtAt?: string } = {},
): SearchIndex {
  const docs: IndexedDocument[] = [];
  const sections: IndexedSection[] = [];
  const records: DocumentRecord[] = [];
  const seen = new Set<string>();
  const textLength = sectionTextLength(documents.reduce((sum, document) => sum + Math.max(1, document.sections.length), 0));
  for (const document of documents) {
    if (seen.has(document.slug)) throw new Error(`search-index: duplicate document slug "${document.slug}" in locale "${locale}"`);
    seen.add(document.slug);
    const own = document.sections.length > 0 ? document.sections : [{ text: '' }];
    docs.push({
      kind: document.kind,
      slug: document.slug,
      title: document.title,
      category: document.category,
      description: document.description ?? '',
      firstSection: sections.length,
      sectionCount: own.length,
    });
    for (const section of own) {
      sections.push({
        doc: docs.length - 1,
        heading: section.heading ?? '',
        anchor: section.anchor ?? '',
        start: section.start,
        text: textLength > 0 ? cutText(section.text, textLength) : '',
      });
    }
    records.push({
      id: docs.length - 1,
      title: document.title,
      keywords: (document.keywords ?? []).join(' \n '),
      headings: own.map((section) => section.heading ?? '').join(' \n '),
      summary: document.description ?? '',
      body: own.map((section) => section.text).join(' \n '),
    });
  }
  const builder = new MiniSearch<DocumentRecord>(MINISEARCH_OPTIONS);
  builder.addAll(records);
  const plain = builder.toJSON();
  const documentFrequency = documentFrequencies(plain.index);
  pruneIndex(plain, documentFrequency, docs.length);
  return assembleSearchIndex({
    locale,
    builtAt: options.builtAt ?? new Date().toISOString(),
    docs,
    sections,
    miniSearch: MiniSearch.loadJS(plain, MINISEARCH_OPTIONS),
    documentFrequency,
    synonyms: compileSynonyms(synonyms),
  });
}
