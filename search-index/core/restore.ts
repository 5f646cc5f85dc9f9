/**
 * Rebuilds a MiniSearch instance from decoded postings, fast.
 *
 * minisearch's public loader (MiniSearch.loadJS) takes postings as objects with numeric keys and converts each to a
 * Map; at 10k articles building those objects and converting them took 1.7 s of a 1.9 s load (DESIGN.md). Here the
 * postings are decoded straight into Maps and set into the instance's term map, which is what loadJS itself does
 * (minisearch 7.2, src/MiniSearch.ts, loadJS: `miniSearch._index.set(term, dataMap)`). That map is not public API,
 * so the fast path is taken only when it looks exactly as expected; otherwise the public loadJS path is used, which
 * gives the same index, more slowly. The round-trip test compares built and loaded indexes on every run.
 */
import MiniSearch, { type AsPlainObject } from 'minisearch';
import { MINISEARCH_OPTIONS } from './options.ts';

/** Field id → (document id → term frequency). */
export type TermPostings = Map<number, Map<number, number>>;

interface TermMap {
  set(term: string, postings: TermPostings): unknown;
  size: number;
}

function termMapOf(miniSearch: MiniSearch): TermMap | undefined {
  const candidate = (miniSearch as unknown as { _index?: Partial<TermMap> })._index;
  return candidate && typeof candidate.set === 'function' && candidate.size === 0 ? (candidate as TermMap) : undefined;
}

/**
 * A MiniSearch instance with the given metadata (its `index` empty) and postings. `publicOnly` forces the slower
 * public path (tests compare the two).
 */
export function restoreMiniSearch(
  metadata: AsPlainObject,
  postings: readonly [term: string, fields: TermPostings][],
  publicOnly = false,
): MiniSearch {
  const miniSearch = MiniSearch.loadJS({ ...metadata, index: [] }, MINISEARCH_OPTIONS);
  const termMap = publicOnly ? undefined : termMapOf(miniSearch);
  if (termMap) {
    for (const [term, fields] of postings) termMap.set(term, fields);
    return miniSearch;
  }
  const index: AsPlainObject['index'] = postings.map(([term, fields]) => [
    term,
    Object.fromEntries([...fields].map(([fieldId, documents]) => [fieldId, Object.fromEntries(documents)])),
  ]);
  return MiniSearch.loadJS({ ...metadata, index }, MINISEARCH_OPTIONS);
}
