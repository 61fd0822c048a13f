/** One pull request: read, evaluate, then (unless dry-run) report on it, merge it and close the loop. */
import type { MergeMethod } from './merge-method.js';
import { describeAnswer, isResumable } from '../core/github-errors.js';
import type { GitHub } from '../core/github.js';
import { isBot, type BotIdentity } from '../core/identity.js';
import type { LabelNames } from '../core/labels.js';
import type { RepoRef } from '../core/repo.js';
import { findStickyComment, upsertStickyComment } from '../core/sticky-comment.js';
import { AUTO_MERGE_MARKER_KIND } from '../core/markers/kinds.js';
import { readMarker } from '../core/markers/registry.js';
import { closeLoop, type StepReport } from './close-loop.js';
import { code, shortSha } from './display.js';
import type { PullFacts } from './facts.js';
import { fetchMergeFacts, readPull, type FetchOptions } from './fetch-facts.js';
import type { Evaluation, GateSettings } from './gate.js';
import { evaluateGates, unmatchedPatterns } from './gates.js';
import { mergeEvaluated } from './merge-pull.js';
import { stickyBody, summarySection, type PullStatus } from './report.js';

export interface PullRunContext {
  gh: GitHub;
  repo: RepoRef;
  bot: BotIdentity;
  labels: LabelNames;
  gateSettings: GateSettings;
  mergeMethod: MergeMethod;
  dryRun: boolean;
  fetch: FetchOptions;
  log: (message: string) => void;
}

export interface PullResult {
  number: number;
  status: PullStatus;
  /** True only when this run's merge call merged it. */
  merged: boolean;
  reason: string;
  /** This pull request's part of the job summary. */
  summary: string;
  /** Writes GitHub stopped (each: what failed and what GitHub answered); the step fails so the job is re-run. */
  unfinished: string[];
}

function result(
  number: number,
  status: PullStatus,
  reason: string,
  evaluation: Evaluation | undefined,
  steps: StepReport | string[],
  merged = false,
): PullResult {
  const report = Array.isArray(steps) ? { lines: steps, unfinished: [] } : steps;
  return { number, status, merged, reason, summary: summarySection(number, status, reason, evaluation, report.lines), unfinished: report.unfinished };
}

function joined(...reports: StepReport[]): StepReport {
  return { lines: reports.flatMap((report) => report.lines), unfinished: reports.flatMap((report) => report.unfinished) };
}

async function writeSticky(ctx: PullRunContext, number: number, status: PullStatus, reason: string, evaluation: Evaluation): Promise<StepReport> {
  const body = stickyBody(status, reason, evaluation, ctx.labels.doNotMerge);
  const data = {
    headSha: evaluation.headSha,
    status,
    // The dashboard shows each gate from here, so it needs no request per gate.
    gates: evaluation.gates.map((gate) => ({ name: gate.name, status: gate.status, reason: gate.reason })),
  };
  try {
    const { written } = await upsertStickyComment(ctx.gh, ctx.repo, number, AUTO_MERGE_MARKER_KIND, ctx.bot.id, body, data);
    return {
      lines: [written ? 'the gate table on the pull request was updated' : 'the gate table on the pull request was already up to date'],
      unfinished: [],
    };
  } catch (error) {
    // The decision stands (and a merge has happened) even when the comment cannot be written; say so.
    if (!isResumable(error)) throw error;
    const line = `the auto-merge comment could not be written on the pull request: ${describeAnswer(error)}`;
    ctx.log(line);
    return { lines: [`${line}; a rerun writes it`], unfinished: status === 'merged' ? [line] : [] };
  }
}

/**
 * A merge whose auto-merge comment GitHub did not take: the rerun writes it, with the gates the merging run
 * recorded when there is a comment to take them from, else with the headline only.
 */
async function recordMerge(ctx: PullRunContext, pull: PullFacts, reason: string): Promise<StepReport> {
  const sticky = await findStickyComment(ctx.gh, ctx.repo, pull.number, AUTO_MERGE_MARKER_KIND, ctx.bot.id);
  const marker = sticky ? readMarker(AUTO_MERGE_MARKER_KIND, sticky.body) : null;
  const data = marker && 'status' in marker ? marker : null;
  if (data?.status === 'merged') return { lines: [], unfinished: [] };
  const gates = (data?.gates ?? []) as Evaluation['gates'];
  return writeSticky(ctx, pull.number, 'merged', reason, { verdict: 'merge', gates, reason, headSha: pull.headSha });
}

/** A merged pull request: if the bot merged its own PR, finish the steps a crashed run may have left. */
async function alreadyMerged(ctx: PullRunContext, pull: PullFacts): Promise<PullResult> {
  const by = pull.mergedBy ? ` by ${code(pull.mergedBy.login)}` : '';
  const reason = `already merged${pull.mergeCommitSha ? ` as ${shortSha(pull.mergeCommitSha)}` : ''}${by}; not merged again`;
  if (!isBot(pull.mergedBy, ctx.bot) || !isBot(pull.author, ctx.bot)) return result(pull.number, 'already-merged', reason, undefined, []);
  if (ctx.dryRun) return result(pull.number, 'already-merged', reason, undefined, ['dry run: the branch and the linked issue were not touched']);
  const sticky = await recordMerge(ctx, pull, `merged ${shortSha(pull.headSha)} into ${code(pull.baseRef)}`);
  const steps = await closeLoop(ctx.gh, ctx.repo, pull, pull.mergeCommitSha ?? '', ctx.labels, ctx.bot);
  return result(pull.number, 'already-merged', reason, undefined, joined(sticky, steps));
}

export async function runForPull(ctx: PullRunContext, number: number): Promise<PullResult> {
  // A number that names no pull request fails the step, as in every action (the entry says which number).
  const pull = await readPull(ctx.gh, ctx.repo, number);
  if (pull.merged) return alreadyMerged(ctx, pull);
  if (pull.state !== 'open') return result(number, 'refused', 'closed without merging', undefined, []);
  // The workflow sees every pull request's events; people's own pull requests get no comment and cost no more reads.
  if (unmatchedPatterns(pull.headRef, ctx.gateSettings.branchPatterns).length > 0 && !isBot(pull.author, ctx.bot)) {
    const who = pull.author ? code(pull.author.login) : 'a deleted account';
    return result(
      number,
      'ignored',
      `not an agent pull request: ${code(pull.headRef)} does not match the branch pattern and ${who} is not the bot`,
      undefined,
      [],
    );
  }

  const facts = await fetchMergeFacts(ctx.gh, ctx.repo, ctx.bot, pull, ctx.fetch);
  const evaluation = evaluateGates(facts, ctx.gateSettings);
  const current = facts.pull;
  if (evaluation.verdict !== 'merge') {
    const status: PullStatus = evaluation.verdict === 'wait' ? 'waiting' : 'refused';
    const steps = ctx.dryRun ? ['dry run: nothing was written'] : await writeSticky(ctx, number, status, evaluation.reason, evaluation);
    return result(number, status, evaluation.reason, evaluation, steps);
  }
  if (ctx.dryRun) {
    return result(number, 'would-merge', `every gate holds for ${shortSha(evaluation.headSha)}; would ${ctx.mergeMethod}-merge it`, evaluation, [
      'dry run: nothing was written',
    ]);
  }

  const attempt = await mergeEvaluated(ctx.gh, ctx.repo, current, evaluation.headSha, ctx.mergeMethod);
  switch (attempt.kind) {
    case 'merged': {
      const note = attempt.note ? ` (${attempt.note})` : '';
      const reason = `merged ${shortSha(evaluation.headSha)} into ${code(current.baseRef)} (${ctx.mergeMethod})${note}`;
      const sticky = await writeSticky(ctx, number, 'merged', reason, evaluation);
      const steps = await closeLoop(ctx.gh, ctx.repo, current, attempt.sha, ctx.labels, ctx.bot);
      return result(number, 'merged', reason, evaluation, joined(sticky, steps), true);
    }
    case 'merged-elsewhere':
      // The run that merged it reports and closes the loop; doing it here too would race it.
      return result(number, 'already-merged', 'merged by another run while this one evaluated; not merged again', evaluation, []);
    case 'head-changed':
      return result(number, 'refused', attempt.reason, evaluation, await writeSticky(ctx, number, 'refused', attempt.reason, evaluation));
    case 'not-merged': {
      const sticky = await writeSticky(ctx, number, 'not-merged', attempt.reason, evaluation);
      // GitHub failing on both tries is not a gate that waits: the step fails, so the job is re-run.
      return result(
        number,
        'not-merged',
        attempt.reason,
        evaluation,
        attempt.interrupted ? joined(sticky, { lines: [], unfinished: [attempt.reason] }) : sticky,
      );
    }
  }
}
