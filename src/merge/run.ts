/**
 * The auto-merge action: find the pull requests the event is about, evaluate every gate for each, merge the
 * ones where all hold with the evaluated head sha, and report. Waiting is never a failure: the step ends
 * neutral with the reason, and the next review, check or push event evaluates again.
 */
import { ConfigurationError } from '../core/errors.js';
import type { GitHub } from '../core/github.js';
import { resolveBotIdentity, type BotIdentity } from '../core/identity.js';
import { outcome, type ActionOutcome } from '../core/outcome.js';
import type { LabelNames } from '../core/labels.js';
import type { Logger } from '../core/logger.js';
import { formatRepository } from '../core/repo.js';
import type { RunContext } from '../core/runtime.js';
import { code, listOf, shortSha } from './display.js';
import type { GateSettings } from './gate.js';
import { runForPull, type PullResult, type PullRunContext } from './pull-run.js';
import { AGENT_CHECK_PREFIX, type MergeSettings } from './settings.js';
import { pullsForCommit, targetsFor } from './targets.js';
import { gitHubStatus } from '../core/github-errors.js';

/** What this run is asked to do: the settings (policy tightened by the inputs) and the run parameters. */
export interface AutoMergeRequest {
  settings: MergeSettings;
  /** The pull request named by the workflow, instead of the ones the event names. */
  pullRequestNumber: number | undefined;
  dryRun: boolean;
}

/** The outside world, built by the action entry. */
export interface AutoMergeAdapters {
  gh: GitHub;
  context: RunContext;
  labels: LabelNames;
  logger: Logger;
  sleep: (ms: number) => Promise<void>;
  /** Waits before each re-read while GitHub computes mergeability. */
  mergeabilityDelaysMs: readonly number[];
}

const HEADING = '## agentic-workflow auto-merge';

function reviewSourceLine(settings: MergeSettings): string {
  if (settings.reviewAppId !== undefined) return `from app ${code(settings.reviewApp)} (id ${settings.reviewAppId})`;
  return `from app ${code(settings.reviewApp)} written by runs of ${settings.reviewWorkflows.map((path) => code(path)).join(' or ')}`;
}

function settingsLine(settings: MergeSettings, bot: BotIdentity): string {
  return (
    `Settings: branch ${settings.branchPatterns.map((pattern) => code(pattern)).join(' and ')}, bot ${code(bot.login)} (id ${bot.id}), ` +
    `review checks ${settings.reviewChecks.map((name) => code(name)).join(', ')} ${reviewSourceLine(settings)}, ` +
    `min-checks ${settings.minChecks}, required-approvals ${settings.requiredApprovals}, merge-method ${settings.mergeMethod}.`
  );
}

function nothingToDo(reason: string, dryRun: boolean): ActionOutcome {
  const summary = `${HEADING}\n\nNothing evaluated: ${reason}.${dryRun ? ' (dry run)' : ''}\n`;
  return outcome('neutral', `auto-merge: ${reason}`, { merged: false, reason, 'pull-request-number': '', status: 'skipped' }, summary);
}

const STATUS_ORDER: readonly PullResult['status'][] = ['merged', 'would-merge', 'not-merged', 'waiting', 'refused', 'already-merged', 'ignored'];

function combine(results: readonly PullResult[], intro: string, dryRun: boolean): ActionOutcome {
  const merged = results.some((item) => item.merged);
  const primary = [...results].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status))[0];
  const reason = results.length === 1 ? (results[0]?.reason ?? '') : results.map((item) => `#${item.number}: ${item.reason}`).join('; ');
  const unfinished = results.flatMap((item) => item.unfinished.filter((line) => line !== item.reason).map((line) => `#${item.number}: ${line}`));
  const interrupted = results.some((item) => item.unfinished.length > 0);
  // GitHub stopping a write after every retry fails the step, so the run is re-run; the rerun finishes what is left.
  const conclusion = interrupted ? 'failure' : results.some((item) => item.status === 'merged' || item.status === 'would-merge') ? 'success' : 'neutral';
  const summary = [HEADING, '', `${intro}${dryRun ? ' Dry run: nothing was written.' : ''}`, '', ...results.map((item) => `${item.summary}\n`)].join('\n');
  const outputs = { merged, reason, 'pull-request-number': results.map((item) => item.number).join(','), status: primary?.status ?? 'skipped' };
  const numbers = results.map((item) => `#${item.number}`).join(', ');
  const left = unfinished.length > 0 ? `; not finished: ${unfinished.join('; ')}` : '';
  const rerun = interrupted ? '. Re-run the job: it finishes what is left and does nothing twice' : '';
  return outcome(conclusion, `auto-merge ${numbers}: ${reason}${left}${rerun}`, outputs, summary);
}

export async function runAutoMerge(request: AutoMergeRequest, adapters: AutoMergeAdapters): Promise<ActionOutcome> {
  const { settings, dryRun } = request;
  const { gh, context, labels } = adapters;
  const targets = targetsFor(context.event, request.pullRequestNumber);
  if (targets.kind === 'skip') return nothingToDo(targets.reason, dryRun);
  const numbers = targets.kind === 'pulls' ? targets.numbers : await pullsForCommit(gh, context.repo, targets.sha, targets.numbers);
  if (numbers.length === 0 && targets.kind === 'commit')
    return nothingToDo(`no open pull request has ${shortSha(targets.sha)} as its head (${targets.source})`, dryRun);

  let bot: BotIdentity;
  try {
    bot = await resolveBotIdentity(gh, settings.botLogin);
  } catch (error) {
    if (gitHubStatus(error) === 404)
      throw new ConfigurationError(
        `bot login "${settings.botLogin}" is not a GitHub account; expected the login of the account that opens agent pull requests`,
      );
    throw error;
  }
  const gateSettings: GateSettings = {
    repository: formatRepository(context.repo),
    branchPatterns: settings.branchPatterns,
    blockingLabels: [labels.doNotMerge, labels.agentBlocked],
    requiredApprovals: settings.requiredApprovals,
    reviewChecks: settings.reviewChecks,
    reviewApp: settings.reviewApp,
    reviewAppId: settings.reviewAppId,
    reviewWorkflows: settings.reviewWorkflows,
    ownCheckPrefix: AGENT_CHECK_PREFIX,
    minChecks: settings.minChecks,
    requiredChecks: settings.requiredChecks,
    requireHumanPaths: settings.requireHumanPaths,
    dependencyManifests: settings.dependencyManifests,
    ...(context.runId !== undefined ? { runId: context.runId } : {}),
  };
  const ctx: PullRunContext = {
    gh,
    repo: context.repo,
    bot,
    labels,
    gateSettings,
    mergeMethod: settings.mergeMethod,
    dryRun: dryRun,
    fetch: {
      sleep: adapters.sleep,
      mergeabilityDelaysMs: adapters.mergeabilityDelaysMs,
      requiredApprovals: settings.requiredApprovals,
      reviewChecks: settings.reviewChecks,
      reviewSource: { app: settings.reviewApp, appId: settings.reviewAppId },
    },
    log: (message) => adapters.logger.info(message),
  };
  const results: PullResult[] = [];
  // One at a time: each may merge, and the next must see the base as it is after that.
  for (const number of numbers) results.push(await runForPull(ctx, number));
  const intro = `Evaluated ${listOf(
    numbers.map((number) => `#${number}`),
    10,
  )} (${targets.source}). ${settingsLine(settings, bot)}`;
  return combine(results, intro, dryRun);
}
