/**
 * One update at a time, in the order given: move one package (manifest and lockfile, in the sandbox), install,
 * run the tests in the sandbox; keep it on green, restore both files byte for byte on red and say why. The
 * next update starts from what was kept. Stops at `maxUpdates` attempts or the time budget.
 */
import type { Sandbox } from '../core/sandbox/index.js';
import { installDependencies } from '../implement/install/index.js';
import { runTests, truncateTestOutput } from '../implement/test-runner/index.js';
import { firstFailingTest } from './failing-test.js';
import { changedPaths, digestOf, restoreSnapshot, takeSnapshot, writeSnapshot, type FileSnapshot } from './tracked-files.js';
import type { PlannedUpdate } from './types.js';

/** Characters of test or install output kept as the evidence of a revert. */
export const EVIDENCE_CHARS = 1_500;

export interface KeptFile {
  path: string;
  /** null: the update deleted it. */
  content: Buffer | null;
}

export type UpdateResult =
  | { status: 'kept'; update: PlannedUpdate; files: KeptFile[]; testMs: number }
  | {
      status: 'reverted';
      update: PlannedUpdate;
      /** Why: the tests failed, the install failed, or the package manager could not make the update. */
      stage: 'update' | 'install' | 'tests';
      reason: string;
      failingTest?: string;
      output: string;
      /** The files as restored, with their SHA-256: the same as before the update. */
      restored: Array<{ path: string; sha256: string }>;
    }
  | { status: 'unchanged'; update: PlannedUpdate; reason: string };

export interface NotAttempted {
  update: PlannedUpdate;
  reason: string;
}

export interface LoopOptions {
  sandbox: Sandbox;
  workspace: string;
  testCommand: string;
  /** The configured install command; undefined detects it from the lockfiles. */
  installCommand: string | undefined;
  installTimeoutMs: number;
  testTimeoutMs: number;
  maxUpdates: number;
  /** Epoch ms after which no new update starts. */
  deadline: number;
  /** Every manifest and lockfile the janitor itself changes in the checkout. */
  tracked: readonly string[];
  now: () => number;
  log: (message: string) => void;
}

export interface PlannedWork {
  update: PlannedUpdate;
  /** The files this package manager owns (manifest, lockfile). */
  files: readonly string[];
}

async function readBack(sandbox: Sandbox, paths: readonly string[]): Promise<FileSnapshot> {
  const snapshot: FileSnapshot = new Map();
  for (const path of paths) snapshot.set(path, await sandbox.readFile(path));
  return snapshot;
}

async function restore(workspace: string, before: FileSnapshot): Promise<Array<{ path: string; sha256: string }>> {
  const differing = await restoreSnapshot(workspace, before);
  if (differing.length > 0) throw new Error(`restoring ${differing.join(', ')} did not give back the bytes from before the update; stopping`);
  return [...before].map(([path, content]) => ({ path, sha256: digestOf(content) }));
}

async function attempt(work: PlannedWork, options: LoopOptions): Promise<UpdateResult> {
  const { update } = work;
  const { sandbox, workspace } = options;
  const before = await takeSnapshot(workspace, work.files);
  const remaining = () => Math.max(1_000, options.deadline - options.now());

  options.log(`janitor: ${update.name} ${update.from} → ${update.to}: ${update.command}`);
  const moved = await sandbox.run(update.command, { timeoutMs: Math.min(options.installTimeoutMs, remaining()), label: 'update command' });
  const after = await readBack(sandbox, work.files);
  const changed = changedPaths(before, after);
  if (moved.timedOut || moved.exitCode !== 0) {
    // Written back even when the checkout was not touched: the sandbox copy syncs from it before the next command.
    return {
      status: 'reverted',
      update,
      stage: 'update',
      reason: `\`${update.command}\` ${moved.timedOut ? 'did not finish in time' : `exited with ${moved.exitCode ?? 'no exit code'}`}`,
      output: truncateTestOutput(moved.output, EVIDENCE_CHARS),
      restored: await restore(workspace, before),
    };
  }
  if (changed.length === 0) {
    await writeSnapshot(workspace, before);
    return { status: 'unchanged', update, reason: `\`${update.command}\` left ${work.files.join(' and ')} as they were` };
  }
  await writeSnapshot(workspace, after);

  const install = await installDependencies({
    sandbox,
    workspace,
    configured: options.installCommand,
    timeoutMs: Math.min(options.installTimeoutMs, remaining()),
    changedByCaller: options.tracked,
    log: options.log,
  });
  if (install.status === 'failed') {
    return {
      status: 'reverted',
      update,
      stage: 'install',
      reason: `the install failed after the update: ${install.note ?? 'no detail'}`,
      output: truncateTestOutput(install.output ?? '', EVIDENCE_CHARS),
      restored: await restore(workspace, before),
    };
  }
  const tests = await runTests({ sandbox, command: options.testCommand, timeoutMs: Math.min(options.testTimeoutMs, remaining()), maxOutputChars: 60_000 });
  if (tests.passed) return { status: 'kept', update, files: changed.map((path) => ({ path, content: after.get(path) ?? null })), testMs: tests.durationMs };
  const failingTest = firstFailingTest(tests.output);
  return {
    status: 'reverted',
    update,
    stage: 'tests',
    reason: tests.timedOut
      ? 'the tests did not finish in time'
      : `the tests failed (exit ${tests.exitCode ?? 'none'})${failingTest ? `: first failing test "${failingTest}"` : ''}`,
    ...(failingTest ? { failingTest } : {}),
    output: truncateTestOutput(tests.output, EVIDENCE_CHARS),
    restored: await restore(workspace, before),
  };
}

export async function runUpdates(work: readonly PlannedWork[], options: LoopOptions): Promise<{ results: UpdateResult[]; notAttempted: NotAttempted[] }> {
  const results: UpdateResult[] = [];
  const notAttempted: NotAttempted[] = [];
  let attempts = 0;
  for (const item of work) {
    if (attempts >= options.maxUpdates) {
      notAttempted.push({ update: item.update, reason: `max-updates (${options.maxUpdates}) reached` });
      continue;
    }
    if (options.now() >= options.deadline) {
      notAttempted.push({ update: item.update, reason: 'the time budget ran out' });
      continue;
    }
    const result = await attempt(item, options);
    if (result.status !== 'unchanged') attempts++;
    options.log(`janitor: ${item.update.name}: ${result.status}${result.status === 'reverted' ? ` (${result.reason})` : ''}`);
    results.push(result);
  }
  return { results, notAttempted };
}
