/**
 * suggest(): problem description in, at most `limit` suggestions out, one per article (at its best section) or
 * video (at its best passage). The ranking rules in prose are in DESIGN.md; the tunables in options.ts.
 *
 * 1. Shape the query: analyse (stopwords out, stems), count each term's document frequency, drop terms in more
 *    than maxDocumentRatio of a large index, keep the coreQueryTerms rarest and, up to maxQueryTerms, the next ones
 *    that are still rare (in at most extraTermMaxRatio of the documents); prefix-match only the word still being
 *    typed, fuzzy-match only long words that are unknown or nearly so; add the stopwords back at a low weight
 *    (they only match titles) and synonym terms at a lower weight.
 * 2. Score documents with minisearch (BM25 per field with FIELD_BOOSTS, OR of the terms), then reward
 *    documents whose title the query covers (rewardTitleCoverage).
 * 3. Apply the relevance floor; for each suggested document choose its best section (bestSection); build the
 *    snippet (from that section when it holds a matched word, else from the description) and the URL.
 */
import type { SearchResult } from 'minisearch';
import { analyseWord, wordsOf } from './analyse.ts';
import { normalise } from './normalise.ts';
import { BM25, FIELD_BOOSTS, SECTION_HEADING_WEIGHT, SUGGEST_DEFAULTS } from './options.ts';
import { inverseDocumentFrequency, type IndexedDocument, type SearchIndex } from './search-index.ts';
import { buildSnippet } from './snippet.ts';
import { expandSynonyms } from './synonyms.ts';
import type { Suggestion } from './types.ts';
import { articleUrl, videoUrl } from './urls.ts';

export interface SuggestOptions {
  /** How many suggestions at most; default SUGGEST_DEFAULTS.limit, never more than SUGGEST_DEFAULTS.maxLimit. */
  limit?: number;
}

/** One term of a shaped query. */
export interface QueryTerm {
  term: string;
  /** Multiplies the term's score (synonyms weigh less). */
  weight: number;
  prefix: boolean;
  fuzzy: boolean;
  /** Inverse document frequency: how much finding this term tells. */
  information: number;
  /** True for terms the customer typed, false for synonym terms. */
  typed: boolean;
  /** Stopwords are searched in titles only, at a low weight, and do not count towards the relevance floor. */
  stopword: boolean;
}

/** A text ends mid-word when its last character is a letter or digit: that word is still being typed. */
const ENDS_IN_WORD = /[\p{L}\p{N}\p{M}]$/u;

/** Turns a description into the terms worth searching; see the rules at the top of this file. */
export function shapeQuery(index: SearchIndex, text: string): QueryTerm[] {
  const defaults = SUGGEST_DEFAULTS;
  const documents = index.docs.length;
  const words = wordsOf(normalise(text));
  const typing = ENDS_IN_WORD.test(text);
  const typed: string[] = [];
  const candidates = new Map<string, QueryTerm>();
  words.forEach((word, position) => {
    const analysed = analyseWord(word.word);
    if (!analysed) return;
    const { term, stopword } = analysed;
    typed.push(term);
    const isTyping = !stopword && typing && position === words.length - 1 && term.length >= defaults.prefixMinLength;
    const frequency = index.documentFrequency.get(term) ?? 0;
    const existing = candidates.get(term);
    if (existing) {
      existing.prefix ||= isTyping;
      return;
    }
    candidates.set(term, {
      term,
      weight: stopword ? defaults.stopwordWeight : 1,
      prefix: isTyping,
      fuzzy: !stopword && !isTyping && term.length >= defaults.fuzzyMinLength && frequency <= defaults.fuzzyMaxDocuments,
      information: inverseDocumentFrequency(documents, frequency),
      typed: !stopword,
      stopword,
    });
  });

  let terms = [...candidates.values()].filter((term) => term.prefix || term.fuzzy || index.documentFrequency.has(term.term));
  if (documents >= defaults.ratioMinDocuments) {
    const informative = terms.filter(
      (term) => term.prefix || (index.documentFrequency.get(term.term) ?? 0) / documents <= defaults.maxDocumentRatio,
    );
    terms = informative.length > 0 ? informative : terms.sort((a, b) => b.information - a.information).slice(0, 1);
  }
  const stopwords = terms.filter((term) => term.stopword);
  terms = terms.filter((term) => !term.stopword);
  terms.sort((a, b) => b.information - a.information || Number(b.prefix) - Number(a.prefix));
  const typingTerm = terms.find((term) => term.prefix);
  terms = terms
    .filter(
      (term, position) =>
        position < defaults.coreQueryTerms || (index.documentFrequency.get(term.term) ?? 0) <= defaults.extraTermMaxRatio * documents,
    )
    .slice(0, defaults.maxQueryTerms);
  if (typingTerm && !terms.includes(typingTerm)) terms[terms.length - 1] = typingTerm;
  terms.push(...stopwords);

  const chosen = new Set(terms.map((term) => term.term));
  for (const [synonym, share] of expandSynonyms(typed, index.synonymLookup)) {
    const frequency = index.documentFrequency.get(synonym);
    if (frequency === undefined || chosen.has(synonym)) continue;
    chosen.add(synonym);
    terms.push({
      term: synonym,
      weight: defaults.synonymWeight * share,
      prefix: false,
      fuzzy: false,
      information: inverseDocumentFrequency(documents, frequency),
      typed: false,
      stopword: false,
    });
  }
  return terms;
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return SUGGEST_DEFAULTS.limit;
  return Math.min(SUGGEST_DEFAULTS.maxLimit, Math.max(1, Math.floor(limit)));
}

/**
 * Share of the typed terms' information (sum of IDF) that a result matched; synonym matches count at their weight.
 * Typed words the index does not know count too, at full rarity: a description made mostly of words the help
 * center never uses is probably about something it does not cover. (Leaving them out was measured: it let more
 * weak results through and lowered Hit@3 on the dev splits, DESIGN.md.)
 */
function matchedShare(result: SearchResult, terms: readonly QueryTerm[], byTerm: ReadonlyMap<string, QueryTerm>): number {
  let total = 0;
  for (const term of terms) if (term.typed) total += term.information;
  if (total === 0) return 0;
  let matched = 0;
  for (const queryTerm of result.queryTerms) {
    const term = byTerm.get(queryTerm);
    if (term) matched += term.information * term.weight;
  }
  return Math.min(1, matched / total);
}

/**
 * The document's section that holds the most of the matched terms, each weighted by its rarity and its query
 * weight (a synonym or a prefix/fuzzy match counts less than a typed word) and counted SECTION_HEADING_WEIGHT times
 * in the heading and once in the text; the first section on a tie, so a document matched by its title or keywords
 * alone opens at its top.
 */
function bestSection(
  index: SearchIndex,
  doc: IndexedDocument,
  matched: ReadonlySet<string>,
  byTerm: ReadonlyMap<string, QueryTerm>,
): number {
  let best = doc.firstSection;
  let bestScore = 0;
  const documents = index.docs.length;
  for (let position = doc.firstSection; position < doc.firstSection + doc.sectionCount; position++) {
    const { heading, text } = index.sectionTerms(position);
    let score = 0;
    for (const term of matched) {
      const weight = (heading.has(term) ? SECTION_HEADING_WEIGHT : 0) + (text.has(term) ? 1 : 0);
      if (weight === 0) continue;
      const queryWeight = byTerm.get(term)?.weight ?? SUGGEST_DEFAULTS.matchWeights.prefix;
      score += weight * queryWeight * inverseDocumentFrequency(documents, index.documentFrequency.get(term) ?? 0);
    }
    if (score > bestScore) {
      bestScore = score;
      best = position;
    }
  }
  return best;
}

/**
 * minisearch multiplies each result's summed score by the number of query terms it matched (a coordination factor:
 * matching three words of a description beats matching one very well). Multiplying by n^(coordination - 1) turns
 * that factor into n^coordination: below 1, one rare word matched in a title can still beat three common words
 * matched in a long body (measured on dev: 0.75, DESIGN.md).
 */
function softenCoordination(results: SearchResult[]): void {
  const exponent: number = SUGGEST_DEFAULTS.coordination;
  if (exponent === 1) return;
  for (const result of results) result.score *= Math.max(1, result.queryTerms.length) ** (exponent - 1);
}

/**
 * Multiplies each result's score by 1 + titleCoverageWeight × (share of the title's terms the query matched) and
 * re-sorts. A description that says most of what a title says is asking that question: among near-identical
 * questions it prefers the one without extra words ("افزایش خون" over "افزایش فشار خون").
 */
function rewardTitleCoverage(index: SearchIndex, results: SearchResult[]): void {
  const weight: number = SUGGEST_DEFAULTS.titleCoverageWeight;
  if (weight === 0) return;
  for (const result of results) {
    const titleTerms = index.titleTerms(result.id as number);
    if (titleTerms.size === 0) continue;
    let covered = 0;
    for (const term of result.terms) if (titleTerms.has(term)) covered += 1;
    result.score *= 1 + (weight * covered) / titleTerms.size;
  }
  results.sort((a, b) => b.score - a.score);
}

/** Suggestions for a problem description: see the rules at the top of this file. Never throws on any string. */
export function suggest(index: SearchIndex, text: string, options: SuggestOptions = {}): Suggestion[] {
  if (typeof text !== 'string') return [];
  const limit = clampLimit(options.limit);
  const terms = shapeQuery(index, text);
  if (terms.length === 0) return [];
  const defaults = SUGGEST_DEFAULTS;
  const results = index.miniSearch.search(terms.map((term) => term.term).join(' '), {
    tokenize: (query) => query.split(' '),
    processTerm: (term) => term,
    boostTerm: (_term, position) => terms[position]!.weight,
    prefix: (_term, position) => terms[position]!.prefix,
    fuzzy: (_term, position) => (terms[position]!.fuzzy ? defaults.maxFuzzy : false),
    maxFuzzy: defaults.maxFuzzy,
    weights: { ...defaults.matchWeights },
    boost: { ...FIELD_BOOSTS },
    bm25: { ...BM25 },
    combineWith: 'OR',
  });
  if (results.length === 0) return [];
  softenCoordination(results);
  rewardTitleCoverage(index, results);

  const byTerm = new Map(terms.map((term) => [term.term, term]));
  // The relative floor compares scores with minisearch's full coordination factor (see softenCoordination): a
  // result that matched one word of three stays under the floor as before, wherever the softer factor ranks it.
  const floorScore = (result: SearchResult): number => result.score * Math.max(1, result.queryTerms.length) ** (1 - defaults.coordination);
  let topScore = 0;
  for (const result of results) topScore = Math.max(topScore, floorScore(result));
  const suggestions: Suggestion[] = [];
  for (const result of results) {
    if (suggestions.length >= limit) break;
    if (floorScore(result) < defaults.relativeFloor * topScore) continue;
    if (matchedShare(result, terms, byTerm) < defaults.minMatchedShare) continue;
    const doc = index.docs[result.id as number]!;
    const matched = new Set(result.terms);
    const position = bestSection(index, doc, matched, byTerm);
    const section = index.sections[position]!;
    const sectionHasMatch = [...index.sectionTerms(position).text].some((term) => matched.has(term));
    const snippetSource = sectionHasMatch || !doc.description ? section.text : doc.description;
    suggestions.push({
      id: `${index.locale}/${doc.slug}`,
      kind: doc.kind,
      title: doc.title,
      url: doc.kind === 'video' ? videoUrl(index.locale, doc.slug, section.start) : articleUrl(index.locale, doc.slug, section.anchor || undefined),
      snippet: buildSnippet(snippetSource, matched, defaults.snippetWords),
      category: doc.kind === 'video' ? 'videos' : doc.category,
      score: Math.round(result.score * 1000) / 1000,
      ...(section.heading ? { section: section.heading } : {}),
      ...(doc.kind === 'video' && section.start !== undefined ? { start: section.start } : {}),
    });
  }
  return suggestions;
}
