/**
 * Query-time synonyms. Each group of content/synonyms/<locale>.json lists words or phrases customers use for the
 * same thing ("modem", "router", "wifi box"). At build time every phrase is analysed into its index terms (so the
 * rules always match the analyser); at query time a phrase found in the query adds the terms of the group's other
 * phrases at a lower weight. Expanding the query, not the index, keeps the index small and lets writers change
 * synonyms without a rebuild of anything but the index file.
 */
import { analyse } from './analyse.ts';
import type { Synonyms } from './schemas.ts';

/** Groups of phrases, each phrase as its index terms joined by one space. */
export type CompiledSynonyms = string[][];

/** Longest phrase (in terms) looked for in a query. */
const MAX_PHRASE_TERMS = 4;

/** Analyses each phrase of each group; phrases made only of stopwords and groups left with one phrase are dropped. */
export function compileSynonyms(synonyms: Synonyms | undefined): CompiledSynonyms {
  const groups: CompiledSynonyms = [];
  for (const group of synonyms?.groups ?? []) {
    const phrases = [...new Set(group.map((phrase) => analyse(phrase).slice(0, MAX_PHRASE_TERMS).join(' ')))].filter(Boolean);
    if (phrases.length >= 2) groups.push(phrases);
  }
  return groups;
}

/** Phrase → the other phrases it may stand for, for quick lookup at query time. */
export type SynonymLookup = ReadonlyMap<string, readonly string[][]>;

export function synonymLookup(groups: CompiledSynonyms): SynonymLookup {
  const lookup = new Map<string, string[][]>();
  for (const group of groups) {
    for (const phrase of group) {
      const alternatives = lookup.get(phrase) ?? [];
      for (const other of group) if (other !== phrase) alternatives.push(other.split(' '));
      lookup.set(phrase, alternatives);
    }
  }
  return lookup;
}

/**
 * The synonym terms for a query's terms: every phrase of 1 to 4 consecutive query terms found in a group yields the
 * terms of the group's other phrases. Terms already in the query are not repeated.
 */
export function expandSynonyms(terms: readonly string[], lookup: SynonymLookup): string[] {
  if (lookup.size === 0) return [];
  const present = new Set(terms);
  const added = new Set<string>();
  for (let start = 0; start < terms.length; start++) {
    for (let length = 1; length <= MAX_PHRASE_TERMS && start + length <= terms.length; length++) {
      const alternatives = lookup.get(terms.slice(start, start + length).join(' '));
      if (!alternatives) continue;
      for (const alternative of alternatives) {
        for (const term of alternative) if (!present.has(term)) added.add(term);
      }
    }
  }
  return [...added];
}
