/**
 * The janitor's world: an npm registry emulator with real packages, a repository whose package.json and
 * package-lock.json were written by npm against it, node:test tests that use the packages, and the GitHub
 * emulator holding that repository. Newer versions are published after the lockfile was made, so
 * `npm outdated` has something to report.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { startRegistryEmulator, type RegistryEmulator, type RegistryPackage } from '../../src/emulators/registry/index.js';
import { runAction, type ActionRun } from '../harness/runner.js';
import { cloneWorkspace } from '../implement/scenario.js';

const run = promisify(execFile);

/** A Sunday: the day the weekly janitor runs. */
export const SUNDAY = '2026-12-06T03:00:00Z';

const lib = (body: string) => ({ 'index.js': `${body}\n` });

/** The versions the lockfile starts from. `colorize` depends on `tint`, so tint is updated first. */
export const BASE_PACKAGES: RegistryPackage[] = [
  { name: 'tint', repository: 'https://github.com/acme/tint', versions: [{ version: '1.0.0', files: lib("module.exports = (text) => '[' + text + ']';") }] },
  {
    name: 'colorize',
    repository: 'https://github.com/acme/colorize',
    versions: [{ version: '1.0.0', dependencies: { tint: '^1.0.0' }, files: lib("const tint = require('tint');\nmodule.exports = (text) => tint(text);") }],
  },
  {
    name: 'money',
    repository: 'https://github.com/acme/money',
    versions: [{ version: '1.0.0', files: lib('module.exports = (cents) => (cents / 100).toFixed(2);') }],
  },
];

/** What appears on the registry during the week: two good updates, one that breaks the tests, one major. */
export const NEW_VERSIONS: RegistryPackage[] = [
  { name: 'tint', versions: [{ version: '1.1.0', files: lib("module.exports = (text) => '[' + String(text) + ']';") }] },
  // 1.1.0 drops the brackets: the repository's test for colorize fails with it.
  { name: 'colorize', versions: [{ version: '1.1.0', dependencies: { tint: '^1.0.0' }, files: lib('module.exports = (text) => String(text);') }] },
  {
    name: 'money',
    versions: [
      { version: '1.2.0', files: lib('module.exports = (cents) => (Math.round(cents) / 100).toFixed(2);') },
      { version: '2.0.0', files: lib('module.exports = (cents) => ({ amount: cents });') },
    ],
  },
];

export const TESTS = `const test = require('node:test');
const assert = require('node:assert');
const colorize = require('colorize');
const money = require('money');
const tint = require('tint');

test('colorize wraps text in brackets', () => {
  assert.strictEqual(colorize('sale'), '[sale]');
});

test('money formats cents', () => {
  assert.strictEqual(money(1999), '19.99');
});

test('tint wraps text', () => {
  assert.strictEqual(tint('x'), '[x]');
});
`;

export interface JanitorWorld {
  gh: GitHubEmulator;
  registry: RegistryEmulator;
  /** The repository's files as committed (package.json, package-lock.json, .npmrc, tests). */
  files: Record<string, string>;
  workspace: string;
  close(): Promise<void>;
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Makes the repository: npm itself writes the lockfile against the registry emulator, at the base versions. */
export async function startJanitorWorld(
  options: { tests?: string; extraFiles?: Record<string, string>; npmrc?: boolean; newVersions?: RegistryPackage[] } = {},
): Promise<JanitorWorld> {
  const registry = await startRegistryEmulator({ packages: BASE_PACKAGES });
  const dir = mkdtempSync(join(tmpdir(), 'janitor-fixture-'));
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify({ name: 'shop', version: '1.0.0', private: true, scripts: { test: 'node --test' }, dependencies: { colorize: '^1.0.0', money: '^1.0.0', tint: '^1.0.0' } }, null, 2)}\n`,
    ...(options.npmrc === false ? {} : { '.npmrc': `registry=${registry.url}\n` }),
    '.gitignore': 'node_modules/\n',
    'test/shop.test.js': options.tests ?? TESTS,
    ...options.extraFiles,
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  await run('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', '--cache', join(dir, '.cache'), '--registry', registry.url], { cwd: dir });
  files['package-lock.json'] = readFileSync(join(dir, 'package-lock.json'), 'utf8');
  rmSync(dir, { recursive: true, force: true });
  for (const pkg of options.newVersions ?? NEW_VERSIONS) registry.publish(pkg);

  const gh = await startGitHubEmulator({ owner: 'acme', repo: 'shop', files });
  gh.clock.set(SUNDAY);
  const workspace = cloneWorkspace(gh);
  return {
    gh,
    registry,
    files,
    workspace,
    close: async () => {
      rmSync(workspace, { recursive: true, force: true });
      await Promise.all([gh.close(), registry.close()]);
    },
  };
}

export function runJanitor(
  world: Pick<JanitorWorld, 'gh' | 'workspace'>,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction({
    entry: 'janitor.js',
    inputs: { 'github-token': world.gh.botToken, ecosystems: 'npm', ...inputs },
    eventName: 'schedule',
    event: { schedule: '0 3 * * 0' },
    apiUrl: world.gh.apiUrl,
    serverUrl: world.gh.serverUrl,
    repository: 'acme/shop',
    workspace: world.workspace,
    env: { AGENTIC_WORKFLOW_NOW: SUNDAY, ...env },
    timeoutMs: 300_000,
  });
}

/** The commits of a branch that are not on main, oldest first. */
export function commitsOnBranch(gh: GitHubEmulator, branch: string): Array<{ sha: string; message: string; parent: string }> {
  const main = gh.state.branchSha('main');
  const found: Array<{ sha: string; message: string; parent: string }> = [];
  let sha = gh.state.branchSha(branch);
  while (sha && sha !== main) {
    const commit = gh.state.git.readCommit(sha);
    if (!commit) break;
    found.unshift({ sha, message: commit.message.trim(), parent: commit.parents[0] ?? '' });
    sha = commit.parents[0];
  }
  return found;
}

export function fileAtCommit(gh: GitHubEmulator, sha: string, path: string): string | null {
  const found = gh.state.git.readPath(sha, path);
  return found && found.type === 'blob' ? found.content.toString('utf8') : null;
}
