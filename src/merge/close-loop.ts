/**
 * After a merge: delete the agent's branch and move the linked issue to `agent:done` with a comment. Every
 * step is idempotent, so a run that finds the pull request already merged by the bot can finish what a
 * crashed run left undone without repeating what it did. A step GitHub fails on every try (5xx, no answer)
 * does not stop the others: it is reported as unfinished, and the rerun finishes it.
 */
import type { GitHub } from '../core/github.js';
import type { BotIdentity } from '../core/identity.js';
import { planTransition, stateLabel, transitionIssue } from '../core/issue-state.js';
import type { LabelNames } from '../core/labels.js';
import { formatRepository, type RepoRef } from '../core/repo.js';
import { upsertStickyComment } from '../core/sticky-comment.js';
import { AUTO_MERGE_MARKER_KIND } from '../core/markers/kinds.js';
import { code, shortSha } from './display.js';
import type { PullFacts } from './facts.js';
import { linkedIssues } from './linked-issues.js';
import { describeAnswer, describeGitHubError, gitHubStatus, isResumable } from '../core/github-errors.js';

/** Deletes the head branch only while it still points at the merged head: a later push there is someone's work. */
async function deleteBranch(gh: GitHub, repo: RepoRef, pull: PullFacts): Promise<string> {
  const branch = code(pull.headRef);
  if (pull.headRepo?.toLowerCase() !== formatRepository(repo).toLowerCase()) return `branch ${branch} is in another repository; left alone`;
  const ref = `heads/${pull.headRef}`;
  let sha: string;
  try {
    ({ sha } = (await gh.rest.git.getRef({ owner: repo.owner, repo: repo.repo, ref })).data.object);
  } catch (error) {
    if (gitHubStatus(error) === 404) return `branch ${branch} was already deleted`;
    throw error;
  }
  if (sha !== pull.headSha) return `branch ${branch} left in place: it moved to ${shortSha(sha)} after the merged head ${shortSha(pull.headSha)}`;
  try {
    await gh.rest.git.deleteRef({ owner: repo.owner, repo: repo.repo, ref });
  } catch (error) {
    // Deleted concurrently (or by "automatically delete head branches"): the outcome we wanted.
    if (gitHubStatus(error) === 422 || gitHubStatus(error) === 404) return `branch ${branch} was already deleted`;
    throw error;
  }
  return `deleted branch ${branch}`;
}

function issueComment(pull: PullFacts, mergeSha: string): string {
  const commit = mergeSha ? ` as ${shortSha(mergeSha)}` : '';
  return `Pull request #${pull.number} was merged into ${code(pull.baseRef)}${commit} by agentic-workflow auto-merge after every gate held. This issue is done.`;
}

async function finishIssue(
  gh: GitHub,
  repo: RepoRef,
  number: number,
  pull: PullFacts,
  mergeSha: string,
  labels: LabelNames,
  bot: BotIdentity,
): Promise<string> {
  let current: string[];
  try {
    const { data } = await gh.rest.issues.get({ owner: repo.owner, repo: repo.repo, issue_number: number });
    if (data.pull_request) return `#${number} is a pull request, not an issue; left alone`;
    current = data.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? '')));
  } catch (error) {
    if (describeGitHubError(error).kind === 'not-found') return `issue #${number} does not exist; nothing to close`;
    throw error;
  }
  const done = stateLabel('done', labels);
  const plan = planTransition(current, 'done', labels);
  if (!plan.ok) return `issue #${number} left as it is: ${plan.reason}`;
  if (plan.from === 'done' && plan.add.length === 0 && plan.remove.length === 0) return `issue #${number} was already ${code(done)}`;
  // The comment first, the label last: the label is the commit point a later run checks.
  await upsertStickyComment(gh, repo, number, AUTO_MERGE_MARKER_KIND, bot.id, issueComment(pull, mergeSha), { pr: pull.number, sha: mergeSha });
  await transitionIssue(gh, repo, number, 'done', labels, { currentLabels: current });
  return `issue #${number} moved to ${code(done)}`;
}

export interface StepReport {
  /** One line per step for the job summary. */
  lines: string[];
  /** The steps GitHub stopped, each saying what failed and what GitHub answered; a rerun finishes them. */
  unfinished: string[];
}

/** Runs one step; a failure GitHub may not repeat becomes an unfinished step instead of stopping the rest. */
async function step(report: StepReport, failed: string, run: () => Promise<string>): Promise<void> {
  try {
    report.lines.push(await run());
  } catch (error) {
    if (!isResumable(error)) throw error;
    const line = `${failed}: ${describeAnswer(error)}`;
    report.lines.push(`${line}; a rerun finishes it`);
    report.unfinished.push(line);
  }
}

export async function closeLoop(gh: GitHub, repo: RepoRef, pull: PullFacts, mergeSha: string, labels: LabelNames, bot: BotIdentity): Promise<StepReport> {
  const report: StepReport = { lines: [], unfinished: [] };
  await step(report, `branch ${code(pull.headRef)} could not be deleted`, () => deleteBranch(gh, repo, pull));
  const issues = linkedIssues(pull.body);
  if (issues.length === 0) report.lines.push('no linked issue (no implement-PR marker or closing keyword in the body)');
  for (const number of issues) {
    await step(report, `issue #${number} could not be moved to ${code(stateLabel('done', labels))}`, () =>
      finishIssue(gh, repo, number, pull, mergeSha, labels, bot),
    );
  }
  return report;
}
