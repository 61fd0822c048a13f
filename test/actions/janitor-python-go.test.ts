import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { available, runEcosystemJanitor, startGoWorld, startPoetryWorld, startPythonWorld } from '../janitor/python-go-scenario.js';
import { commitsOnBranch, fileAtCommit, sha256 } from '../janitor/scenario.js';

const hasVenv = await available('python3', ['-c', 'import venv, ensurepip']);
const hasGo = await available('go', ['version']);
const hasPoetry = await available('poetry', ['--version']);
if (!hasVenv) console.warn('janitor Python scenario skipped: python3 with venv and ensurepip is not installed (apt-get install python3-venv)');
if (!hasPoetry) console.warn('janitor Poetry scenario skipped: poetry is not installed (apt-get install python3-poetry)');
if (!hasGo) console.warn('janitor Go scenario skipped: go is not installed (apt-get install golang-go)');

// The bundled dist/janitor.js with the real pip and go, in the sandbox, against the simple index and the
// module proxy of the ecosystems emulator (PIP_INDEX_URL and GOPROXY as a runner would set them).
describe('bundled janitor on Python and Go', { timeout: 1_200_000 }, () => {
  it.skipIf(!hasVenv)('Python: two outdated pins, one breaks the unittest → one kept, one reverted byte for byte with its failing test', async () => {
    const world = await startPythonWorld();
    try {
      const run = await runEcosystemJanitor(world, {
        ecosystems: 'python',
        'install-command': '[ -d .venv ] || python3 -m venv .venv; .venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt',
        'test-command': '.venv/bin/python -m unittest -v',
      });
      expect(run.stderr).toBe('');
      expect(run.outputs).toMatchObject({ status: 'opened', kept: '1', reverted: '1', majors: '0' });
      const commits = commitsOnBranch(world.gh, 'automated/janitor-2026-12-06');
      expect(commits.map((commit) => commit.message)).toEqual(['chore(deps): bump acme-tally from 1.0.0 to 1.1.0']);
      expect(fileAtCommit(world.gh, commits[0]?.sha ?? '', 'requirements.txt')).toBe('acme-greeting==1.0.0\nacme-tally==1.1.0  # sums the basket\n');
      const pull = [...world.gh.state.pulls.values()].find((candidate) => candidate.headRef === 'automated/janitor-2026-12-06');
      const body = world.gh.state.issue(pull?.number ?? 0)?.body ?? '';
      expect(body).toMatch(/`acme-greeting` `1\.0\.0` → `1\.1\.0`: the tests failed; first failing test `test_shop\.ShopTest\.test_greets_the_customer`/);
      // Restored byte for byte: the digest of the file as it was before the update.
      expect(body).toContain(`\`requirements.txt\` (sha256 \`${sha256(world.files['requirements.txt'] ?? '').slice(0, 12)}\`)`);
      expect(body).toContain("AssertionError: 'Hi Ada' != 'Hello, Ada'");
      // pip asked the emulator's index for both projects, and downloaded the new wheels it tried.
      const paths = world.emulator.requests.map((request) => request.path);
      expect(paths).toContain('/pypi/files/acme_tally-1.1.0-py3-none-any.whl');
      expect(paths).toContain('/pypi/files/acme_greeting-1.1.0-py3-none-any.whl');
      expect(execFileSync('git', ['-C', world.workspace, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' })).toBe('');
      expect(readFileSync(join(world.workspace, 'requirements.txt'), 'utf8')).toBe(world.files['requirements.txt']);
    } finally {
      await world.close();
    }
  });

  it.skipIf(!hasPoetry)(
    `Poetry: the real poetry.lock moved one package at a time by poetry update --lock, the breaking one restored byte for byte${hasPoetry ? '' : ' (skipped: poetry is not installed)'}`,
    async () => {
      const world = await startPoetryWorld();
      try {
        // No install-command: the janitor detects `poetry install` from poetry.lock, as implement does.
        const run = await runEcosystemJanitor(world, { ecosystems: 'python', 'test-command': 'poetry run python -m unittest -v' });
        expect(run.stderr).toBe('');
        expect(run.outputs, run.summary).toMatchObject({ status: 'opened', kept: '1', reverted: '1', majors: '0' });
        const commits = commitsOnBranch(world.gh, 'automated/janitor-2026-12-06');
        expect(commits.map((commit) => commit.message)).toEqual(['chore(deps): bump acme-tally from 1.0.0 to 1.1.0']);
        const lock = fileAtCommit(world.gh, commits[0]?.sha ?? '', 'poetry.lock') ?? '';
        // Poetry itself rewrote the lock: tally at 1.1.0 with the new wheel's hash, greeting still at 1.0.0.
        expect(lock).toMatch(/name = "acme-tally"\nversion = "1\.1\.0"/);
        expect(lock).toMatch(/name = "acme-greeting"\nversion = "1\.0\.0"/);
        expect(lock).toContain('acme_tally-1.1.0-py3-none-any.whl');
        expect(lock).not.toBe(world.files['poetry.lock']);
        expect(fileAtCommit(world.gh, commits[0]?.sha ?? '', 'pyproject.toml')).toBe(world.files['pyproject.toml']);
        const pull = [...world.gh.state.pulls.values()].find((candidate) => candidate.headRef === 'automated/janitor-2026-12-06');
        const body = world.gh.state.issue(pull?.number ?? 0)?.body ?? '';
        expect(body).toMatch(/`acme-greeting` `1\.0\.0` → `1\.1\.0`: the tests failed; first failing test `test_shop\.ShopTest\.test_greets_the_customer`/);
        expect(body).toContain(`\`poetry.lock\` (sha256 \`${sha256(world.files['poetry.lock'] ?? '').slice(0, 12)}\`)`);
        // Poetry asked the source pyproject.toml names for both projects and fetched the new wheels it locked.
        const paths = world.emulator.requests.map((request) => request.path);
        expect(paths).toContain('/pypi/simple/acme-tally/');
        expect(paths).toContain('/pypi/files/acme_greeting-1.1.0-py3-none-any.whl');
        expect(readFileSync(join(world.workspace, 'poetry.lock'), 'utf8')).toBe(world.files['poetry.lock']);
        expect(execFileSync('git', ['-C', world.workspace, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' })).toBe('');
      } finally {
        await world.close();
      }
    },
  );

  it.skipIf(!hasGo)('Go: one outdated module, kept as one commit with go.mod and go.sum moved by the go command', async () => {
    const world = await startGoWorld();
    try {
      const run = await runEcosystemJanitor(world, { ecosystems: 'go' });
      expect(run.stderr).toBe('');
      expect(run.outputs).toMatchObject({ status: 'opened', kept: '1', reverted: '0' });
      const commits = commitsOnBranch(world.gh, 'automated/janitor-2026-12-06');
      expect(commits.map((commit) => commit.message)).toEqual(['chore(deps): bump example.com/greet from v1.0.0 to v1.1.0']);
      const sha = commits[0]?.sha ?? '';
      expect(fileAtCommit(world.gh, sha, 'go.mod')).toContain('require example.com/greet v1.1.0');
      expect(fileAtCommit(world.gh, sha, 'go.sum')).toMatch(/^example\.com\/greet v1\.1\.0 h1:/m);
      expect(world.emulator.requests.map((request) => request.path)).toContain('/go/example.com/greet/@v/v1.1.0.zip');
      expect(readFileSync(join(world.workspace, 'go.mod'), 'utf8')).toBe(world.files['go.mod']);
    } finally {
      await world.close();
    }
  });
});
