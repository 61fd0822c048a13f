import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { startModelEmulator, type ModelEmulator } from '../../src/emulators/model/index.js';
import { NOW, runDiscover, suggestionIssues } from '../discover/harness.js';

// A package whose README was written for version 1; version 2 then added an export, a flag, a config key and
// an API operation, and removed the export one README example still imports. Its code blocks really run.
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'discover', 'docs-repo');

function git(dir: string, args: string[], date: string): void {
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

function checkout(): { dir: string; docsCommit: string } {
  const dir = mkdtempSync(join(tmpdir(), 'discover-docs-'));
  cpSync(join(FIXTURE, 'v1'), dir, { recursive: true });
  git(dir, ['init', '--quiet', '--initial-branch=main'], '2026-10-01T10:00:00Z');
  git(dir, ['add', '-A'], '2026-10-01T10:00:00Z');
  git(dir, ['commit', '--quiet', '-m', 'v1 with its README'], '2026-10-01T10:00:00Z');
  const docsCommit = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  cpSync(join(FIXTURE, 'v2'), dir, { recursive: true });
  git(dir, ['commit', '--quiet', '-am', 'v2: cancel orders, --since, retries'], '2026-11-20T10:00:00Z');
  return { dir, docsCommit };
}

describe('bundled discover: docs drift', { timeout: 300_000 }, () => {
  let gh: GitHubEmulator;
  let model: ModelEmulator;
  const made: string[] = [];

  beforeAll(async () => {
    gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets', files: { 'README.md': '# widgets\n' } });
    gh.clock.set(NOW);
    model = await startModelEmulator();
  });
  afterAll(async () => {
    await gh.close();
    await model.close();
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('files the surface added since the docs last changed, the removed export they still show, and the example that no longer runs; a rerun files nothing new; no model call', async () => {
    const { dir, docsCommit } = checkout();
    made.push(dir);
    const inputs = { analysts: 'docs', 'max-new-issues': '10', 'openai-api-key': 'sk-test-key-for-the-emulator', 'base-url': model.openaiBaseUrl };
    const run = await runDiscover(gh, inputs, { workspace: dir });
    expect(run.exitCode, run.stderr + run.summary).toBe(0);
    expect(run.summary).toContain(`The docs last changed in ${docsCommit.slice(0, 12)} (2026-10-01)`);
    // Four blocks run (two JavaScript, a console session, Python); the no-run one is left alone.
    expect(run.summary).toMatch(/Ran 4 code blocks from the docs in the sandbox: 1 failed \(README\.md:16\)/);
    const issues = suggestionIssues(gh);
    expect(issues.map((issue) => issue.title).sort()).toEqual([
      '[Docs] 1 API operation of openapi.yaml not in the docs: POST /orders/{id}/cancel',
      '[Docs] 1 command-line flag of src/cli.js not in the docs: --since',
      '[Docs] 1 configuration key of config.schema.json not in the docs: retries',
      '[Docs] 1 export of src/index.js not in the docs: cancelOrder',
      '[Docs] The JavaScript example at README.md:16 no longer runs (exit 1)',
      '[Docs] The docs still describe 1 removed export: legacyTotal',
    ]);
    const find = (start: string) => issues.find((issue) => issue.title.startsWith(start));
    const example = find('[Docs] The JavaScript example');
    expect(example?.labels).toEqual(['agent-suggestion', 'needs-approval', 'severity-medium', 'source:docs']);
    expect(example?.body).toContain("import { legacyTotal } from 'orders-client';");
    expect(example?.body).toMatch(/does not provide an export named 'legacyTotal'/);
    const cancel = find('[Docs] 1 export');
    expect(cancel?.body).toContain(`since the docs last changed in \`${docsCommit.slice(0, 12)}\` (2026-10-01)`);
    expect(cancel?.body).toContain('- `cancelOrder`');
    expect(cancel?.labels).toContain('severity-low');
    expect(find('[Docs] The docs still describe')?.body).toContain('- `legacyTotal` (was in `src/index.js`)');
    expect(cancel?.body).toMatch(/<!-- agentic-workflow:suggestion \{.*"category":"docs:undocumented"/);

    const again = await runDiscover(gh, inputs, { workspace: dir });
    expect(again.exitCode, again.stderr + again.summary).toBe(0);
    expect(again.outputs['issues-created']).toBe('0');
    expect(again.outputs.known).toBe('6');
    expect(model.requests).toHaveLength(0);
  });

  it('docs that match the code and examples that run: nothing filed, and the summary says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'discover-docs-clean-'));
    made.push(dir);
    cpSync(join(FIXTURE, 'v1'), dir, { recursive: true });
    // Without the example of the removed function, v1's README matches v1's code.
    writeFileSync(
      join(dir, 'README.md'),
      '# orders-client\n\n`createClient`, `listOrders`, `legacyTotal`, `--json`, `--limit`, `baseUrl`, `timeoutMs`, `/orders`, `/orders/{id}`.\n\n```sh\nnode src/cli.js --limit 1\n```\n',
    );
    const before = suggestionIssues(gh).length;
    const run = await runDiscover(gh, { analysts: 'docs' }, { workspace: dir });
    expect(run.exitCode, run.stderr + run.summary).toBe(0);
    expect(run.summary).toContain('The checkout has no git history: every public name counts as new.');
    expect(run.summary).toContain('The docs match the public surface and every code block runs: nothing to suggest.');
    expect(suggestionIssues(gh)).toHaveLength(before);
  });
});
