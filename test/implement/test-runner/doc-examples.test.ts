import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSandbox, type Sandbox } from '../../../src/core/sandbox/index.js';
import { changedDocExamples, isDocsIssue, withDocExamples } from '../../../src/implement/test-runner/doc-examples.js';
import type { TestRun } from '../../../src/implement/test-runner/index.js';

// Implement on a [Docs] issue: the code blocks its change adds or edits in the docs run with the tests.
let dir: string;
let sandbox: Sandbox | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agentic-doc-examples-'));
  await writeFile(join(dir, 'package.json'), '{"name":"calc","type":"module","exports":"./index.js"}\n');
  await writeFile(join(dir, 'index.js'), 'export const add = (a, b) => a + b;\n');
  await writeFile(join(dir, 'README.md'), '# calc\n\n```sh\nexit 3\n```\n');
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Dev',
    GIT_AUTHOR_EMAIL: 'dev@example.com',
    GIT_COMMITTER_NAME: 'Dev',
    GIT_COMMITTER_EMAIL: 'dev@example.com',
  };
  for (const args of [
    ['init', '--quiet'],
    ['add', '-A'],
    ['commit', '--quiet', '-m', 'base'],
  ])
    execFileSync('git', ['-C', dir, ...args], { env, stdio: 'ignore' });
});
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  await rm(dir, { recursive: true, force: true });
});

const green: TestRun = { command: 'npm test', exitCode: 0, passed: true, timedOut: false, output: '# pass 3', durationMs: 10 };

describe('[Docs] issues: changed code blocks run with the tests', () => {
  it('a new example that fails fails the run with the block and its output; a working one passes; blocks already there are not rerun', async () => {
    expect(isDocsIssue('[Docs] The shell example at README.md:3 no longer runs')).toBe(true);
    expect(isDocsIssue('[Bug] TypeError in docs.ts')).toBe(false);
    sandbox = await openSandbox({ workspace: dir, network: 'allow', privatePaths: [], env: process.env, allowUnisolated: true });
    const readme =
      '# calc\n\n```sh\nexit 3\n```\n\n```js\nimport { add } from "calc";\nif (add(2, 2) !== 5) throw new Error("add(2, 2) is " + add(2, 2));\n```\n';
    await writeFile(join(dir, 'README.md'), readme);
    // The old `exit 3` block is not the change's: only the new JavaScript block runs.
    expect((await changedDocExamples(dir, ['README.md'])).map((snippet) => snippet.line)).toEqual([7]);
    const red = await withDocExamples(green, { sandbox, workspace: dir, changed: ['README.md', 'index.js'], timeoutMs: 30_000 });
    expect(red.passed).toBe(false);
    expect(red.exitCode).toBe(1);
    expect(red.output).toContain('FAILED: code block at README.md:7');
    expect(red.output).toContain('add(2, 2) is 4');

    // Control: the example fixed, the run stays green and says what ran.
    await writeFile(join(dir, 'README.md'), readme.replace('!== 5', '!== 4'));
    const fixed = await withDocExamples(green, { sandbox, workspace: dir, changed: ['README.md'], timeoutMs: 30_000 });
    expect(fixed.passed).toBe(true);
    expect(fixed.output).toContain('ok: code block at README.md:7');
    // No docs file changed: the test run is returned as it was.
    expect(await withDocExamples(green, { sandbox, workspace: dir, changed: ['index.js'], timeoutMs: 30_000 })).toBe(green);
  });
});
