import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { probeIsolation } from '../../src/core/sandbox/index.js';
import { BOT_LOGIN, startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { startModelEmulator, type ModelEmulator } from '../../src/emulators/model/index.js';
import { DIST } from '../harness/runner.js';
import {
  everythingWritten,
  fileAt,
  ISSUE,
  pullsFor,
  redThenGreen,
  runImplement,
  sampleFiles,
  scriptAgent,
  FORMAT_EDIT,
  TEST_EDIT,
} from '../implement/scenario.js';

// Runner emulation with an attacker in the repository: its test command tries to steal the model key and the
// tokens, to write the runner's command files and to outlive the tests to rewrite what gets published. On a
// runner that can isolate repository code (Linux with root or sudo; CI runs as root) every attempt must fail.

const probe = await probeIsolation(process.env, 'allow');
const cannot = probe.capabilities ? undefined : `repository code cannot be isolated here: ${probe.reason}`;
const named = (title: string) => (cannot ? `${title} (skipped: ${cannot})` : title);

interface Targets {
  runnerTemp: string;
  outputFile: string;
  envFile: string;
  summaryFile: string;
  eventFile: string;
  actionDir: string;
  workspace: string;
  bundle: string;
  lateMarker: string;
}

/** The attack, committed to the repository as a script its test command runs before the real tests. */
function canaryScript(targets: Targets): string {
  return `import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
const t = ${JSON.stringify(targets)};
const results = [];
const attempt = (name, action) => {
  try { action(); results.push(name + ': SUCCEEDED'); } catch (error) { results.push(name + ': blocked (' + (error.code ?? error.message) + ')'); }
};
let dump = '';
for (const pid of readdirSync('/proc').filter((name) => /^[0-9]+$/.test(name))) {
  for (const file of ['environ', 'cmdline']) {
    try { dump += pid + '/' + file + ' ' + readFileSync('/proc/' + pid + '/' + file, 'utf8').replace(/\\0/g, ' ') + '\\n'; } catch {}
  }
}
console.log('PROC-DUMP ' + dump);
attempt('list runner temp', () => readdirSync(t.runnerTemp));
attempt('read GITHUB_OUTPUT', () => readFileSync(t.outputFile, 'utf8'));
attempt('read GITHUB_ENV', () => readFileSync(t.envFile, 'utf8'));
attempt('read GITHUB_STEP_SUMMARY', () => readFileSync(t.summaryFile, 'utf8'));
attempt('read event payload', () => readFileSync(t.eventFile, 'utf8'));
attempt('list action dir', () => readdirSync(t.actionDir));
attempt('read action bundle', () => readFileSync(t.actionDir + '/implement.js', 'utf8'));
attempt('read workspace .git/config', () => readFileSync(t.workspace + '/.git/config', 'utf8'));
attempt('read workspace file', () => readFileSync(t.workspace + '/src/format.js', 'utf8'));
attempt('write GITHUB_OUTPUT', () => appendFileSync(t.outputFile, 'status=hacked\\n'));
attempt('write GITHUB_ENV', () => appendFileSync(t.envFile, 'NODE_OPTIONS=--require=/tmp/evil.js\\n'));
attempt('write workspace', () => writeFileSync(t.workspace + '/src/format.js', 'export const hacked = true;\\n'));
attempt('write action dir', () => writeFileSync(t.actionDir + '/canary-write.txt', 'x'));
attempt('write runner temp', () => writeFileSync(t.runnerTemp + '/canary-write.txt', 'x'));
// It waits for the test command to end (its shell is the canary's parent), then strikes.
const late = 'while kill -0 ' + process.ppid + ' 2>/dev/null; do sleep 0.2; done; sleep 1; echo "export const hacked = true;" > ' + t.workspace + '/src/format.js; echo hacked > ' + t.bundle + '; echo late > ' + t.lateMarker;
spawn('setsid', ['sh', '-c', late], { detached: true, stdio: 'ignore' }).unref();
console.log('CANARY ' + results.join('; '));
`;
}

const ATTEMPTS = 14;

/** The world for one attacked run: secrets with unique random values, and a runner laid out as GitHub's (world-readable). */
async function attackedWorld(): Promise<{
  gh: GitHubEmulator;
  model: ModelEmulator;
  workspace: string;
  targets: Targets;
  secrets: string[];
  cleanup: () => Promise<void>;
}> {
  const modelKey = `sk-canary-${randomBytes(16).toString('hex')}`;
  const runtimeToken = `canary-runtime-${randomBytes(16).toString('hex')}`;
  const model = await startModelEmulator({ openaiApiKey: modelKey });
  const runnerTemp = mkdtempSync(join(tmpdir(), 'canary-runner-'));
  const workspace = mkdtempSync(join(tmpdir(), 'canary-workspace-'));
  const targets: Targets = {
    runnerTemp,
    outputFile: join(runnerTemp, 'output'),
    envFile: join(runnerTemp, 'env'),
    summaryFile: join(runnerTemp, 'summary'),
    eventFile: join(runnerTemp, 'event.json'),
    actionDir: DIST,
    workspace,
    bundle: join(runnerTemp, 'bundle.json'),
    lateMarker: join(tmpdir(), `canary-late-${randomBytes(6).toString('hex')}`),
  };
  const gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets', files: sampleFiles({ 'canary.mjs': canaryScript(targets) }) });
  execFileSync('git', ['clone', '--quiet', gh.gitDir, workspace], { stdio: 'ignore' });
  // GitHub's layout: the work and temp folders are readable by every user of the machine until the action closes them.
  chmodSync(runnerTemp, 0o755);
  chmodSync(workspace, 0o755);
  writeFileSync(targets.envFile, '', { mode: 0o644 });
  const secrets = [modelKey, runtimeToken, gh.botToken];
  return {
    gh,
    model,
    workspace,
    targets,
    secrets,
    cleanup: async () => {
      await gh.close();
      await model.close();
      for (const dir of [runnerTemp, workspace]) rmSync(dir, { recursive: true, force: true });
      rmSync(targets.lateMarker, { force: true });
    },
  };
}

function canaryReports(model: ModelEmulator): string[] {
  // The lines the canary printed, from the test output the model was shown after each run (not its source).
  return model.requests.flatMap((request) => [...(request.messages.at(-1)?.text ?? '').matchAll(/^CANARY (.*)$/gm)].map((match) => match[1] ?? ''));
}

/** Every changed path between main and the branch, with its content on the branch. */
function publishedChange(gh: GitHubEmulator, branch: string): Record<string, string | null> {
  const paths = execFileSync('git', ['--git-dir', gh.gitDir, 'diff', '--name-only', 'main', branch], { encoding: 'utf8' }).split('\n').filter(Boolean);
  return Object.fromEntries(paths.map((path) => [path, fileAt(gh, branch, path)]));
}

function everythingPushed(gh: GitHubEmulator): string {
  return execFileSync('git', ['--git-dir', gh.gitDir, 'log', '--all', '-p', '--format=%H %an %ae%n%B'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function expectEveryAttemptBlocked(model: ModelEmulator): void {
  const reports = canaryReports(model);
  // The canary really ran (once per test run), and every one of its attempts failed.
  expect(reports.length).toBeGreaterThanOrEqual(2);
  for (const report of reports) {
    const results = report.split('; ');
    expect(results).toHaveLength(ATTEMPTS);
    for (const result of results) expect(result).toMatch(/: blocked \(E(ACCES|PERM|NOENT)\)$/);
  }
}

async function expectNothingOutlived(world: { workspace: string; targets: Targets }, expected: { format: string }): Promise<void> {
  // The detached child would have struck 1 s after the last test run ended.
  await sleep(4_000);
  expect(existsSync(world.targets.lateMarker)).toBe(false);
  expect(readFileSync(join(world.workspace, 'src', 'format.js'), 'utf8')).toBe(expected.format);
  expect(existsSync(join(world.targets.actionDir, 'canary-write.txt'))).toBe(false);
  expect(existsSync(join(world.targets.runnerTemp, 'canary-write.txt'))).toBe(false);
  expect(readFileSync(world.targets.envFile, 'utf8')).toBe('');
  // The runner's folders were closed to other users, the action's own included.
  for (const dir of [world.targets.runnerTemp, world.workspace, world.targets.actionDir]) expect(statSync(dir).mode & 0o077).toBe(0);
}

const FORMAT_AFTER = (original: string) => original.replace(FORMAT_EDIT.old, FORMAT_EDIT.new);
const TEST_AFTER = (original: string) => original.replace(TEST_EDIT.old, TEST_EDIT.new);

describe.sequential('bundled implement: repository code in the sandbox', { timeout: 300_000 }, () => {
  it.skipIf(cannot)(named('phase all: the canary steals nothing, writes nothing and outlives nothing; the PR is exactly the agent change'), async () => {
    const world = await attackedWorld();
    try {
      const { gh, model, workspace, targets, secrets } = world;
      const original = { format: fileAt(gh, 'main', 'src/format.js') ?? '', test: fileAt(gh, 'main', 'test/format.test.js') ?? '' };
      const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
      scriptAgent(model, { loop: redThenGreen() });
      const run = await runImplement(
        { gh, model, workspace },
        {
          runnerTemp: targets.runnerTemp,
          inputs: { 'test-command': 'node canary.mjs && npm test' },
          env: { GITHUB_ENV: targets.envFile, ACTIONS_RUNTIME_TOKEN: secrets[1], GITHUB_TOKEN: gh.botToken },
        },
      );
      expect(run.stderr).toBe('');
      expect(run.outputs.status).toBe('opened');
      expectEveryAttemptBlocked(model);

      const branch = `automated/${issue.number}-show-thousands-separators-in-prices`;
      expect(publishedChange(gh, branch)).toEqual({ 'src/format.js': FORMAT_AFTER(original.format), 'test/format.test.js': TEST_AFTER(original.test) });
      const written = [everythingWritten(gh, model, run), run.stderr, everythingPushed(gh)].join('\n');
      for (const secret of secrets) expect(written).not.toContain(secret);
      // Control: the repository's real tests still ran in the sandbox, and their output reached the PR.
      const body = gh.state.issue(pullsFor(gh)[0]?.number ?? 0)?.body ?? '';
      expect(body).toMatch(/`node canary\.mjs && npm test` passed after 2 iterations/);
      expect(body).toMatch(/# pass [1-9]/);
      expect(body).toMatch(/# fail 0/);
      expect(body).not.toContain('Not isolated');
      await expectNothingOutlived(world, { format: FORMAT_AFTER(original.format) });
    } finally {
      await world.cleanup();
    }
  });

  it.skipIf(cannot)(named('phase propose then publish: a detached child cannot rewrite the bundle before publish reads it'), async () => {
    const world = await attackedWorld();
    try {
      const { gh, model, workspace, targets, secrets } = world;
      const original = { format: fileAt(gh, 'main', 'src/format.js') ?? '', test: fileAt(gh, 'main', 'test/format.test.js') ?? '' };
      const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
      scriptAgent(model, { loop: redThenGreen() });
      const pick = await runImplement(
        { gh, model, workspace },
        { inputs: { phase: 'pick', 'github-token': gh.tokenFor(BOT_LOGIN, { permissions: { contents: 'read', issues: 'write' } }) } },
      );
      expect(pick.outputs.issues).toBe(JSON.stringify([issue.number]));
      const readOnly = gh.tokenFor(BOT_LOGIN, { permissions: { contents: 'read', issues: 'read', pull_requests: 'read' } });
      const propose = await runImplement(
        { gh, model, workspace },
        {
          runnerTemp: targets.runnerTemp,
          inputs: {
            phase: 'propose',
            'issue-number': issue.number,
            'bundle-path': targets.bundle,
            'github-token': readOnly,
            'test-command': 'node canary.mjs && npm test',
          },
          env: { GITHUB_ENV: targets.envFile, ACTIONS_RUNTIME_TOKEN: secrets[1] },
        },
      );
      expect(propose.stderr).toBe('');
      expect(propose.outputs['bundle-path']).toBe(targets.bundle);
      expectEveryAttemptBlocked(model);
      const bundle = readFileSync(targets.bundle, 'utf8');
      await expectNothingOutlived(world, { format: FORMAT_AFTER(original.format) });
      expect(readFileSync(targets.bundle, 'utf8')).toBe(bundle);

      const token = gh.tokenFor(BOT_LOGIN, { permissions: { contents: 'write', issues: 'write', pull_requests: 'write', actions: 'write' } });
      const publish = await runImplement(
        { gh, model, workspace },
        {
          inputs: {
            phase: 'publish',
            'bundle-path': targets.bundle,
            'bundle-digest': propose.outputs['bundle-digest'] ?? '',
            'openai-api-key': '',
            'base-url': '',
            'github-token': token,
          },
        },
      );
      expect(publish.outputs.status).toBe('opened');
      const branch = `automated/${issue.number}-show-thousands-separators-in-prices`;
      expect(publishedChange(gh, branch)).toEqual({ 'src/format.js': FORMAT_AFTER(original.format), 'test/format.test.js': TEST_AFTER(original.test) });
      const written = [
        everythingWritten(gh, model, propose),
        everythingWritten(gh, model, publish),
        propose.stderr,
        publish.stderr,
        everythingPushed(gh),
        bundle,
      ].join('\n');
      for (const secret of secrets) expect(written).not.toContain(secret);
    } finally {
      await world.cleanup();
    }
  });
});
