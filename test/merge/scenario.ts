import { it } from 'vitest';
import { formatMarker } from '../../src/core/marker.js';
import { BOT_LOGIN, startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import type { WorkflowRunRecord } from '../../src/emulators/github/state/records.js';
import { runAction, type ActionRun, type RunActionOptions } from '../harness/runner.js';

/**
 * An agent pull request as implement and the reviews leave it: issue #1 in agent:pr-open, the bot's commit on
 * automated/1-add-a-widget, the PR with the implement-PR marker, both review check runs on the head and a
 * green CI check. Each runner test then breaks one thing.
 */
export interface AgentPull {
  issue: number;
  number: number;
  head: string;
  branch: string;
}

export const BRANCH = 'automated/1-add-a-widget';

export function reviewSummary(headSha: string, marker: { shouldBlock?: boolean; complete?: boolean; newDependencies?: string[] } = {}): string {
  return `Reviewed every file.\n\n${formatMarker('review-check', { headSha, shouldBlock: false, complete: true, newDependencies: [], ...marker })}`;
}

/** A run of the review workflow from the default branch, as a schedule, comment or implement chain starts it. */
export function addReviewRun(gh: GitHubEmulator, options: { workflow?: string; branch?: string; event?: string; headSha?: string } = {}): WorkflowRunRecord {
  return gh.state.addWorkflowRun({
    name: 'agentic review',
    workflow: options.workflow ?? 'agentic-review.yml',
    status: 'in_progress',
    event: options.event ?? 'issue_comment',
    ...(options.branch ? { head_branch: options.branch } : {}),
    ...(options.headSha ? { head_sha: options.headSha } : {}),
  });
}

/** A review check as the review action writes it: created by the bot's app and naming its workflow run. */
export function addReviewCheck(
  gh: GitHubEmulator,
  run: WorkflowRunRecord,
  headSha: string,
  name: string,
  result: { conclusion?: 'success' | 'failure'; summary?: string } = {},
): void {
  gh.state.addCheckRun({
    head_sha: headSha,
    name,
    conclusion: result.conclusion ?? 'success',
    summary: result.summary ?? reviewSummary(headSha),
    external_id: `${run.id}/${run.runAttempt}`,
  });
}

export function addReviews(gh: GitHubEmulator, headSha: string, skip: readonly string[] = []): WorkflowRunRecord {
  const run = addReviewRun(gh);
  for (const name of ['agentic/cto-review', 'agentic/ciso-review']) {
    if (!skip.includes(name)) addReviewCheck(gh, run, headSha, name);
  }
  return run;
}

export interface SeedOptions {
  files?: Record<string, string>;
  /** A green `test` check run on the head (default true). */
  ci?: boolean;
  /** Both agent reviews passed on the head (default true). */
  reviews?: boolean;
  branch?: string;
  draft?: boolean;
  labels?: string[];
}

export function seedAgentPull(gh: GitHubEmulator, options: SeedOptions = {}): AgentPull {
  const { state } = gh;
  const branch = options.branch ?? BRANCH;
  const issue = state.addIssue({ title: 'Add a widget', body: 'We need a widget.', labels: ['roadmap', 'agent:pr-open'] });
  const head = state.commitFiles(branch, options.files ?? { 'src/widget.ts': 'export const widget = 1;\n' }, {
    author: BOT_LOGIN,
    message: 'feat: add a widget',
  });
  const marker = formatMarker('implement-pr', { issue: issue.number, costUsd: 0.12, openedAt: '2025-01-01T00:00:00Z' });
  const pull = state.addPullRequest({
    head: branch,
    title: 'feat: add a widget',
    body: `Adds a widget.\n\nFixes #${issue.number}\n\n${marker}`,
    user: BOT_LOGIN,
    labels: ['automated', ...(options.labels ?? [])],
    draft: options.draft ?? false,
  });
  if (options.reviews !== false) addReviews(gh, head);
  if (options.ci !== false) state.addCheckRun({ head_sha: head, name: 'test', conclusion: 'success' });
  return { issue: issue.number, number: pull.number, head, branch };
}

export function runAutoMerge(gh: GitHubEmulator, options: Partial<RunActionOptions> & { inputs?: RunActionOptions['inputs'] } = {}): Promise<ActionRun> {
  return runAction({
    entry: 'auto-merge.js',
    apiUrl: gh.apiUrl,
    serverUrl: gh.serverUrl,
    eventName: 'workflow_dispatch',
    event: {},
    ...options,
    inputs: { 'github-token': gh.botToken, ...options.inputs },
  });
}

export function mergeCalls(gh: GitHubEmulator): number {
  return gh.countRequests({ method: 'PUT', path: /\/pulls\/\d+\/merge$/ });
}

/** The agent's sticky comment on the pull request (found by marker and bot id, as the action finds it). */
export function stickyComment(gh: GitHubEmulator, number: number): string | undefined {
  const bot = gh.state.user(BOT_LOGIN);
  return [...gh.state.comments.values()].find(
    (comment) => comment.issueNumber === number && comment.author === bot?.login && comment.body.includes('<!-- agentic-workflow:auto-merge '),
  )?.body;
}

export function labelsOf(gh: GitHubEmulator, number: number): string[] {
  const issue = gh.state.issue(number);
  return (issue?.labelIds ?? []).map((id) => gh.state.labels.get(id)?.name ?? '');
}

/** Commits on main since `since`: a merge adds exactly one (squash). */
export function commitsOnMainSince(gh: GitHubEmulator, since: string): number {
  return gh.state.git.commitsBetween(since, gh.state.branchSha('main') ?? since).length;
}

/** A test with its own emulated repository (acme/widgets) and the main branch tip before the test. */
export const test = it.extend<{ gh: GitHubEmulator; mainBefore: string }>({
  // eslint-disable-next-line no-empty-pattern -- vitest reads the fixture's dependencies from this pattern
  gh: async ({}, use) => {
    const gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets' });
    await use(gh);
    await gh.close();
  },
  mainBefore: async ({ gh }, use) => {
    await use(gh.state.branchSha('main') ?? '');
  },
});
