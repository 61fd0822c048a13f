import { describe, expect } from 'vitest';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { mergeCalls, runAutoMerge, seedAgentPull, stickyComment, test } from '../merge/scenario.js';

// Runner emulation: a pull request that changes what CI runs needs a human, read from package.json's content
// (a parsed comparison of the base branch's version and the head's) and from the default require-human paths.

const PACKAGE = { name: 'widgets', version: '1.0.0', scripts: { test: 'vitest run', build: 'tsc' }, dependencies: { zod: '^4.0.0' } };

function seedPackage(gh: GitHubEmulator): void {
  gh.state.commitFiles('main', { 'package.json': `${JSON.stringify(PACKAGE, null, 2)}\n` }, { message: 'chore: package.json' });
}

function packageJson(changes: Record<string, unknown>): string {
  return `${JSON.stringify({ ...PACKAGE, ...changes }, null, 2)}\n`;
}

describe.concurrent('bundled auto-merge: changes to what runs', { timeout: 120_000 }, () => {
  test('refuses a pull request that turns scripts.test into "exit 0"', async ({ gh }) => {
    seedPackage(gh);
    const pull = seedAgentPull(gh, { files: { 'package.json': packageJson({ scripts: { test: 'exit 0', build: 'tsc' } }) } });
    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ merged: 'false', status: 'refused' });
    expect(run.outputs.reason).toBe('paths: changes what runs: `package.json` (`scripts` changes): a human must merge');
    expect(gh.state.pull(pull.number)?.merged).toBe(false);
    expect(mergeCalls(gh)).toBe(0);
    expect(stickyComment(gh, pull.number)).toContain('**Not merged: paths: changes what runs');
    // Both versions of package.json were read: the base branch's and the head's.
    expect(gh.countRequests({ method: 'GET', path: /\/contents\/package\.json$/ })).toBe(2);
  });

  test('refuses a dependency that moves to a git source', async ({ gh }) => {
    seedPackage(gh);
    const pull = seedAgentPull(gh, { files: { 'package.json': packageJson({ dependencies: { zod: 'github:mallory/zod' } }) } });
    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(run.outputs).toMatchObject({ merged: 'false', status: 'refused' });
    expect(run.outputs.reason).toBe(
      'paths: changes what runs: `package.json` (`dependencies.zod` comes from `github:mallory/zod`, not the registry): a human must merge',
    );
    expect(mergeCalls(gh)).toBe(0);
  });

  test('refuses a change to a test-runner config and to CODEOWNERS by their default paths', async ({ gh }) => {
    const pull = seedAgentPull(gh, { files: { 'vitest.config.ts': 'export default {};\n', CODEOWNERS: '* @mallory\n' } });
    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(run.outputs).toMatchObject({ merged: 'false', status: 'refused' });
    expect(run.outputs.reason).toBe(
      'paths: touches require-human paths: `CODEOWNERS` (`CODEOWNERS`) and `vitest.config.ts` (`**/{jest,vitest,playwright,karma,babel,webpack,vite,rollup}.config.*`): a human must merge',
    );
    expect(mergeCalls(gh)).toBe(0);
  });

  test('control: a version bump and a new dependency range merge', async ({ gh }) => {
    seedPackage(gh);
    const pull = seedAgentPull(gh, {
      files: { 'package.json': packageJson({ version: '1.1.0', dependencies: { zod: '^4.2.0' } }), 'src/widget.ts': 'export const widget = 1;\n' },
    });
    const run = await runAutoMerge(gh, { inputs: { 'pull-request-number': pull.number } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ merged: 'true', status: 'merged' });
    expect(gh.state.pull(pull.number)?.merged).toBe(true);
    expect(mergeCalls(gh)).toBe(1);
  });
});
