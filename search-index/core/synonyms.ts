/**
 * Query-time synonyms. Each group of content/synonyms/<locale>.json lists words or phrases customers use for the
 * same thing ("modem", "router", "wifi box"). At build time every phrase is analysed into its terms (so the rules
 * always match the analyser): the phrase to look for keeps its stopwords ("sign in" and "sign up" must not both
 * become "sign"), the terms it adds do not. At query time a phrase found in the query adds the terms of the
 * group's other phrases at a lower weight. Expanding the query, not the index, keeps the index small and lets writers change
 * synonyms without a rebuild of anything but the index file.
 */
import { analyseWord, tokenise } from './analyse.ts';
import type { Synonyms } from './schemas.ts';

/** A phrase of a group: its terms with stopwords (what a query must contain) and without (what it adds). */
export type CompiledPhrase = [match: string, adds: string];
/** Groups of phrases; terms are joined by one space. */
export type CompiledSynonyms = CompiledPhrase[][];

/** Longest phrase (in terms) looked for in a query. */
const MAX_PHRASE_TERMS = 4;

function compilePhrase(phrase: string): CompiledPhrase | undefined {
  const analysed = tokenise(phrase).flatMap((word) => analyseWord(word) ?? []).slice(0, MAX_PHRASE_TERMS);
  const adds = analysed.filter((word) => !word.stopword).map((word) => word.term);
  return adds.length > 0 ? [analysed.map((word) => word.term).join(' '), adds.join(' ')] : undefined;
}

/** Analyses each phrase of each group; phrases of stopwords only and groups left with one phrase are dropped. */
export function compileSynonyms(synonyms: Synonyms | undefined): CompiledSynonyms {
  const groups: CompiledSynonyms = [];
  for (const group of synonyms?.groups ?? []) {
    const phrases = new Map<string, CompiledPhrase>();
    for (const phrase of group) {
      const compiled = compilePhrase(phrase);
      if (compiled) phrases.set(compiled[0], compiled);
    }
    if (phrases.size >= 2) groups.push([...phrases.values()]);
  }
  return groups;
}

/** Phrase → the other phrases it may stand for, for quick lookup at query time. */
export type SynonymLookup = ReadonlyMap<string, readonly string[][]>;

export function synonymLookup(groups: CompiledSynonyms): SynonymLookup {
  const lookup = new Map<string, string[][]>();
  for (const group of groups) {
    for (const [match] of group) {
      const alternatives = lookup.get(match) ?? [];
      for (const [otherMatch, adds] of group) if (otherMatch !== match) alternatives.push(adds.split(' '));
      lookup.set(match, alternatives);
    }
  }
  return lookup;
}

/**
 * The synonym terms for a query's terms (stopwords included, in order): every phrase of 1 to 4 consecutive terms
 * found in a group yields the terms of the group's other phrases. A phrase is one idea, so the terms of a
 * multi-word alternative share its weight: "wifi box" adds wifi and box at 1/2 each, not "box" at full weight.
 * Returns term → share (the largest when several phrases add the same term); terms already in the query are left out.
 */
export function expandSynonyms(terms: readonly string[], lookup: SynonymLookup): Map<string, number> {
  const added = new Map<string, number>();
  if (lookup.size === 0) return added;
  const present = new Set(terms);
  for (let start = 0; start < terms.length; start++) {
    for (let length = 1; length <= MAX_PHRASE_TERMS && start + length <= terms.length; length++) {
      const alternatives = lookup.get(terms.slice(start, start + length).join(' '));
      if (!alternatives) continue;
      for (const alternative of alternatives) {
        const share = 1 / alternative.length;
        for (const term of alternative) if (!present.has(term)) added.set(term, Math.max(added.get(term) ?? 0, share));
      }
    }
  }
  return added;
}
