/**
 * For an issue about the docs (`[Docs]` title), the test step also runs the code blocks the change adds or
 * edits in docs files, the same way the docs drift analyst found the broken ones: in the sandbox, from the
 * repository root, with a time limit. A block that fails makes the run fail, with the block and its output,
 * so the agent fixes the example before it finishes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openGitHistory } from '../../core/git.js';
import type { Sandbox } from '../../core/sandbox/index.js';
import { extractSnippets, failed, isDocsFile, runSnippets, snippetCommand, type Snippet } from '../../discover/docs-drift/snippets.js';
import type { TestRun } from './run-tests.js';

export function isDocsIssue(title: string): boolean {
  return /^\s*\[docs\]/i.test(title);
}

/** Runnable blocks of the changed docs files whose code was not in the file before the change. */
export async function changedDocExamples(workspace: string, changed: readonly string[]): Promise<Snippet[]> {
  const history = await openGitHistory(workspace);
  const snippets: Snippet[] = [];
  for (const path of changed.filter(isDocsFile)) {
    const now = await readFile(join(workspace, path), 'utf8').catch(() => null);
    if (now === null) continue;
    const before = new Set(extractSnippets(path, (await history?.fileAt('HEAD', path)) ?? '').map((snippet) => snippet.code.trim()));
    snippets.push(...extractSnippets(path, now).filter((snippet) => !before.has(snippet.code.trim())));
  }
  return snippets;
}

/** The test run, failed when one of the changed examples does not run. */
export async function withDocExamples(
  tests: TestRun,
  options: { sandbox: Sandbox; workspace: string; changed: readonly string[]; timeoutMs: number },
): Promise<TestRun> {
  const snippets = await changedDocExamples(options.workspace, options.changed);
  if (snippets.length === 0) return tests;
  const runs = await runSnippets(options.sandbox, snippets, options.timeoutMs);
  const broken = runs.filter(failed);
  const report = runs.map(
    (run) =>
      `${failed(run) ? 'FAILED' : 'ok'}: code block at ${run.snippet.file}:${run.snippet.line} (${snippetCommand(run.snippet).slice(0, 200)})${failed(run) ? `\n${run.output.trimEnd().split('\n').slice(-20).join('\n')}` : ''}`,
  );
  const output = `${tests.output}\n\nChanged code blocks in the docs, run from the repository root:\n${report.join('\n')}\n`;
  return broken.length === 0 ? { ...tests, output } : { ...tests, passed: false, exitCode: tests.exitCode === 0 ? 1 : tests.exitCode, output };
}
