/**
 * Everything before the model: which files to review, their diffs, the context, and the chunks within the
 * budget — with surrounding code read from the head (through the API) where room is left.
 */
import type { GitHub } from '../core/github.js';
import { sanitizeUntrusted } from '../core/llm/index.js';
import { formatRepository, type RepoRef } from '../core/repo.js';
import { addSurroundings, planBudget, type BudgetFile, type BudgetPlan } from './budget.js';
import { indexFileDiff, parsePatch, type FileDiffIndex } from './diff.js';
import { reviewReplySchema } from './finding-schema.js';
import { requestTokens, type ModelPassRequest } from './model-pass.js';
import type { ReviewerProfile } from './profile.js';
import { buildSystemPrompt, type ReviewContext } from './prompt.js';
import { readFileText, readLinkedIssue, type ReviewPullRequest } from './pull-request.js';
import { selectFiles, type FileSelection } from './pull-files.js';
import type { ReviewSettings } from './settings.js';
import { renderSurroundings } from './surroundings.js';

const MAX_DESCRIPTION = 6000;
const MAX_ISSUE_TEXT = 4000;
/** Tokens for the problems list and instructions of a repair round, on top of the model's own reply. */
const REPAIR_OVERHEAD_TOKENS = 700;

export interface ReviewPlan {
  selection: FileSelection;
  diffs: Map<string, FileDiffIndex>;
  budget: BudgetPlan;
  request: ModelPassRequest;
  /** Files GitHub did not list (it lists at most 3,000). */
  unlisted: number;
  linkedIssue: number | undefined;
}

function cap(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}\n[… shortened]`;
}

/** Pure: room kept free in each call for the repair round structured output may need. */
export function repairReserve(settings: Pick<ReviewSettings, 'maxOutputTokensPerCall' | 'maxInputTokensPerCall'>): number {
  return Math.min(settings.maxOutputTokensPerCall + REPAIR_OVERHEAD_TOKENS, Math.floor(settings.maxInputTokensPerCall / 4));
}

export interface PlanInput {
  gh: GitHub;
  repo: RepoRef;
  profile: ReviewerProfile;
  settings: ReviewSettings;
  pr: ReviewPullRequest;
  log: (message: string) => void;
  /** Findings a deterministic pass already reported, for the model's context. */
  scannerContext?: string | undefined;
}

export async function planReview(input: PlanInput): Promise<ReviewPlan> {
  const { gh, repo, profile, settings, pr } = input;
  const selection = selectFiles(pr.files, settings.skipGlobs, settings.inputSkipGlobs);
  const diffs = new Map<string, FileDiffIndex>();
  const files: BudgetFile[] = [];
  const withoutPatch: string[] = [];
  for (const file of selection.reviewable) {
    if (file.patch === undefined) {
      withoutPatch.push(file.filename);
      continue;
    }
    const hunks = parsePatch(file.patch);
    diffs.set(file.filename, indexFileDiff(file.filename, hunks));
    files.push({ path: file.filename, status: file.status, hunks });
  }

  const linked = await readLinkedIssue(gh, repo, pr.body);
  const context: ReviewContext = {
    description: cap(sanitizeUntrusted(`${pr.title}\n\n${pr.body}`.trim()), MAX_DESCRIPTION),
    ...(linked ? { linkedIssue: { number: linked.number, text: cap(sanitizeUntrusted(`${linked.title}\n\n${linked.body}`.trim()), MAX_ISSUE_TEXT) } } : {}),
    ...(input.scannerContext ? { scanner: cap(sanitizeUntrusted(input.scannerContext), MAX_DESCRIPTION) } : {}),
  };
  const request: ModelPassRequest = {
    system: buildSystemPrompt(profile.systemPrompt),
    schema: reviewReplySchema(profile.findingSchema),
    maxOutputTokens: settings.maxOutputTokensPerCall,
    temperature: profile.temperature,
  };
  const budgetRequest = {
    repository: formatRepository(repo),
    pullNumber: pr.number,
    files,
    withoutPatch,
    context,
    maxCalls: settings.maxReviewCalls,
    maxInputTokens: settings.maxInputTokensPerCall,
    reserveTokens: repairReserve(settings),
    tokensFor: (message: string) => requestTokens(request, message),
  };
  const budget = planBudget(budgetRequest);
  budget.chunks = await withSurroundings(input, budget, budgetRequest, files);
  // Nothing the reviewer masks (ciso-review: secrets) reaches the model; masking only shortens, so the budget holds.
  const redact = profile.redact;
  if (redact) budget.chunks = budget.chunks.map((chunk) => ({ ...chunk, message: redact(chunk.message) }));
  return { selection, diffs, budget, request, unlisted: Math.max(0, pr.changedFiles - pr.files.length), linkedIssue: linked?.number };
}

/** Reads the head version of files in chunks that still have room, up to `contextFiles` files in all. */
async function withSurroundings(
  input: PlanInput,
  budget: BudgetPlan,
  request: Parameters<typeof addSurroundings>[0],
  files: readonly BudgetFile[],
): Promise<BudgetPlan['chunks']> {
  const { settings } = input;
  if (settings.contextFiles === 0 || settings.contextRadius === 0) return budget.chunks;
  const hunksOf = new Map(files.map((file) => [file.path, file.hunks]));
  let remainingReads = settings.contextFiles;
  const chunks = [];
  for (const chunk of budget.chunks) {
    // Each file's surroundings cost at least a few hundred tokens; a nearly full chunk is not worth the reads.
    const room = budget.tokensPerChunk - chunk.estimatedTokens;
    const candidates = chunk.files.filter((path) => chunk.pieces.filter((piece) => piece.path === path).every((piece) => piece.parts === 1));
    const wanted = room < 300 ? [] : candidates.slice(0, Math.max(0, remainingReads));
    remainingReads -= wanted.length;
    const surroundings = new Map<string, string>();
    for (const path of wanted) {
      const text = await readFileText(input.gh, input.repo, path, input.pr.headSha);
      if (text === undefined) continue;
      const rendered = renderSurroundings(path, text, hunksOf.get(path) ?? [], settings.contextRadius);
      if (rendered) surroundings.set(path, rendered);
    }
    chunks.push(surroundings.size > 0 ? addSurroundings(request, budget, chunk, surroundings) : chunk);
  }
  if (remainingReads < settings.contextFiles) input.log(`Read ${settings.contextFiles - remainingReads} file(s) for surrounding code.`);
  return chunks;
}
