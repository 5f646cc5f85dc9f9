/**
 * Retrieval metrics as defined in ../shared/eval/README.md, per query; the caller averages them over a split.
 * Pure functions of the ranked ids and the graded relevance labels.
 */

/** Relevance labels of one query: document id → grade (1 relevant, 2 highly relevant). */
export type Judgements = Readonly<Record<string, number>>;

export interface QueryMetrics {
  hit1: number;
  hit3: number;
  mrr10: number;
  ndcg10: number;
  recall5: number;
}

const hitAt = (ranked: readonly string[], relevant: Judgements, k: number): number =>
  ranked.slice(0, k).some((id) => (relevant[id] ?? 0) > 0) ? 1 : 0;

const gain = (grade: number): number => 2 ** grade - 1;
const discount = (rank: number): number => Math.log2(rank + 1);

/** Hit@1, Hit@3, MRR@10, nDCG@10 and Recall@5 of one ranked list. */
export function queryMetrics(ranked: readonly string[], relevant: Judgements): QueryMetrics {
  const firstRelevant = ranked.slice(0, 10).findIndex((id) => (relevant[id] ?? 0) > 0);
  let dcg = 0;
  ranked.slice(0, 10).forEach((id, position) => {
    dcg += gain(relevant[id] ?? 0) / discount(position + 1);
  });
  const ideal = Object.values(relevant)
    .filter((grade) => grade > 0)
    .sort((a, b) => b - a)
    .slice(0, 10)
    .reduce((sum, grade, position) => sum + gain(grade) / discount(position + 1), 0);
  const relevantCount = Object.values(relevant).filter((grade) => grade > 0).length;
  const foundIn5 = ranked.slice(0, 5).filter((id) => (relevant[id] ?? 0) > 0).length;
  return {
    hit1: hitAt(ranked, relevant, 1),
    hit3: hitAt(ranked, relevant, 3),
    mrr10: firstRelevant >= 0 ? 1 / (firstRelevant + 1) : 0,
    ndcg10: ideal > 0 ? dcg / ideal : 0,
    recall5: relevantCount > 0 ? foundIn5 / relevantCount : 0,
  };
}

/** Mean of each metric over the queries. */
export function meanMetrics(all: readonly QueryMetrics[]): QueryMetrics {
  const keys = ['hit1', 'hit3', 'mrr10', 'ndcg10', 'recall5'] as const;
  const mean = { hit1: 0, hit3: 0, mrr10: 0, ndcg10: 0, recall5: 0 };
  for (const key of keys) mean[key] = all.length > 0 ? all.reduce((sum, metrics) => sum + metrics[key], 0) / all.length : 0;
  return mean;
}
