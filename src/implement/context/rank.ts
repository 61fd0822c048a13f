/**
 * Ranks a repository's files for a task description. BM25 over contents finds files that talk about the
 * task; what a file declares (symbols), what it is called (path), what it imports and which test covers it
 * find the files a fix actually touches, which often mention the task's words only once.
 */
import { idf, scoreBm25 } from './bm25.js';
import { ROLE_WEIGHTS } from './file-role.js';
import { neighbours } from './import-graph.js';
import type { RepoIndex } from './repo-index.js';
import { traceTargets } from './stack-trace.js';
import { identifiersIn, terms } from './tokenize.js';

export interface RankedPath {
  path: string;
  score: number;
}

export type RankingMode = 'combined' | 'bm25';

/** Weights of the signals, each normalised to [0, 1] over the repository before it is weighed. */
export const RANKING_WEIGHTS = {
  content: 1,
  symbols: 0.7,
  path: 0.6,
  /** Share of a strong hit's score passed to files it imports or that import it. */
  importNeighbour: 0.3,
  /** Share passed between a test and its source file. */
  testLink: 0.4,
  /** How many of the best files pass score along the import graph. */
  strongHits: 8,
} as const;

function normalised(values: number[]): number[] {
  const max = Math.max(0, ...values);
  return max > 0 ? values.map((value) => value / max) : values.map(() => 0);
}

function rarity(frequency: Map<string, number>, documentCount: number, term: string): number {
  return idf({ documentCount, documentFrequency: frequency }, term);
}

function symbolScores(index: RepoIndex, queryTerms: string[], identifiers: Set<string>): number[] {
  const count = index.files.length;
  return index.files.map((file) => {
    let score = 0;
    for (const term of queryTerms) {
      if (file.symbolTerms.has(term)) score += rarity(index.symbolFrequency, count, term);
      else if (file.memberTerms.has(term)) score += 0.5 * rarity(index.memberFrequency, count, term);
    }
    // A task that names `parseHeaders` is about the file that declares it, more than any other evidence.
    for (const identifier of identifiers) if (file.symbolNames.has(identifier)) score += 2 * Math.log(1 + count);
    return score;
  });
}

function pathScores(index: RepoIndex, queryTerms: string[]): number[] {
  const count = index.files.length;
  return index.files.map((file) => {
    let score = 0;
    for (const term of queryTerms) {
      const weight = rarity(index.pathFrequency, count, term);
      if (file.fileTerms.has(term)) score += weight;
      else if (file.directoryTerms.has(term)) score += 0.4 * weight;
    }
    // Matching most of a file's name (headers.ts for "header") says more than one word of a long one.
    return file.fileTerms.size > 0 ? score * (0.5 + 0.5 * (countMatches(file.fileTerms, queryTerms) / file.fileTerms.size)) : score;
  });
}

function countMatches(set: Set<string>, queryTerms: string[]): number {
  return new Set(queryTerms.filter((term) => set.has(term))).size;
}

/** Pure: every file with a positive score, best first (ties by path, so the order is stable). */
export function rankFiles(index: RepoIndex, query: string, mode: RankingMode = 'combined'): RankedPath[] {
  const queryTerms = [...new Set(terms(query))];
  const content = normalised(scoreBm25(index.content, queryTerms));
  let scores = content;
  if (mode === 'combined') {
    const symbols = normalised(symbolScores(index, queryTerms, identifiersIn(query)));
    const paths = normalised(pathScores(index, queryTerms));
    const base = index.files.map(
      (_, i) => RANKING_WEIGHTS.content * (content[i] ?? 0) + RANKING_WEIGHTS.symbols * (symbols[i] ?? 0) + RANKING_WEIGHTS.path * (paths[i] ?? 0),
    );
    scores = withTrace(
      index,
      query,
      spread(index, base).map((score, i) => score * ROLE_WEIGHTS[index.files[i]?.role ?? 'other']),
    );
  }
  return index.files
    .map((file, i) => ({ path: file.path, score: scores[i] ?? 0 }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
}

/** Passes part of the strongest files' scores to their import neighbours and to their tests or sources. */
function spread(index: RepoIndex, base: number[]): number[] {
  const position = new Map(index.files.map((file, i) => [file.path, i]));
  const result = [...base];
  const strong = base
    .map((score, i) => ({ score, i }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, RANKING_WEIGHTS.strongHits);
  const importBoost = new Map<number, number>();
  for (const { score, i } of strong) {
    const path = index.files[i]?.path ?? '';
    for (const neighbour of neighbours(index.graph, path)) {
      const j = position.get(neighbour);
      if (j === undefined) continue;
      // Hubs (an index.ts everything imports) are everyone's neighbour and nobody's fix.
      const degree = neighbours(index.graph, neighbour).size;
      const boost = (RANKING_WEIGHTS.importNeighbour * score) / Math.log2(2 + degree);
      importBoost.set(j, Math.max(importBoost.get(j) ?? 0, boost));
    }
  }
  for (const [j, boost] of importBoost) result[j] = (result[j] ?? 0) + boost;
  for (const [i, file] of index.files.entries()) {
    let best = 0;
    for (const partner of index.testLinks.get(file.path) ?? []) {
      const j = position.get(partner);
      if (j !== undefined) best = Math.max(best, base[j] ?? 0);
    }
    result[i] = (result[i] ?? 0) + RANKING_WEIGHTS.testLink * best;
  }
  return result;
}

/**
 * A stack trace in the task names where the error happened: its in-repository frames go first, innermost
 * first, above every other signal; the rest of the ranking follows them unchanged.
 */
function withTrace(index: RepoIndex, query: string, scores: number[]): number[] {
  const targets = traceTargets(
    query,
    index.files.map((file) => file.path),
  );
  if (targets.length === 0) return scores;
  const top = Math.max(0, ...scores) || 1;
  const position = new Map(index.files.map((file, i) => [file.path, i]));
  const result = [...scores];
  targets.forEach((path, rank) => {
    const i = position.get(path);
    if (i !== undefined) result[i] = top * (2 + (targets.length - rank) / targets.length) + (result[i] ?? 0);
  });
  return result;
}
