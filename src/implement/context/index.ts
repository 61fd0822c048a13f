/** Context selection: which repository files a task is about, and the repository map for the prompt. */
export { fillBudget } from './budget.js';
export { RANKING_WEIGHTS, rankFiles, type RankedPath, type RankingMode } from './rank.js';
export { readRepoFiles, type RepoFile } from './repo-files.js';
export { buildRepoIndex, type IndexedFile, type RepoIndex } from './repo-index.js';
export { mapLine, renderRepoMap, type MapEntry } from './repo-map.js';
export {
  indexRepository,
  rankIndexedFiles,
  selectContext,
  selectFromIndex,
  type BudgetCost,
  type ContextFile,
  type SelectContextOptions,
} from './select-context.js';
export { outlineFile, type FileOutline } from './symbols.js';
