/**
 * The engine's public types: what a reviewer action passes in and gets back. See src/review/index.ts for
 * how cto-review and ciso-review use them.
 */
import type { ReviewRunRef } from '../core/contracts.js';
import type { GitHub } from '../core/github.js';
import type { BotIdentity } from '../core/identity.js';
import type { LabelNames } from '../core/labels.js';
import type { ModelClient, RunUsage } from '../core/llm/index.js';
import type { RepoRef } from '../core/repo.js';
import type { Finding } from './finding-schema.js';
import type { ReviewedFinding } from './findings.js';
import type { ReviewPullRequest } from './pull-request.js';
import type { StoredFinding } from './review-state.js';

/** The adapters and run facts the engine works with; built once by the action (`prepareReviewEnvironment`). */
export interface ReviewEnvironment {
  gh: GitHub;
  repo: RepoRef;
  serverUrl: string;
  runUrl?: string | undefined;
  /** The workflow run writing the check (its id and attempt), stored in the check's `external_id` for auto-merge. */
  runRef?: ReviewRunRef | undefined;
  bot: BotIdentity;
  labels: LabelNames;
  /** Builds the model client; called only when a model pass actually runs. */
  model: () => ModelClient;
  /** Provider and model, for the summary and the settings key (a new model reviews the head again). */
  modelName: string;
  /**
   * Set when no model pass can run (e.g. ciso-review without a model key runs its scanners only): the
   * review then posts the deterministic findings, is incomplete (neutral check unless blocking) and says why.
   */
  modelSkipReason?: string | undefined;
  /**
   * Seals the record of the model's answer on the check run (recorded-pass.ts), so a rerun after a failed write
   * finishes without calling the model; derived from the model key. Without it nothing is recorded.
   */
  recordKey?: Buffer | undefined;
  dryRun: boolean;
  log: (message: string) => void;
  /** The clock the review caps count with; the wall clock when absent. */
  now?: () => number;
}

/** What a deterministic pass (ciso-review's scanners) adds to a review. */
export interface DeterministicPass {
  /** Placed, fingerprinted and posted exactly like the model's findings (`origin: 'deterministic'`). */
  findings: Finding[];
  /** Packages the PR adds or changes; recorded in the review-check marker for auto-merge. */
  newDependencies?: string[] | undefined;
  /** Lines for the summary's notes (e.g. a registry that could not be reached). */
  notes?: string[] | undefined;
  /** False when the pass could not check everything it should have: the review is then incomplete. */
  complete?: boolean | undefined;
  /** Told to the model with the diff (fenced as data), so it does not repeat these findings. */
  promptContext?: string | undefined;
}

export interface ReviewHooks {
  /**
   * Runs after the PR and its files are read and before the model pass is planned (so the profile's redaction
   * it sets up applies to what the model is sent); its findings are injected before anything is posted. Gets
   * the PR as data (files with patches); it must not run PR code. Its findings stay in the review when the
   * model pass fails: the review is then incomplete, not dropped.
   */
  deterministic?: (pr: ReviewPullRequest) => Promise<DeterministicPass> | DeterministicPass;
}

export type ReviewConclusion = 'success' | 'neutral' | 'failure';

/** Figures of the model pass, for the job summary and the benchmark. */
export interface ReviewFigures {
  reviewableFiles: number;
  coveredFiles: number;
  skippedFiles: number;
  leftOutFiles: number;
  chunks: number;
  /** Estimated input tokens of each chunk's first call (the model layer's estimate). */
  chunkTokens: number[];
  tokensPerChunk: number;
}

export interface ReviewOutcome {
  /** The step's result: failure when blocking or failed, neutral when skipped or incomplete. */
  conclusion: ReviewConclusion;
  /** One line for the step log. */
  message: string;
  /** Job summary (Markdown). */
  summary: string;
  pullNumber?: number | undefined;
  headSha?: string | undefined;
  /** Whether this head was reviewed by this run (false: skipped, refused, failed, or reviewed before). */
  reviewed: boolean;
  shouldBlock: boolean;
  complete: boolean;
  /** This run's findings (empty when it did not review); for SARIF and outputs. */
  findings: ReviewedFinding[];
  /** The findings open at the head as recorded in the state marker (also set when the head was reviewed before). */
  openFindings: StoredFinding[];
  issuesCreated: number;
  reviewId: number | null;
  checkRunId: number | null;
  usage?: RunUsage | undefined;
  figures?: ReviewFigures | undefined;
  newDependencies: string[];
}
