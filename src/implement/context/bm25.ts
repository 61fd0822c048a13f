/** Okapi BM25 over term lists: the plain content-matching baseline the other signals build on. */

export interface Bm25Index {
  readonly documentCount: number;
  readonly averageLength: number;
  readonly lengths: number[];
  readonly frequencies: Array<Map<string, number>>;
  readonly documentFrequency: Map<string, number>;
}

const K1 = 1.2;
const B = 0.75;

/** Pure: indexes each document's terms. */
export function buildBm25(documents: readonly string[][]): Bm25Index {
  const frequencies = documents.map((terms) => {
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    return counts;
  });
  const documentFrequency = new Map<string, number>();
  for (const counts of frequencies) for (const term of counts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const lengths = documents.map((terms) => terms.length);
  const total = lengths.reduce((sum, length) => sum + length, 0);
  return { documentCount: documents.length, averageLength: documents.length ? total / documents.length : 0, lengths, frequencies, documentFrequency };
}

/** Robertson–Spärck Jones IDF, floored at a small positive value so very common terms never subtract. */
export function idf(index: Pick<Bm25Index, 'documentCount' | 'documentFrequency'>, term: string): number {
  const n = index.documentFrequency.get(term) ?? 0;
  return Math.max(0.01, Math.log(1 + (index.documentCount - n + 0.5) / (n + 0.5)));
}

/** Pure: the BM25 score of every document for the (deduplicated) query terms. */
export function scoreBm25(index: Bm25Index, queryTerms: readonly string[]): number[] {
  const unique = [...new Set(queryTerms)].filter((term) => index.documentFrequency.has(term));
  const weights = unique.map((term) => idf(index, term));
  return index.frequencies.map((counts, doc) => {
    const norm = K1 * (1 - B + (B * (index.lengths[doc] ?? 0)) / (index.averageLength || 1));
    let score = 0;
    unique.forEach((term, i) => {
      const tf = counts.get(term) ?? 0;
      if (tf > 0) score += (weights[i] ?? 0) * ((tf * (K1 + 1)) / (tf + norm));
    });
    return score;
  });
}
