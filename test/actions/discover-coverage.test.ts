import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { startModelEmulator, type ModelEmulator } from '../../src/emulators/model/index.js';
import { NOW, runDiscover, suggestionIssues } from '../discover/harness.js';

// Realistic repositories whose coverage really runs here, in the sandbox: node's own test runner with its lcov
// reporter, coverage.py's Cobertura XML, go test's cover profile. Each checkout has git history so churn counts.

const hasGo = (() => {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
/** A python3 with coverage.py (Debian's python3-coverage, or pip's): its folder goes first on the action's PATH. */
const coveragePython = ['python3', '/usr/bin/python3', '/usr/local/bin/python3'].find((python) => {
  try {
    execFileSync(python, ['-m', 'coverage', '--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

function git(dir: string, args: string[], date = '2026-06-01T10:00:00Z'): void {
  execFileSync('git', ['-C', dir, ...args], {
    stdio: 'ignore',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Dev',
      GIT_AUTHOR_EMAIL: 'dev@example.com',
      GIT_COMMITTER_NAME: 'Dev',
      GIT_COMMITTER_EMAIL: 'dev@example.com',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    },
  });
}

/** A checkout of the fixture repository: an initial commit older than the churn window, then `touches` recent commits on the given files. */
function checkout(name: string, touches: Record<string, number> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `discover-coverage-${name}-`));
  cpSync(join(import.meta.dirname, '..', 'fixtures', 'discover', 'coverage-repos', name), dir, { recursive: true });
  git(dir, ['init', '--quiet', '--initial-branch=main']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '--quiet', '-m', 'initial']);
  let day = 10;
  for (const [file, count] of Object.entries(touches)) {
    for (let n = 0; n < count; n++) {
      execFileSync('sh', ['-c', `printf '\\n' >> "$1"`, 'sh', join(dir, file)]);
      git(dir, ['commit', '--quiet', '-am', `touch ${file} ${n}`], `2026-11-${day++}T10:00:00Z`);
    }
  }
  return dir;
}

describe('bundled discover: the coverage analyst', { timeout: 300_000 }, () => {
  let gh: GitHubEmulator;
  let model: ModelEmulator;
  const made: string[] = [];
  const workspace = (name: string, touches?: Record<string, number>) => {
    const dir = checkout(name, touches);
    made.push(dir);
    return dir;
  };
  const inputs = () => ({ analysts: 'coverage', 'openai-api-key': 'sk-test-key-for-the-emulator', 'base-url': model.openaiBaseUrl });
  const fresh = async () => {
    await gh?.close();
    gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets', files: { 'README.md': '# widgets\n' } });
    gh.clock.set(NOW);
  };

  beforeAll(async () => {
    model = await startModelEmulator();
  });
  afterAll(async () => {
    await gh?.close();
    await model.close();
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it("Node (node --test's lcov): files the riskiest file first with its uncovered functions and line ranges; the cap holds, a rerun files nothing new, no model call", async () => {
    await fresh();
    const dir = workspace('node', { 'src/cart.js': 3, 'src/tax.js': 1 });
    const first = await runDiscover(gh, { ...inputs(), 'max-new-issues': '1' }, { workspace: dir });
    expect(first.exitCode, first.stderr + first.summary).toBe(0);
    expect(first.summary).toContain("node's test runner (node --test)");
    expect(first.summary).toMatch(/Read coverage\/lcov\.info \(lcov\): 2 source files, \d+ of \d+ lines covered/);
    const issues = suggestionIssues(gh);
    expect(issues.map((issue) => issue.title)).toEqual(['[Tests] Cover lineTotal, applyDiscount, formatTotal in src/cart.js (8 uncovered lines)']);
    const cart = issues[0];
    expect(cart?.labels).toEqual(['agent-suggestion', 'needs-approval', 'severity-medium', 'source:coverage']);
    // Functions with their uncovered line ranges; formatTotal was never called.
    expect(cart?.body).toContain('- `lineTotal`: lines 3–4');
    expect(cart?.body).toContain('- `applyDiscount`: lines 10–13');
    expect(cart?.body).toContain('- `formatTotal`: lines 17–18 (never called by any test)');
    // Risk = 8 uncovered × (1 + 3 commits) × (1 + 3 importers).
    expect(cart?.body).toContain('| Risk | 8 × (1 + 3) × (1 + 3) = 128 |');
    expect(cart?.body).toContain('3 files: `src/checkout.js`, `src/index.js`, `src/receipt.js`');
    expect(cart?.body).toMatch(/<!-- agentic-workflow:suggestion \{.*"category":"coverage:tests"/);
    expect(first.summary).toMatch(/over tonight's cap of 1/);

    const second = await runDiscover(gh, inputs(), { workspace: dir });
    expect(second.exitCode, second.stderr + second.summary).toBe(0);
    const titles = suggestionIssues(gh).map((issue) => issue.title);
    expect(titles).toHaveLength(2);
    expect(titles[1]).toBe('[Tests] Cover vatRate in src/tax.js (2 uncovered lines)');
    expect(suggestionIssues(gh)[1]?.body).toContain('| Risk | 2 × (1 + 1) × (1 + 1) = 8 |');

    const third = await runDiscover(gh, inputs(), { workspace: dir });
    expect(third.exitCode, third.stderr + third.summary).toBe(0);
    expect(third.outputs['issues-created']).toBe('0');
    expect(third.outputs.known).toBe('2');
    expect(suggestionIssues(gh)).toHaveLength(2);
    expect(model.requests).toHaveLength(0);
  });

  it.skipIf(!coveragePython)(
    "Python (coverage.py's Cobertura XML): functions come from the source, test files and site-packages are left out, a module no test imports counts",
    async () => {
      await fresh();
      const dir = workspace('python', { 'shop/shipping.py': 2 });
      const bin = coveragePython?.includes('/') ? dirname(coveragePython) : undefined;
      const env: Record<string, string> = bin ? { PATH: `${bin}:${process.env.PATH ?? ''}` } : {};
      const run = await runDiscover(gh, { ...inputs(), 'max-new-issues': '10' }, { workspace: dir, env });
      expect(run.exitCode, run.stderr + run.summary).toBe(0);
      expect(run.summary).toContain('coverage.py');
      const issues = suggestionIssues(gh);
      expect(issues.map((issue) => issue.title)).toEqual([
        '[Tests] Cover line_total, apply_discount, format_total in shop/cart.py (5 uncovered lines)',
        '[Tests] Cover shipping_cost in shop/shipping.py (2 uncovered lines)',
        // No test imports checkout.py: coverage.py's --source=. still counts its lines.
        '[Tests] Cover checkout in shop/checkout.py (4 uncovered lines)',
      ]);
      expect(issues[2]?.body).toContain('- module top level: line 1');
      expect(issues[2]?.body).toContain('- `checkout`: lines 4–6');
      expect(issues[0]?.body).toContain('- `apply_discount`: lines 10–12');
      expect(issues[0]?.body).toContain('- `format_total`: line 16');
      expect(issues[0]?.body).toContain('1 file: `shop/checkout.py`');
      expect(issues[1]?.body).toContain('| Risk | 2 × (1 + 2) × (1 + 0) = 6 |');
    },
  );

  it.skipIf(!hasGo)("Go (go test's cover profile): import paths land on the repository's files", async () => {
    await fresh();
    const dir = workspace('go');
    const run = await runDiscover(gh, { ...inputs(), 'max-new-issues': '10' }, { workspace: dir });
    expect(run.exitCode, run.stderr + run.summary).toBe(0);
    expect(run.summary).toContain('go test -coverprofile');
    const [cart, ...rest] = suggestionIssues(gh);
    expect(rest).toHaveLength(0);
    expect(cart?.title).toBe('[Tests] Cover LineTotal, ApplyDiscount in cart/cart.go (8 uncovered lines)');
    expect(cart?.body).toContain('- `LineTotal`: lines 8–9');
    expect(cart?.body).toContain('- `ApplyDiscount`: lines 18–24');
    expect(cart?.body).toContain('1 file: `checkout/checkout.go`');
  });
  if (!hasGo) it.skip('Go is not installed here: the Go coverage scenario did not run', () => undefined);
  if (!coveragePython)
    it.skip('coverage.py is not installed here (apt-get install python3-coverage): the Python coverage scenario did not run', () => undefined);

  it('no coverage tool: the summary says what was tried and how to configure one; no issue, no failure', async () => {
    await fresh();
    const dir = workspace('node');
    const plain = join(dir, 'package.json');
    execFileSync('sh', ['-c', `printf '{"name":"plain","scripts":{"test":"mocha"}}' > "$1"`, 'sh', plain]);
    const run = await runDiscover(gh, inputs(), { workspace: dir });
    expect(run.exitCode, run.stderr + run.summary).toBe(0);
    expect(run.summary).toContain('No coverage command found, so coverage was not measured. Tried: Node: package.json has none of vitest');
    expect(run.summary).toContain('Python: no pyproject.toml');
    expect(run.summary).toContain('Go: no go.mod');
    expect(run.summary).toContain('set `coverage-command`');
    expect(suggestionIssues(gh)).toHaveLength(0);
  });

  it('coverage-command and coverage-report under discover: in .github/agentic.yml are used; the inputs win over the file; a bad value names the key', async () => {
    const command = 'mkdir -p reports && node --test --experimental-test-coverage --test-reporter=lcov --test-reporter-destination=reports/lcov.info';
    await gh?.close();
    gh = await startGitHubEmulator({
      owner: 'acme',
      repo: 'widgets',
      files: { 'README.md': '# widgets\n', '.github/agentic.yml': `discover:\n  coverage-command: "${command}"\n  coverage-report: reports/lcov.info\n` },
    });
    gh.clock.set(NOW);
    const dir = workspace('node', { 'src/cart.js': 1 });
    const fromFile = await runDiscover(gh, { ...inputs(), 'max-new-issues': '10' }, { workspace: dir });
    expect(fromFile.exitCode, fromFile.stderr + fromFile.summary).toBe(0);
    expect(fromFile.summary).toContain('the configured coverage-command');
    expect(fromFile.summary).toMatch(/Read reports\/lcov\.info \(lcov\): 2 source files/);
    expect(suggestionIssues(gh).map((issue) => issue.title)).toContain(
      '[Tests] Cover lineTotal, applyDiscount, formatTotal in src/cart.js (8 uncovered lines)',
    );

    // The input wins: its command writes a malformed report where the input says, and that is what is read.
    const fromInput = await runDiscover(
      gh,
      {
        ...inputs(),
        'coverage-command': "mkdir -p elsewhere && printf 'SF:src/cart.js\\nDA:1,1\\n' > elsewhere/lcov.info",
        'coverage-report': 'elsewhere/lcov.info',
      },
      { workspace: dir },
    );
    expect(fromInput.summary).toContain('elsewhere/lcov.info is not a readable lcov report');
    expect(fromInput.summary).not.toContain('reports/lcov.info');

    gh.state.commitFiles('main', { '.github/agentic.yml': 'discover:\n  coverage-command: 42\n' }, { message: 'a number is no command' });
    const bad = await runDiscover(gh, inputs(), { workspace: dir });
    expect(bad.exitCode).toBe(1);
    expect(bad.summary + bad.stderr).toMatch(/\.github\/agentic\.yml:2: discover\.coverage-command is 42; expected a string/);
  });

  it('a malformed lcov report: a clear message, nothing filed, the run ends neutral', async () => {
    await fresh();
    const dir = workspace('node');
    const run = await runDiscover(
      gh,
      { ...inputs(), 'coverage-command': "mkdir -p coverage && printf 'SF:src/cart.js\\nDA:1,1\\nDA:3,0\\n' > coverage/lcov.info" },
      { workspace: dir },
    );
    expect(run.exitCode, run.stderr + run.summary).toBe(0);
    expect(run.summary).toContain('### coverage (incomplete)');
    expect(run.summary).toContain(
      'coverage/lcov.info is not a readable lcov report (the record of src/cart.js has no end_of_record (the file is cut short)); nothing was filed from it.',
    );
    expect(suggestionIssues(gh)).toHaveLength(0);
  });
});
