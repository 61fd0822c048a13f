/**
 * Runner-emulation scenarios for the bundled implement action: a GitHub emulator holding the sample
 * repository, a model emulator answering by request kind, and a workspace cloned from the emulator's bare
 * repository (what actions/checkout does).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { it } from 'vitest';
import { BOT_LOGIN, startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { startModelEmulator, type ModelEmulator, type RecordedModelRequest, type ScriptedReply } from '../../src/emulators/model/index.js';
import { runAction, type ActionRun, type RunActionOptions } from '../harness/runner.js';

export const SAMPLE_REPO = resolve(import.meta.dirname, '..', 'fixtures', 'sample-repo');

export function sampleFiles(extra: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(SAMPLE_REPO, path).split('\\').join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(SAMPLE_REPO);
  return { ...files, ...extra };
}

/** A fresh clone of the emulator's repository, as actions/checkout leaves GITHUB_WORKSPACE. */
export function cloneWorkspace(gh: GitHubEmulator): string {
  const dir = mkdtempSync(join(tmpdir(), 'implement-workspace-'));
  execFileSync('git', ['clone', '--quiet', gh.gitDir, dir], { stdio: 'ignore' });
  execFileSync('git', ['-C', dir, 'config', 'user.email', 'runner@example.com']);
  execFileSync('git', ['-C', dir, 'config', 'user.name', 'runner']);
  return dir;
}

export interface Agent {
  /** Replies for the edit loop, in order. */
  loop: ScriptedReply[];
  clarify?: { ambiguous: boolean; questions: string[] };
  plan?: Record<string, unknown>;
}

/**
 * Answers structured calls by their tool (clarification, implementation_plan) and the edit loop's chat
 * calls from the queue, so runs that interleave or skip steps still get the right reply.
 */
export function scriptAgent(model: ModelEmulator, agent: Agent): { loopCalls: () => number } {
  let loopIndex = 0;
  model.script((request: RecordedModelRequest) => {
    if (request.toolNames.includes('clarification')) {
      return { toolCalls: [{ name: 'clarification', arguments: agent.clarify ?? { ambiguous: false, questions: [] } }], usage: { input: 1000, output: 50 } };
    }
    if (request.toolNames.includes('implementation_plan')) {
      return { toolCalls: [{ name: 'implementation_plan', arguments: agent.plan ?? PLAN }], usage: { input: 2000, output: 300 } };
    }
    const step = agent.loop[loopIndex];
    loopIndex += 1;
    if (!step) return { toolCalls: [{ name: 'finish', arguments: { summary: 'nothing more to do' } }] };
    return { usage: { input: 1500, output: 100 }, ...step };
  });
  return { loopCalls: () => loopIndex };
}

/** The plan for the thousands-separator issue: the formatter and its test. */
export const PLAN = {
  problem: 'formatPrice prints large amounts without thousands separators.',
  files: [
    { path: 'src/format.js', action: 'modify', reason: 'group the whole units in threes' },
    { path: 'test/format.test.js', action: 'modify', reason: 'cover amounts of a thousand and more' },
  ],
  steps: ['Add a failing test for 123456 cents', 'Group the integer part with commas'],
  tests: ['formatPrice(123456) is $1,234.56'],
  checklist: ['Negative amounts keep their sign'],
  risks: ['Callers parsing the string'],
  architectural: false,
};

const FORMAT_OLD = "  return `${sign}${currency}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;";
const FORMAT_NEW =
  "  const whole = String(Math.floor(absolute / 100)).replace(/\\B(?=(\\d{3})+(?!\\d))/g, ',');\n  return `${sign}${currency}${whole}.${String(absolute % 100).padStart(2, '0')}`;";
const TEST_OLD = "  assert.equal(formatPrice(-199, '€'), '-€1.99');";
const TEST_NEW = "  assert.equal(formatPrice(-199, '€'), '-€1.99');\n  assert.equal(formatPrice(123456), '$1,234.56');";

/** The edit loop of a good run: read, write a failing test, see it fail for real, fix, see it pass, finish. */
export function redThenGreen(): ScriptedReply[] {
  return [
    { toolCalls: [{ name: 'read_file', arguments: { path: 'src/format.js' } }] },
    { toolCalls: [{ name: 'edit_file', arguments: { path: 'test/format.test.js', old_string: TEST_OLD, new_string: TEST_NEW } }] },
    { toolCalls: [{ name: 'run_tests', arguments: {} }] },
    { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/format.js', old_string: FORMAT_OLD, new_string: FORMAT_NEW } }] },
    { toolCalls: [{ name: 'run_tests', arguments: {} }] },
    { toolCalls: [{ name: 'finish', arguments: { summary: 'formatPrice now groups thousands with commas; a test covers $1,234.56.' } }] },
  ];
}

/** A loop that never makes the new test pass. */
export function alwaysRed(iterations: number): ScriptedReply[] {
  const steps: ScriptedReply[] = [
    { toolCalls: [{ name: 'edit_file', arguments: { path: 'test/format.test.js', old_string: TEST_OLD, new_string: TEST_NEW } }] },
  ];
  for (let i = 0; i < iterations; i++) steps.push({ toolCalls: [{ name: 'run_tests', arguments: {} }] });
  return steps;
}

export const ISSUE = { title: 'Show thousands separators in prices', body: 'formatPrice(123456) prints $1234.56; it should print $1,234.56.' };

export interface Scenario {
  gh: GitHubEmulator;
  model: ModelEmulator;
  workspace: string;
}

export interface RunOptions extends Partial<RunActionOptions> {
  inputs?: RunActionOptions['inputs'];
  /** Another checkout (concurrent runs each have their own runner). */
  workspace?: string;
}

export function runImplement(scenario: Scenario, options: RunOptions = {}): Promise<ActionRun> {
  const { gh, model } = scenario;
  return runAction({
    entry: 'implement.js',
    apiUrl: gh.apiUrl,
    serverUrl: gh.serverUrl,
    eventName: 'workflow_dispatch',
    event: {},
    workspace: scenario.workspace,
    timeoutMs: 120_000,
    ...options,
    inputs: {
      'github-token': gh.botToken,
      provider: 'openai',
      'openai-api-key': model.keys.openai ?? 'unused',
      'base-url': model.openaiBaseUrl,
      'claim-settle-ms': 0,
      ...options.inputs,
    },
  });
}

/**
 * A repository of its own (the `test` fixture serves the sample shop), a model and a checkout of it; close()
 * stops both emulators and removes the checkout. `writers` get write access.
 */
export async function openScenario(
  files: Record<string, string>,
  { writers = [] }: { writers?: string[] } = {},
): Promise<Scenario & { close: () => Promise<void> }> {
  const gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets', files });
  for (const login of writers) gh.state.setPermission(login, 'write');
  const model = await startModelEmulator();
  const workspace = cloneWorkspace(gh);
  return {
    gh,
    model,
    workspace,
    close: async () => {
      rmSync(workspace, { recursive: true, force: true });
      await Promise.all([gh.close(), model.close()]);
    },
  };
}

export const test = it.extend<Scenario>({
  // eslint-disable-next-line no-empty-pattern -- vitest fixtures take their dependencies by destructuring
  gh: async ({}, use) => {
    const gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets', files: sampleFiles() });
    gh.state.setPermission('maintainer', 'write');
    gh.state.setPermission('reader', 'read');
    await use(gh);
    await gh.close();
  },
  // eslint-disable-next-line no-empty-pattern -- as above
  model: async ({}, use) => {
    const model = await startModelEmulator();
    await use(model);
    await model.close();
  },
  workspace: async ({ gh }, use) => {
    const dir = cloneWorkspace(gh);
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
});

export function labelsOf(gh: GitHubEmulator, number: number): string[] {
  return (gh.state.issue(number)?.labelIds ?? []).map((id) => gh.state.labels.get(id)?.name ?? '').sort();
}

export function commentsOn(gh: GitHubEmulator, number: number): Array<{ id: number; author: string; body: string }> {
  return [...gh.state.comments.values()]
    .filter((comment) => comment.issueNumber === number)
    .map((comment) => ({ id: comment.id, author: comment.author, body: comment.body }));
}

export function stickyOf(gh: GitHubEmulator, number: number): string | undefined {
  return commentsOn(gh, number).find((comment) => comment.author === BOT_LOGIN && comment.body.includes('<!-- agentic-workflow:implement '))?.body;
}

export function pullsFor(gh: GitHubEmulator, branchPrefix = 'automated/'): Array<{ number: number; headRef: string }> {
  return [...gh.state.pulls.values()].filter((pull) => pull.headRef.startsWith(branchPrefix)).map((pull) => ({ number: pull.number, headRef: pull.headRef }));
}

/** A file at a ref of the emulator's repository, or null. */
export function fileAt(gh: GitHubEmulator, ref: string, path: string): string | null {
  const sha = gh.state.branchSha(ref);
  if (!sha) return null;
  const found = gh.state.git.readPath(sha, path);
  return found && found.type === 'blob' ? found.content.toString('utf8') : null;
}

/** Commits a symbolic link (mode 120000) to main, as a repository may hold one. */
export function commitSymlink(gh: GitHubEmulator, path: string, target: string): string {
  const { git } = gh.state;
  const main = gh.state.branchSha('main') ?? '';
  const tree = git.makeTree(git.readCommit(main)?.tree, [{ path, mode: '120000', sha: git.writeBlob(Buffer.from(target)) }]);
  const identity = { name: 'acme', email: 'acme@example.com', date: new Date() };
  const sha = git.commitTree(tree, [main], `Add ${path}`, identity);
  git.updateRef('refs/heads/main', sha, main);
  return sha;
}

/** Commits the repository policy file to main. */
export function commitPolicy(gh: GitHubEmulator, yaml: string): void {
  gh.state.commitFiles('main', { '.github/agentic.yml': yaml }, { message: 'policy' });
}

/** Every text the action showed the model or wrote to GitHub, for "this value never appears" checks. */
export function everythingWritten(gh: GitHubEmulator, model: ModelEmulator, run: ActionRun): string {
  return [
    ...model.requests.map((request) => JSON.stringify(request.body)),
    ...gh.requests.filter((request) => request.method !== 'GET').map((request) => JSON.stringify(request.body)),
    run.summary,
    // `::add-mask::<value>` is how a step hands the runner a secret to hide; the runner never shows that line.
    run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n'),
  ].join('\n');
}

export const FORMAT_EDIT = { old: FORMAT_OLD, new: FORMAT_NEW };
export const TEST_EDIT = { old: TEST_OLD, new: TEST_NEW };
