/** The search core's public entry: pure and isomorphic (no node:*, astro:* or hono imports). Re-exports only. */
export { normalise } from './normalise.ts';
export {
  analyse,
  analyseWord,
  isStopword,
  processTerm,
  processTitleTerm,
  stemWord,
  tokenise,
  wordsOf,
  type AnalysedWord,
  type Token,
} from './analyse.ts';
export { stemPersian } from './persian-stemmer.ts';
export { STOPWORDS, type StopwordSets } from './stopwords.ts';
export {
  ANALYSER_VERSION,
  BM25,
  FIELD_BOOSTS,
  FIELDS,
  MINISEARCH_OPTIONS,
  SECTION_HEADING_WEIGHT,
  SECTION_TEXT,
  SUGGEST_DEFAULTS,
  type Field,
} from './options.ts';
export {
  createSearchIndex,
  type IndexDocument,
  type IndexedDocument,
  type IndexedSection,
  type IndexSection,
  type SearchIndex,
} from './search-index.ts';
export { INDEX_FORMAT, loadSearchIndex, serialiseSearchIndex, type SerialisedSearchIndex } from './format.ts';
export { shapeQuery, suggest, type QueryTerm, type SuggestOptions } from './suggest.ts';
export { buildSnippet, escapeHtml } from './snippet.ts';
export { compileSynonyms, expandSynonyms, type CompiledSynonyms } from './synonyms.ts';
