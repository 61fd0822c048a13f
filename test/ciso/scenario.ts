import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { EMULATOR_OPENAI_KEY, startModelEmulator, type ModelEmulator } from '../../src/emulators/model/index.js';
import { runAction, type ActionRun } from '../harness/runner.js';
import { startFakeRegistry, type FakePackage, type FakeRegistry } from './fake-registry.js';

/**
 * One ciso-review scenario: the GitHub emulator with a repository whose default branch holds `base` (and the
 * policy file), a pull request from `feature` that commits `head`, a fake npm registry and unreachable PyPI
 * and Go proxies, and optionally the model emulator. `run` runs the bundled action the way a runner does.
 */
export interface Scenario {
  gh: GitHubEmulator;
  registry: FakeRegistry;
  model?: ModelEmulator;
  pullNumber: number;
  workspace: string;
  run(options?: { inputs?: Record<string, string | number | boolean | undefined>; withModel?: boolean; env?: Record<string, string> }): Promise<ActionRun>;
  close(): Promise<void>;
}

export interface ScenarioOptions {
  base?: Record<string, string>;
  head: Record<string, string | null>;
  packages?: Record<string, FakePackage>;
  policy?: Record<string, unknown>;
  withModel?: boolean;
  title?: string;
}

export async function startScenario(options: ScenarioOptions): Promise<Scenario> {
  const registry = await startFakeRegistry(options.packages ?? {});
  const policy = {
    ...options.policy,
    'ciso-review': {
      registries: { npm: registry.url, 'npm-downloads': registry.url, pypi: registry.unreachableUrl, go: registry.unreachableUrl },
      'registry-timeout-ms': 2000,
      ...((options.policy?.['ciso-review'] as Record<string, unknown> | undefined) ?? {}),
    },
  };
  const gh = await startGitHubEmulator({
    owner: 'acme',
    repo: 'widgets',
    files: { 'README.md': '# widgets\n', '.github/agentic.yml': stringify(policy), ...options.base },
  });
  gh.state.addUser({ login: 'alice', type: 'User' });
  gh.state.setPermission('alice', 'write');
  gh.state.commitFiles('feature', options.head, { message: 'Change' });
  const pullNumber = gh.state.addPullRequest({ head: 'feature', title: options.title ?? 'Add a feature', user: 'alice' }).number;
  const model = options.withModel ? await startModelEmulator() : undefined;
  const workspace = mkdtempSync(join(tmpdir(), 'ciso-workspace-'));
  return {
    gh,
    registry,
    ...(model ? { model } : {}),
    pullNumber,
    workspace,
    run: (run = {}) =>
      runAction({
        entry: 'ciso-review.js',
        inputs: {
          'github-token': gh.botToken,
          'pull-request-number': pullNumber,
          ...(model && run.withModel !== false ? { provider: 'openai', 'openai-api-key': EMULATOR_OPENAI_KEY, 'base-url': model.openaiBaseUrl } : {}),
          ...run.inputs,
        },
        eventName: 'workflow_dispatch',
        event: { inputs: {} },
        apiUrl: gh.apiUrl,
        serverUrl: gh.serverUrl,
        repository: 'acme/widgets',
        workspace,
        env: run.env,
        timeoutMs: 90_000,
      }),
    close: async () => {
      await gh.close();
      await registry.close();
      await model?.close();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}

/** Every body the GitHub emulator received, as text, for "no secret anywhere" checks. */
export function requestBodies(gh: GitHubEmulator): string {
  return gh.requests.map((request) => JSON.stringify(request)).join('\n');
}

export const CHECK_NAME = 'agentic/ciso-review';

export function reviewsOf(s: Scenario) {
  return [...s.gh.state.reviews.values()].filter((review) => review.pullNumber === s.pullNumber).sort((a, b) => a.id - b.id);
}

export function reviewCommentsOf(s: Scenario) {
  return [...s.gh.state.reviewComments.values()].filter((comment) => comment.pullNumber === s.pullNumber).sort((a, b) => a.id - b.id);
}

export function checkRunsOf(s: Scenario) {
  return [...s.gh.state.checkRuns.values()].filter((run) => run.name === CHECK_NAME).sort((a, b) => a.id - b.id);
}

export function securityIssues(s: Scenario) {
  return [...s.gh.state.issues.values()].filter((issue) => !issue.isPullRequest && issue.title.startsWith('[Security]'));
}

export function labelsOf(s: Scenario, number: number): string[] {
  return (s.gh.state.issue(number)?.labelIds ?? []).map((id) => s.gh.state.labels.get(id)?.name ?? '').sort();
}

/** Everything the run left anywhere: request bodies, GitHub state, step output, summary, annotations, files. */
export function everythingWritten(s: Scenario, run: ActionRun, files: string[] = []): string {
  const state = s.gh.state;
  return [
    requestBodies(s.gh),
    // A review comment's diffHunk is GitHub's copy of the pull request's own diff, not something the action wrote.
    JSON.stringify([
      ...state.issues.values(),
      ...state.comments.values(),
      ...state.reviews.values(),
      ...[...state.reviewComments.values()].map(({ diffHunk: _diffHunk, ...comment }) => comment),
      ...state.checkRuns.values(),
    ]),
    run.stdout,
    run.stderr,
    run.summary,
    JSON.stringify(run.annotations),
    JSON.stringify(run.outputs),
    ...files,
  ].join('\n');
}
