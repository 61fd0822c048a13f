/** Context selection over a workspace on disk: read, index, rank, fill the budget. */
import { fillBudget } from './budget.js';
import { rankFiles, type RankingMode } from './rank.js';
import { readRepoFiles } from './repo-files.js';
import { buildRepoIndex, type RepoIndex } from './repo-index.js';

export interface ContextFile {
  path: string;
  score: number;
  /** Estimated tokens of the whole file (chars / 4). */
  tokens: number;
  /** Top-level symbols, for the repository map. */
  symbols: string[];
}

export interface SelectContextOptions {
  repoDir: string;
  query: string;
  budgetTokens: number;
  /** 'bm25' ranks by content alone: the baseline the benchmark compares against. */
  mode?: RankingMode;
}

export async function indexRepository(repoDir: string): Promise<RepoIndex> {
  return buildRepoIndex(await readRepoFiles(repoDir));
}

/**
 * Pure over an index: every file, ranked ones first (best first), then the files that matched nothing in
 * path order, so a map built from it still shows the whole tree when the budget allows.
 */
export function rankIndexedFiles(index: RepoIndex, query: string, mode: RankingMode = 'combined'): ContextFile[] {
  const byPath = new Map(index.files.map((file) => [file.path, file]));
  const ranked = rankFiles(index, query, mode);
  const seen = new Set(ranked.map((entry) => entry.path));
  const toContext = (path: string, score: number): ContextFile => {
    const file = byPath.get(path);
    return { path, score, tokens: file?.tokens ?? 0, symbols: file?.outline.symbols ?? [] };
  };
  return [
    ...ranked.map((entry) => toContext(entry.path, entry.score)),
    ...index.files.filter((file) => !seen.has(file.path)).map((file) => toContext(file.path, 0)),
  ];
}

/** Pure over an index: the files that match the task and fit the budget together, best first. */
export function selectFromIndex(index: RepoIndex, query: string, budgetTokens: number, mode: RankingMode = 'combined'): ContextFile[] {
  return fillBudget(
    rankIndexedFiles(index, query, mode).filter((file) => file.score > 0),
    budgetTokens,
  );
}

/** The files to put in front of the model for `query`, within `budgetTokens` (file contents at chars / 4). */
export async function selectContext(options: SelectContextOptions): Promise<ContextFile[]> {
  const index = await indexRepository(options.repoDir);
  return selectFromIndex(index, options.query, options.budgetTokens, options.mode);
}
