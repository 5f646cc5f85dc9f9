/**
 * The ONE minisearch options object and every ranking tunable, in one place. minisearch's loadJS/loadJSON must get
 * exactly the options the index was built with, so the build, the API and the browser all import them from here;
 * ANALYSER_VERSION is written into every index file and checked on load, so a stale file fails loudly instead of
 * silently matching nothing.
 */
import type { Options } from 'minisearch';
import { processTerm, processTitleTerm, tokenise } from './analyse.ts';

/**
 * Bump whenever normalisation, stopwords, stemming, fields or the file format change: indexes built by another
 * version are refused by loadSearchIndex.
 */
export const ANALYSER_VERSION = 2;

/** Indexed fields of one document (article or video guide). */
export const FIELDS = ['title', 'keywords', 'headings', 'summary', 'body'] as const;
export type Field = (typeof FIELDS)[number];

/**
 * Field weights. Customers' words meet the title and the writers' keywords first; headings name the sections'
 * problems; the summary (description) is a one-sentence restatement; the body is long and diluted.
 */
export const FIELD_BOOSTS: Readonly<Record<Field, number>> = {
  title: 2,
  keywords: 2,
  headings: 1.5,
  summary: 1.2,
  body: 1,
};

/** When choosing a document's best section, a matched word in the section's heading counts this many times. */
export const SECTION_HEADING_WEIGHT = 2;

/** BM25 parameters; d = 0 turns off the BM25+ lower bound (minisearch defaults: k 1.2, b 0.7, d 0.5), measured on dev. */
export const BM25 = { k: 1.2, b: 0.7, d: 0 } as const;

/** The query-shaping and result tunables of suggest(); DESIGN.md explains each. */
export const SUGGEST_DEFAULTS = {
  /** Suggestions returned when the caller does not ask for a number. */
  limit: 5,
  /** The most suggestions one call may return. */
  maxLimit: 10,
  /** The most informative query terms kept from a long description, rarest first... */
  coreQueryTerms: 12,
  /** ...and after those, up to this many in all, the terms found in at most extraTermMaxRatio of the documents. */
  maxQueryTerms: 20,
  extraTermMaxRatio: 0.01,
  /** Terms found in more than this share of documents are dropped (when the index is large enough to matter). */
  maxDocumentRatio: 0.2,
  /** The ratio rule and body pruning apply from this many documents on; below, BM25's IDF alone weighs words. */
  ratioMinDocuments: 1000,
  /** In a large index each document's body keeps at most this many distinct terms, the most telling (pruneIndex). */
  maxBodyTerms: 100,
  /** Fuzzy matching only for words at least this long (letters)... */
  fuzzyMinLength: 5,
  /** ...and only when the word is in at most this many documents (a typo is usually unknown or very rare). */
  fuzzyMaxDocuments: 2,
  /** Edit distance allowed for fuzzy words. */
  maxFuzzy: 1,
  /** Prefix matching (for the word being typed) starts at this many letters. */
  prefixMinLength: 2,
  /** Weights of prefix and fuzzy matches relative to exact ones. */
  matchWeights: { prefix: 0.5, fuzzy: 0.45 },
  /** Weight of a stopword (searched in titles only, where the index keeps them). */
  stopwordWeight: 0.4,
  /** Weight of a synonym's terms relative to the word the customer typed. */
  synonymWeight: 0.6,
  /** Exponent of minisearch's coordination factor (number of matched query terms); 1 keeps minisearch's own. */
  coordination: 0.75,
  /** A result's score grows by this times the share of its title's terms that the query matched. */
  titleCoverageWeight: 0.25,
  /** A result must score at least this share of the best result... */
  relativeFloor: 0.2,
  /** ...and the best result must match at least this share of the query's information (sum of IDF). */
  minMatchedShare: 0.1,
  /** Words in a snippet. */
  snippetWords: 28,
} as const;

/**
 * Section text kept in the index, for choosing the best section and for snippets: the characters of all sections
 * together (budgetChars) are shared out evenly, at most maxChars a section; below minChars a section keeps none.
 */
export const SECTION_TEXT = { budgetChars: 1_000_000, minChars: 160, maxChars: 1_500 } as const;

/** The options every MiniSearch instance of Rahnama is built and loaded with. */
export const MINISEARCH_OPTIONS: Options = {
  idField: 'id',
  fields: [...FIELDS],
  storeFields: [],
  tokenize: (text) => tokenise(text),
  processTerm: (term, field) => (field === 'title' ? processTitleTerm(term) : processTerm(term)),
  searchOptions: {
    boost: { ...FIELD_BOOSTS },
    bm25: { ...BM25 },
    combineWith: 'OR',
  },
};
