import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitsOnBranch, fileAtCommit, runJanitor, sha256, startJanitorWorld } from '../janitor/scenario.js';

// Runner emulation on the bundled dist/janitor.js, against a real npm and the npm registry emulator: the
// repository's own node:test suite, run in the sandbox, decides which update is kept.
function pulls(world: Awaited<ReturnType<typeof startJanitorWorld>>) {
  return [...world.gh.state.pulls.values()].filter((pull) => pull.headRef.startsWith('automated/janitor-'));
}

function issues(world: Awaited<ReturnType<typeof startJanitorWorld>>) {
  return [...world.gh.state.issues.values()].filter((issue) => !issue.isPullRequest);
}

describe('bundled janitor', { timeout: 600_000 }, () => {
  it('keeps two updates as one commit each, reverts the one that breaks the tests byte for byte naming its failing test, suggests the major; a rerun the same week updates the same pull request', async () => {
    const world = await startJanitorWorld();
    try {
      const first = await runJanitor(world);
      expect(first.stderr).toBe('');
      expect(first.outputs).toMatchObject({ status: 'opened', kept: '2', reverted: '1', majors: '1', branch: 'automated/janitor-2026-12-06' });
      expect(first.exitCode).toBe(0);

      // One commit per kept package, in dependency order (tint before colorize, which needs it), on the tested base.
      const commits = commitsOnBranch(world.gh, 'automated/janitor-2026-12-06');
      expect(commits.map((commit) => commit.message)).toEqual(['chore(deps): bump tint from 1.0.0 to 1.1.0', 'chore(deps): bump money from 1.0.0 to 1.2.0']);
      const [tintCommit, moneyCommit] = commits as [(typeof commits)[number], (typeof commits)[number]];
      expect(tintCommit.parent).toBe(world.gh.state.branchSha('main'));
      const lockAfterTint = fileAtCommit(world.gh, tintCommit.sha, 'package-lock.json') ?? '';
      const lockAfterMoney = fileAtCommit(world.gh, moneyCommit.sha, 'package-lock.json') ?? '';
      expect(JSON.parse(lockAfterTint).packages['node_modules/tint'].version).toBe('1.1.0');
      expect(JSON.parse(lockAfterMoney).packages['node_modules/money'].version).toBe('1.2.0');
      expect(JSON.parse(lockAfterMoney).packages['node_modules/colorize'].version).toBe('1.0.0');
      // Within the declared ranges only the lockfile moves.
      expect(fileAtCommit(world.gh, moneyCommit.sha, 'package.json')).toBe(world.files['package.json']);

      // colorize was tried between the two: restored to exactly the bytes it had after tint's commit.
      const pull = pulls(world)[0];
      const body = world.gh.state.issue(pull?.number ?? 0)?.body ?? '';
      expect(body).toContain('### Reverted (1)');
      expect(body).toMatch(/`colorize` `1\.0\.0` → `1\.1\.0`: the tests failed; first failing test `colorize wraps text in brackets`/);
      expect(body).toContain(`\`package-lock.json\` (sha256 \`${sha256(lockAfterTint).slice(0, 12)}\`)`);
      expect(body).toContain(`\`package.json\` (sha256 \`${sha256(world.files['package.json'] ?? '').slice(0, 12)}\`)`);
      expect(body).toMatch(/AssertionError|Expected values to be strictly equal/);
      expect(first.summary).toContain('colorize wraps text in brackets');

      // The major is a [Dependency] suggestion with its changelog, not an update.
      const suggestion = issues(world).find((issue) => issue.title.startsWith('[Dependency] money'));
      expect(suggestion?.title).toBe('[Dependency] money 1.0.0 → 2.0.0 (major version)');
      expect(suggestion?.body).toContain('https://github.com/acme/money/releases');
      const labels = suggestion?.labelIds.map((id) => world.gh.state.labels.get(id)?.name).sort();
      expect(labels).toEqual(['agent-suggestion', 'needs-approval', 'severity-low', 'source:janitor']);

      // The checkout is left as it was found.
      expect(execFileSync('git', ['-C', world.workspace, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' })).toBe('');
      expect(readFileSync(join(world.workspace, 'package-lock.json'), 'utf8')).toBe(world.files['package-lock.json']);

      // Later that week tint 1.1.1 appears: the rerun moves the same pull request's branch, files nothing twice.
      world.registry.publish({
        name: 'tint',
        versions: [{ version: '1.1.1', files: { 'index.js': "module.exports = (text) => '[' + String(text) + ']';\n" } }],
      });
      const second = await runJanitor(world);
      expect(second.outputs).toMatchObject({ status: 'updated', 'pull-request-number': String(pull?.number), kept: '2', reverted: '1' });
      expect(pulls(world)).toHaveLength(1);
      expect(commitsOnBranch(world.gh, 'automated/janitor-2026-12-06').map((commit) => commit.message)).toEqual([
        'chore(deps): bump tint from 1.0.0 to 1.1.1',
        'chore(deps): bump money from 1.0.0 to 1.2.0',
      ]);
      expect(issues(world).filter((issue) => issue.title.startsWith('[Dependency]'))).toHaveLength(1);
    } finally {
      await world.close();
    }
  });

  it('a red base stops before any update, says so and blames no update (the first test, with passing tests, is its control)', async () => {
    const world = await startJanitorWorld({
      tests: "const test = require('node:test');\nconst assert = require('node:assert');\ntest('checkout total', () => assert.strictEqual(1 + 1, 3));\n",
    });
    try {
      const run = await runJanitor(world);
      expect(run.outputs).toMatchObject({ status: 'red-base', kept: '0', reverted: '0' });
      expect(run.exitCode).not.toBe(0);
      expect(run.summary).toContain('fail on');
      expect(run.summary).toContain('before any update');
      expect(run.summary).toContain('`checkout total`');
      expect(run.summary).toContain('none is blamed');
      // Nothing tried: no newer tarball fetched, no branch, no pull request, no suggestion.
      expect(world.registry.requests.some((request) => /-1\.1\.0\.tgz$|-1\.2\.0\.tgz$/.test(request.path))).toBe(false);
      expect(pulls(world)).toHaveLength(0);
      expect(issues(world)).toHaveLength(0);
    } finally {
      await world.close();
    }
  });

  it('a lockfile npm cannot install stops with a clear message before any update', async () => {
    const world = await startJanitorWorld();
    try {
      const lock = JSON.parse(world.files['package-lock.json'] ?? '{}') as { packages: Record<string, { integrity?: string }> };
      const entry = lock.packages['node_modules/money'];
      if (entry) entry.integrity = 'sha512-' + Buffer.alloc(64).toString('base64');
      world.gh.state.commitFiles('main', { 'package-lock.json': `${JSON.stringify(lock, null, 2)}\n` }, { message: 'corrupt lockfile' });
      execFileSync('git', ['-C', world.workspace, 'pull', '--quiet'], { stdio: 'ignore' });
      const run = await runJanitor(world);
      expect(run.outputs).toMatchObject({ status: 'install-failed' });
      expect(run.exitCode).not.toBe(0);
      expect(run.summary).toContain('could not be installed');
      expect(run.summary).toContain('npm ci');
      expect(pulls(world)).toHaveLength(0);
    } finally {
      await world.close();
    }
  });
});
