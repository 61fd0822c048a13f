import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript build script without type declarations
import { checkVersion, parseArguments, release, releaseNotes } from '../../scripts/release.js';

const SCRIPT = resolve(import.meta.dirname, '..', '..', 'scripts', 'release.js');
const SHA = /^[0-9a-f]{40}$/;
let base: string;
let origin: string;
let work: string;

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(work, path)), { recursive: true });
  writeFileSync(join(work, path), text);
};
const commit = (message: string) => {
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', message);
};
const quiet = { buildCommand: 'node build.js', testCommand: 'node -e "process.exit(0)"', dryRun: false, skipVerify: false, push: 'origin', pinOnly: false };
const run = (version: string, options: Partial<typeof quiet> = {}) => release(work, { ...quiet, version, ...options }, () => undefined);
/** What a failed release must leave alone: the checkout's HEAD and status, and every tag in both repositories. */
const state = () => ({
  head: git(work, 'rev-parse', 'HEAD'),
  status: git(work, 'status', '--porcelain'),
  tags: git(work, 'for-each-ref', 'refs/tags'),
  remote: git(origin, 'for-each-ref'),
});

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'release-'));
  origin = join(base, 'origin.git');
  work = join(base, 'work');
  git(base, 'init', '-q', '--bare', '-b', 'main', origin);
  git(base, 'clone', '-q', origin, work);
  git(work, 'checkout', '-q', '-b', 'main');
  git(work, 'config', 'user.name', 'Release Test');
  git(work, 'config', 'user.email', 'release@example.com');
  git(work, 'config', 'commit.gpgsign', 'false');
  git(work, 'config', 'tag.gpgsign', 'false');
  write(
    'package.json',
    `${JSON.stringify({ name: 'tool', version: '0.1.0', repository: { type: 'git', url: 'git+https://github.com/octo/tool.git' } }, null, 2)}\n`,
  );
  write(
    'package-lock.json',
    `${JSON.stringify({ name: 'tool', version: '0.1.0', lockfileVersion: 3, packages: { '': { name: 'tool', version: '0.1.0' } } }, null, 2)}\n`,
  );
  // The build: dist/ is made from src/, so a source change without a rebuild leaves dist/ behind.
  write(
    'build.js',
    "import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';\nmkdirSync('dist', { recursive: true });\nwriteFileSync('dist/out.txt', readFileSync('src/value.txt'));\n",
  );
  write('src/value.txt', 'one\n');
  write('dist/out.txt', 'one\n');
  write('actions/cto-review/action.yml', 'name: cto-review\nruns:\n  using: node24\n  main: ../../dist/out.txt\n');
  write(
    '.github/workflows/agentic-review.yml',
    'on:\n  workflow_call:\njobs:\n  review:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: octo/tool/actions/cto-review@v1\n',
  );
  write('.github/workflows/agentic-janitor.yml', 'on:\n  workflow_call:\njobs:\n  review:\n    uses: octo/tool/.github/workflows/agentic-review.yml@v1\n');
  write('workflows-templates/agentic-review.yml', 'on: pull_request\njobs:\n  review:\n    uses: octo/tool/.github/workflows/agentic-review.yml@v1\n');
  commit('Initial layout');
  write('src/value.txt', 'two\n');
  write('dist/out.txt', 'two\n');
  commit('feat(review): reviews read the diff');
  write('src/more.txt', 'x\n');
  commit('fix: the summary names the file');
  write('src/more.txt', 'y\n');
  commit('feat!: the policy file moves to .github/agentic.yml');
  git(work, 'push', '-q', 'origin', 'main');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the release script', () => {
  it('refuses a version that is not semver or not greater than the last release, and unknown options', () => {
    expect(() => checkVersion('1.2', '0.1.0', undefined)).toThrow(/"1.2" is not a semantic version/);
    expect(() => checkVersion('v1.0.0-', '0.1.0', undefined)).toThrow(/not a semantic version/);
    expect(() => checkVersion('0.0.9', '0.1.0', undefined)).toThrow(/below package.json's 0.1.0/);
    expect(() => checkVersion('1.0.0', '1.0.0', 'v1.0.0')).toThrow(/not greater than the previous release v1.0.0/);
    expect(checkVersion('v1.0.0', '0.1.0', undefined)).toBe('1.0.0');
    expect(() => parseArguments(['1.0.0', '--force'])).toThrow(/unknown option --force/);
    expect(() => parseArguments([])).toThrow(/usage: npm run release/);
  });

  it('dry run prints the plan and the notes and changes nothing, here or on the remote', () => {
    const before = state();
    const lines: string[] = [];
    const plan = release(work, { ...quiet, version: '1.0.0', dryRun: true }, (line: string) => lines.push(line));
    expect(plan).toMatchObject({ dryRun: true, tag: 'v1.0.0', major: 'v1' });
    const printed = lines.join('\n');
    expect(printed).toMatch(/Dry run: nothing is changed/);
    expect(printed).toMatch(/tag v1\.0\.0; move v1 to it/);
    expect(printed).toMatch(/### Features/);
    expect(state()).toEqual(before);
  });

  it('releases: verifies dist/, writes the notes, bumps the version, pins the workflows and templates, tags and moves the major tag, pushes', () => {
    const result = run('1.0.0');
    const head = git(work, 'rev-parse', 'HEAD');
    // The remote has the release commits, the tag and the major tag, both on the last commit.
    expect(git(origin, 'rev-parse', 'main')).toBe(head);
    expect(git(origin, 'rev-parse', 'v1.0.0^{commit}')).toBe(head);
    expect(git(origin, 'rev-parse', 'v1^{commit}')).toBe(head);
    // The first commit carries the version and the notes; the reusable workflow calls the action at it, the
    // reusable workflows call each other at the second (which pins the action), the template calls them at the third.
    expect(result.actions).toMatch(SHA);
    expect(JSON.parse(git(work, 'show', `${result.actions}:package.json`)).version).toBe('1.0.0');
    expect(JSON.parse(git(work, 'show', `${result.actions}:package-lock.json`)).packages[''].version).toBe('1.0.0');
    expect(git(work, 'show', `${result.workflows}:.github/workflows/agentic-review.yml`)).toMatch(
      new RegExp(`\\n      - uses: octo/tool/actions/cto-review@${result.actions} # v1\\.0\\.0$`),
    );
    expect(readFileSync(join(work, '.github', 'workflows', 'agentic-janitor.yml'), 'utf8')).toContain(
      `    uses: octo/tool/.github/workflows/agentic-review.yml@${result.workflows} # v1.0.0\n`,
    );
    expect(readFileSync(join(work, 'workflows-templates', 'agentic-review.yml'), 'utf8')).toContain(
      `    uses: octo/tool/.github/workflows/agentic-review.yml@${result.templates} # v1.0.0\n`,
    );
    expect([1, 2, 3].map((back) => git(work, 'rev-parse', `${head}~${back}`))).toEqual([result.templates, result.workflows, result.actions]);
    // Notes in conventional sections, in the changelog and the tag's message.
    const changelog = readFileSync(join(work, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(/^# Changelog\n\n## v1\.0\.0 \(\d{4}-\d{2}-\d{2}\)\n\n4 commits: the first release\./);
    expect(changelog).toMatch(/### Breaking changes\n\n- the policy file moves to \.github\/agentic\.yml/);
    expect(changelog).toMatch(/### Features\n\n- \*\*review:\*\* reviews read the diff \([0-9a-f]{7}\)\n- the policy file moves/);
    expect(changelog).toMatch(/### Bug fixes\n\n- the summary names the file/);
    expect(changelog).toMatch(/### Other changes\n\n- Initial layout/);
    expect(git(work, 'tag', '-l', '--format=%(contents)', 'v1.0.0')).toContain('### Features');
    expect(git(work, 'status', '--porcelain')).toBe('');
  });

  it('the next release moves the major tag, keeps the old tag, and lists only the commits since it', () => {
    const first = git(work, 'rev-parse', 'v1.0.0^{commit}');
    write('src/more.txt', 'z\n');
    commit('perf: faster summary');
    const result = run('1.1.0');
    expect(git(origin, 'rev-parse', 'v1^{commit}')).toBe(result.head);
    expect(git(origin, 'rev-parse', 'v1.0.0^{commit}')).toBe(first);
    expect(result.notes).toMatch(/1 commits since v1\.0\.0\.\n\n### Performance\n\n- faster summary/);
    expect(result.notes).not.toMatch(/Release v1\.0\.0|reviews read the diff/);
    expect(readFileSync(join(work, 'CHANGELOG.md'), 'utf8')).toMatch(/## v1\.1\.0[\s\S]*## v1\.0\.0/);
    expect(readFileSync(join(work, 'workflows-templates', 'agentic-review.yml'), 'utf8')).toContain(`@${result.templates} # v1.1.0\n`);
  });

  it('refuses a version at or below the last release, and a dirty tree, changing nothing', () => {
    const before = state();
    expect(() => run('1.1.0')).toThrow(/not greater than the previous release v1\.1\.0/);
    expect(() => run('1.0.5')).toThrow(/not greater than the previous release v1\.1\.0/);
    write('notes.txt', 'draft\n');
    expect(() => run('1.2.0')).toThrow(/uncommitted changes/);
    rmSync(join(work, 'notes.txt'));
    expect(state()).toEqual(before);
  });

  it('refuses a dist/ that does not match the sources, and failing tests, before changing anything', () => {
    write('src/value.txt', 'three\n');
    commit('feat: a source change committed without rebuilding');
    const before = state();
    expect(() => run('1.2.0')).toThrow(/dist\/ does not match the sources: the build changed\n\s*M dist\/out\.txt/);
    git(work, 'checkout', '-q', '--', 'dist');
    expect(state()).toEqual(before);
    execFileSync('node', ['build.js'], { cwd: work });
    commit('Rebuild dist/');
    expect(() => run('1.2.0', { testCommand: 'node -e "process.exit(1)"' })).toThrow(
      /`node -e "process.exit\(1\)"` failed: the release stops before changing anything/,
    );
    expect(git(work, 'tag', '-l', 'v1.2.0')).toBe('');
  });

  it('refuses to push from a detached HEAD (the branch to push is unknown)', () => {
    git(work, 'checkout', '-q', '--detach');
    const before = state();
    expect(() => run('1.2.0')).toThrow(/HEAD is detached: check out the branch to release/);
    expect(state()).toEqual(before);
    git(work, 'checkout', '-q', 'main');
  });

  it('the command prints one line and exits 1 on a refusal', () => {
    const result = spawnSync('node', [SCRIPT, 'one.two'], { cwd: work, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('release: "one.two" is not a semantic version (X.Y.Z, for example 1.4.0)');
  });

  it('notes: a commit without a conventional type goes under "Other changes"; a BREAKING CHANGE footer is listed as breaking', () => {
    const notes = releaseNotes(
      '2.0.0',
      'v1.9.0',
      [{ sha: 'a'.repeat(40), subject: 'refactor: split the loader', body: 'BREAKING CHANGE: loader() is gone' }],
      '2026-01-01',
    );
    expect(notes).toBe(
      '## v2.0.0 (2026-01-01)\n\n1 commits since v1.9.0.\n\n### Breaking changes\n\n- split the loader (aaaaaaa)\n\n### Refactoring\n\n- split the loader (aaaaaaa)\n',
    );
  });
});
