import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github/index.js';
import { startModelEmulator, type ModelEmulator } from '../emulators/model/index.js';
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
          ...(model && run.withModel !== false ? { provider: 'openai', 'openai-api-key': 'test-key', 'base-url': model.openaiBaseUrl } : {}),
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
