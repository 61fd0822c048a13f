/**
 * The janitor's Python and Go worlds: the ecosystems emulator serving a simple index with wheels and a Go module
 * proxy, a repository whose go.sum the real go command wrote against that proxy, and the GitHub emulator holding
 * it. Newer versions are published after the repository was made, so the tools have something to report.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { startEcosystemsEmulator, type EcosystemsEmulator } from '../../src/emulators/registry/index.js';
import { runAction, type ActionRun } from '../harness/runner.js';
import { cloneWorkspace } from '../implement/scenario.js';
import { SUNDAY } from './scenario.js';

const run = promisify(execFile);

export async function available(command: string, args: string[]): Promise<boolean> {
  return run(command, args).then(
    () => true,
    () => false,
  );
}

export interface EcosystemWorld {
  gh: GitHubEmulator;
  emulator: EcosystemsEmulator;
  files: Record<string, string>;
  workspace: string;
  /** The registry settings the runner holds (PIP_INDEX_URL, GOPROXY …). */
  env: Record<string, string>;
  close(): Promise<void>;
}

async function world(emulator: EcosystemsEmulator, files: Record<string, string>, env: Record<string, string>): Promise<EcosystemWorld> {
  const gh = await startGitHubEmulator({ owner: 'acme', repo: 'shop', files });
  gh.clock.set(SUNDAY);
  const workspace = cloneWorkspace(gh);
  return {
    gh,
    emulator,
    files,
    workspace,
    env,
    close: async () => {
      rmSync(workspace, { recursive: true, force: true });
      await Promise.all([gh.close(), emulator.close()]);
    },
  };
}

const module = (body: string) => ({ 'go.mod': 'module example.com/greet\n\ngo 1.19\n', 'greet.go': `package greet\n\n${body}\n` });
const wheel = (name: string, body: string) => ({ [`${name}/__init__.py`]: `${body}\n` });

const SHOP_TEST = [
  'import unittest',
  '',
  'from acme_greeting import greet',
  'from acme_tally import total',
  '',
  '',
  'class ShopTest(unittest.TestCase):',
  '    def test_greets_the_customer(self):',
  "        self.assertEqual(greet('Ada'), 'Hello, Ada')",
  '',
  '    def test_totals_the_basket(self):',
  '        self.assertEqual(total([199, 1]), 200)',
  '',
  '',
  "if __name__ == '__main__':",
  '    unittest.main()',
  '',
].join('\n');

/** Two pinned packages; acme-greeting 1.1.0 changes its greeting, which the repository's unittest checks. */
export async function startPythonWorld(): Promise<EcosystemWorld> {
  const emulator = await startEcosystemsEmulator({
    pypi: [
      {
        name: 'acme-greeting',
        releases: [{ version: '1.0.0', uploadedAt: '2026-11-01T00:00:00Z', files: wheel('acme_greeting', "def greet(name):\n    return 'Hello, ' + name") }],
      },
      {
        name: 'acme-tally',
        releases: [{ version: '1.0.0', uploadedAt: '2026-11-01T00:00:00Z', files: wheel('acme_tally', 'def total(cents):\n    return sum(cents)') }],
      },
    ],
  });
  const files = {
    'requirements.txt': 'acme-greeting==1.0.0\nacme-tally==1.0.0  # sums the basket\n',
    'test_shop.py': SHOP_TEST,
    '.gitignore': '.venv/\n__pycache__/\n',
  };
  emulator.pypi.get('acme-greeting')?.releases.push({
    version: '1.1.0',
    uploadedAt: '2026-12-02T00:00:00Z',
    files: wheel('acme_greeting', "def greet(name):\n    return 'Hi ' + name"),
  });
  emulator.pypi.get('acme-tally')?.releases.push({
    version: '1.1.0',
    uploadedAt: '2026-12-02T00:00:00Z',
    files: wheel('acme_tally', 'def total(cents):\n    return sum(int(c) for c in cents)'),
  });
  return world(emulator, files, { PIP_INDEX_URL: emulator.pypiIndexUrl });
}

/**
 * The same two packages in a Poetry project: pyproject.toml names the emulator's simple index as its only
 * source (`[[tool.poetry.source]]`, default), and the real `poetry lock` writes poetry.lock against it at
 * 1.0.0 before the 1.1.0 releases appear.
 */
export async function startPoetryWorld(): Promise<EcosystemWorld> {
  const emulator = await startEcosystemsEmulator({
    pypi: [
      {
        name: 'acme-greeting',
        releases: [{ version: '1.0.0', uploadedAt: '2026-11-01T00:00:00Z', files: wheel('acme_greeting', "def greet(name):\n    return 'Hello, ' + name") }],
      },
      {
        name: 'acme-tally',
        releases: [{ version: '1.0.0', uploadedAt: '2026-11-01T00:00:00Z', files: wheel('acme_tally', 'def total(cents):\n    return sum(cents)') }],
      },
    ],
  });
  const files: Record<string, string> = {
    'pyproject.toml': [
      '[tool.poetry]',
      'name = "shop"',
      'version = "0.1.0"',
      'description = "The shop"',
      'authors = ["Acme <dev@acme.example>"]',
      '',
      '[tool.poetry.dependencies]',
      'python = "^3.9"',
      'acme-greeting = "^1.0"',
      'acme-tally = "^1.0"',
      '',
      '[[tool.poetry.source]]',
      'name = "acme"',
      `url = "${emulator.pypiIndexUrl}"`,
      'default = true',
      '',
      '[build-system]',
      'requires = ["poetry-core"]',
      'build-backend = "poetry.core.masonry.api"',
      '',
    ].join('\n'),
    'shop/__init__.py': '',
    'test_shop.py': SHOP_TEST,
    '.gitignore': '.venv/\n__pycache__/\n',
  };
  const dir = mkdtempSync(join(tmpdir(), 'janitor-poetry-fixture-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    await run('poetry', ['lock', '--no-interaction'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: dir,
        POETRY_CACHE_DIR: join(dir, '.cache'),
        POETRY_VIRTUALENVS_PATH: join(dir, '.venvs'),
        PYTHON_KEYRING_BACKEND: 'keyring.backends.null.Keyring',
      },
    });
    files['poetry.lock'] = readFileSync(join(dir, 'poetry.lock'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  emulator.pypi.get('acme-greeting')?.releases.push({
    version: '1.1.0',
    uploadedAt: '2026-12-02T00:00:00Z',
    files: wheel('acme_greeting', "def greet(name):\n    return 'Hi ' + name"),
  });
  emulator.pypi.get('acme-tally')?.releases.push({
    version: '1.1.0',
    uploadedAt: '2026-12-02T00:00:00Z',
    files: wheel('acme_tally', 'def total(cents):\n    return sum(int(c) for c in cents)'),
  });
  return world(emulator, files, {});
}

/** One required module; the go command itself writes go.sum against the proxy at v1.0.0, then v1.1.0 appears. */
export async function startGoWorld(): Promise<EcosystemWorld> {
  const emulator = await startEcosystemsEmulator({
    go: [
      { path: 'example.com/greet', versions: [{ version: 'v1.0.0', time: '2026-11-01T00:00:00Z', files: module('func Hello() string { return "hello" }') }] },
    ],
  });
  const files: Record<string, string> = {
    'go.mod': 'module example.com/shop\n\ngo 1.19\n\nrequire example.com/greet v1.0.0\n',
    'shop.go': 'package shop\n\nimport "example.com/greet"\n\n// Welcome greets a customer.\nfunc Welcome() string { return greet.Hello() + ", customer" }\n',
    'shop_test.go':
      'package shop\n\nimport (\n\t"strings"\n\t"testing"\n)\n\nfunc TestWelcome(t *testing.T) {\n\tif !strings.HasPrefix(Welcome(), "hello") {\n\t\tt.Fatalf("got %q", Welcome())\n\t}\n}\n',
  };
  const env = { GOPROXY: emulator.goProxyUrl, GOSUMDB: 'off', GOFLAGS: '-mod=mod' };
  const dir = mkdtempSync(join(tmpdir(), 'janitor-go-fixture-'));
  try {
    for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path), content);
    mkdirSync(join(dir, '.gopath'));
    await run('go', ['mod', 'tidy'], { cwd: dir, env: { ...process.env, ...env, GOPATH: join(dir, '.gopath'), GOCACHE: join(dir, '.gocache') } });
    files['go.mod'] = readFileSync(join(dir, 'go.mod'), 'utf8');
    files['go.sum'] = readFileSync(join(dir, 'go.sum'), 'utf8');
  } finally {
    await run('chmod', ['-R', 'u+w', dir]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  emulator.go
    .get('example.com/greet')
    ?.versions.push({ version: 'v1.1.0', time: '2026-12-02T00:00:00Z', files: module('func Hello() string { return "hello there" }') });
  return world(emulator, files, env);
}

export function runEcosystemJanitor(world: EcosystemWorld, inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({
    entry: 'janitor.js',
    inputs: { 'github-token': world.gh.botToken, ...inputs },
    eventName: 'schedule',
    event: { schedule: '0 3 * * 0' },
    apiUrl: world.gh.apiUrl,
    serverUrl: world.gh.serverUrl,
    repository: 'acme/shop',
    workspace: world.workspace,
    env: { AGENTIC_WORKFLOW_NOW: SUNDAY, ...world.env },
    timeoutMs: 900_000,
  });
}
