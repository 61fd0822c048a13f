/**
 * A repository, a pull request and a model for runner-emulation tests of the review actions: the GitHub
 * emulator, the model emulator, and helpers to open and push to a PR, script the model's findings and run
 * the bundled action the way a runner does.
 */
import { formatMarker } from '../../src/core/marker.js';
import type { ModelFinding } from '../../src/review/finding-schema.js';
import { BOT_LOGIN, startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { startModelEmulator, type ModelEmulator, type ScriptedReply } from '../../src/emulators/model/index.js';
import { runAction, webhookExample, type ActionRun } from '../harness/runner.js';

export interface ReviewWorld {
  gh: GitHubEmulator;
  model: ModelEmulator;
  close(): Promise<void>;
}

export const BASE_FILES: Record<string, string> = {
  'README.md': '# widgets\n',
  'src/cart.ts': [
    'export interface Item {',
    '  price: number;',
    '}',
    '',
    'export function total(items: Item[]): number {',
    '  let sum = 0;',
    '  for (const item of items) sum += item.price;',
    '  return sum;',
    '}',
    '',
  ].join('\n'),
};

export async function startReviewWorld(files: Record<string, string> = BASE_FILES): Promise<ReviewWorld> {
  const gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets', files });
  const model = await startModelEmulator();
  return {
    gh,
    model,
    close: async () => {
      await Promise.all([gh.close(), model.close()]);
    },
  };
}

export interface OpenedPull {
  number: number;
  head: string;
  branch: string;
}

export function openPull(
  world: ReviewWorld,
  options: { branch?: string; files: Record<string, string | null>; title?: string; body?: string; user?: string; draft?: boolean },
): OpenedPull {
  const branch = options.branch ?? 'feature/discount';
  const user = options.user ?? 'acme';
  const head = world.gh.state.commitFiles(branch, options.files, { message: 'change', author: user === BOT_LOGIN ? BOT_LOGIN : undefined });
  const pull = world.gh.state.addPullRequest({
    head: branch,
    title: options.title ?? 'Add a discount',
    body: options.body ?? 'Adds a discount to the cart total.',
    user,
    draft: options.draft ?? false,
  });
  return { number: pull.number, head, branch };
}

export function push(world: ReviewWorld, pull: OpenedPull, files: Record<string, string | null>): string {
  const head = world.gh.state.commitFiles(pull.branch, files, { message: 'more changes' });
  pull.head = head;
  return head;
}

/** A real pull_request webhook payload pointing at the emulator's PR. */
export function pullRequestEvent(pull: OpenedPull, action = 'synchronize', draft = false): Record<string, unknown> {
  const event = webhookExample('pull_request', action);
  const payload = event.pull_request as Record<string, unknown>;
  payload.number = pull.number;
  payload.draft = draft;
  payload.head = { ...(payload.head as object), ref: pull.branch, sha: pull.head };
  payload.base = { ...(payload.base as object), ref: 'main' };
  return event;
}

/** The model's answer to one review call. */
export function findings(list: Array<Partial<ModelFinding> & Pick<ModelFinding, 'file' | 'line' | 'title'>>): ScriptedReply {
  const complete = list.map((finding) => ({ severity: 'medium', category: 'quality', body: `${finding.title}: explained.`, ...finding }));
  return { toolCalls: [{ name: 'report_findings', arguments: { findings: complete } }] };
}

/** A real issue_comment.created payload: `body` commented on the pull request by `user`. */
export function commentEvent(pull: OpenedPull, body: string, user: { login: string; id: number; type?: string }): Record<string, unknown> {
  const event = webhookExample('issue_comment', 'created');
  const issue = event.issue as Record<string, unknown>;
  issue.number = pull.number;
  issue.pull_request = { url: `https://api.github.com/repos/acme/widgets/pulls/${pull.number}` };
  const comment = event.comment as Record<string, unknown>;
  comment.body = body;
  comment.user = { ...(comment.user as object), login: user.login, id: user.id, type: user.type ?? 'User' };
  return event;
}

export interface RunOptions {
  pull?: OpenedPull;
  inputs?: Record<string, string | number | boolean | undefined>;
  eventName?: string;
  event?: unknown;
  provider?: 'openai' | 'anthropic' | 'openai-compatible';
  token?: string;
  actor?: string;
}

export function modelInputs(world: ReviewWorld, provider: RunOptions['provider'] = 'openai'): Record<string, string> {
  if (provider === 'anthropic') return { provider, 'anthropic-api-key': world.model.keys.anthropic, 'base-url': world.model.anthropicBaseUrl };
  if (provider === 'openai-compatible')
    return { provider, model: 'qwen2.5-coder', 'openai-api-key': world.model.keys.openai ?? '', 'base-url': world.model.openaiBaseUrl };
  return { provider: 'openai', 'openai-api-key': world.model.keys.openai ?? '', 'base-url': world.model.openaiBaseUrl };
}

export function runCtoReview(world: ReviewWorld, options: RunOptions = {}): Promise<ActionRun> {
  const event = options.event ?? (options.pull ? pullRequestEvent(options.pull) : {});
  return runAction({
    entry: 'cto-review.js',
    apiUrl: world.gh.apiUrl,
    serverUrl: world.gh.serverUrl,
    repository: 'acme/widgets',
    eventName: options.eventName ?? (options.pull ? 'pull_request' : 'workflow_dispatch'),
    event,
    timeoutMs: 120_000,
    ...(options.actor ? { actor: options.actor } : {}),
    inputs: { 'github-token': options.token ?? world.gh.botToken, ...modelInputs(world, options.provider), ...options.inputs },
  });
}

/**
 * Run `runId` of the review workflow (a rerun is a new run or attempt) for `reviewer` on the pull request's
 * synchronize event. Generous time: a persistent fault on a retried request waits 1 + 4 + 9 s, and the machine may be busy.
 */
export function runReviewRun(
  world: ReviewWorld,
  reviewer: 'cto-review' | 'ciso-review',
  pull: OpenedPull,
  runId: number,
  inputs: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction({
    entry: `${reviewer}.js`,
    apiUrl: world.gh.apiUrl,
    serverUrl: world.gh.serverUrl,
    repository: 'acme/widgets',
    eventName: 'pull_request',
    event: pullRequestEvent(pull),
    runId,
    timeoutMs: 300_000,
    inputs: { 'github-token': world.gh.botToken, ...modelInputs(world), ...inputs },
  });
}

/** A fresh world for one test, closed afterwards whatever the test does. */
export async function withReviewWorld(body: (world: ReviewWorld) => Promise<void>): Promise<void> {
  const world = await startReviewWorld();
  try {
    await body(world);
  } finally {
    await world.close();
  }
}

/** Bot comments on an issue or PR carrying a marker of `kind`. */
export function botComments(world: ReviewWorld, number: number, kind: string) {
  return [...world.gh.state.comments.values()].filter(
    (comment) => comment.issueNumber === number && comment.author === BOT_LOGIN && comment.body.includes(`<!-- agentic-workflow:${kind} `),
  );
}

export function reviewsOn(world: ReviewWorld, number: number) {
  return [...world.gh.state.reviews.values()].filter((review) => review.pullNumber === number).sort((a, b) => a.id - b.id);
}

export function reviewCommentsOn(world: ReviewWorld, number: number) {
  return [...world.gh.state.reviewComments.values()].filter((comment) => comment.pullNumber === number).sort((a, b) => a.id - b.id);
}

export function checkRunsOn(world: ReviewWorld, sha: string, name = 'agentic/cto-review') {
  return [...world.gh.state.checkRuns.values()].filter((run) => run.headSha === sha && run.name === name).sort((a, b) => a.id - b.id);
}

export function suggestionIssues(world: ReviewWorld) {
  return [...world.gh.state.issues.values()].filter((issue) => !issue.isPullRequest && issue.title.startsWith('['));
}

export function labelNamesOf(world: ReviewWorld, number: number): string[] {
  const issue = world.gh.state.issue(number);
  return (issue?.labelIds ?? []).map((id) => world.gh.state.labels.get(id)?.name ?? '').sort();
}

export { formatMarker };
