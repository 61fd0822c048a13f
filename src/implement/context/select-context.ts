/**
 * Context selection over a workspace on disk: read, index, rank, fill the budget.
 *
 * By default a selected file costs its whole content (characters / 4): the selection is what could be
 * pasted in front of a model. `cost: 'map'` counts each file's repository-map line instead (path, size,
 * top-level symbols: the text renderRepoMap prints), which is how the implement agent's prompt spends its
 * budget before the agent reads files with read_file.
 */
import { estimateTokens } from '../../core/llm/untrusted.js';
import { fillBudget } from './budget.js';
import { rankFiles, type RankingMode } from './rank.js';
import { readRepoFiles } from './repo-files.js';
import { buildRepoIndex, type RepoIndex } from './repo-index.js';
import { mapLine } from './repo-map.js';

export type BudgetCost = 'map' | 'content';

export interface ContextFile {
  path: string;
  score: number;
  /** What including this file costs in the prompt, in tokens (chars / 4): its map line, or its content. */
  tokens: number;
  /** Estimated tokens of the whole file. */
  fileTokens: number;
  /** Top-level symbols, for the repository map. */
  symbols: string[];
}

export interface SelectContextOptions {
  repoDir: string;
  query: string;
  budgetTokens: number;
  /** 'bm25' ranks by content alone: the baseline the benchmark compares against. */
  mode?: RankingMode;
  /** 'content' (default): a file costs its whole text; 'map': its repository-map line. */
  cost?: BudgetCost;
}

export async function indexRepository(repoDir: string): Promise<RepoIndex> {
  return buildRepoIndex(await readRepoFiles(repoDir));
}

/**
 * Pure over an index: every file, ranked ones first (best first), then the files that matched nothing in
 * path order, so a map built from it still shows the whole tree when the budget allows.
 */
export function rankIndexedFiles(index: RepoIndex, query: string, mode: RankingMode = 'combined', cost: BudgetCost = 'content'): ContextFile[] {
  const byPath = new Map(index.files.map((file) => [file.path, file]));
  const ranked = rankFiles(index, query, mode);
  const seen = new Set(ranked.map((entry) => entry.path));
  const toContext = (path: string, score: number): ContextFile => {
    const file = byPath.get(path);
    const entry = { path, fileTokens: file?.tokens ?? 0, symbols: file?.outline.symbols ?? [] };
    return { ...entry, score, tokens: cost === 'map' ? estimateTokens(`${mapLine(entry)}\n`) : entry.fileTokens };
  };
  return [
    ...ranked.map((entry) => toContext(entry.path, entry.score)),
    ...index.files.filter((file) => !seen.has(file.path)).map((file) => toContext(file.path, 0)),
  ];
}

/** Pure over an index: the files that match the task and fit the budget together, best first. */
export function selectFromIndex(
  index: RepoIndex,
  query: string,
  budgetTokens: number,
  mode: RankingMode = 'combined',
  cost: BudgetCost = 'content',
): ContextFile[] {
  return fillBudget(
    rankIndexedFiles(index, query, mode, cost).filter((file) => file.score > 0),
    budgetTokens,
  );
}

/** The files to put in front of the model for `query`, within `budgetTokens`. */
export async function selectContext(options: SelectContextOptions): Promise<ContextFile[]> {
  const index = await indexRepository(options.repoDir);
  return selectFromIndex(index, options.query, options.budgetTokens, options.mode, options.cost);
}
