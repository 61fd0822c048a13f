/**
 * Secret scan of what the change adds, with the same rules the ciso-review uses (src/scan). Only lines that
 * are new count: a line that already existed in the base version is not this change's doing, and flagging it
 * would block every change to a file that once held a test fixture.
 */
import type { AddedLine, ScanFile } from '../../scan/diff.js';
import { scanSecrets } from '../../scan/secrets/scan-secrets.js';
import type { GateProblem } from './gate-types.js';

export interface TextChange {
  path: string;
  action: 'create' | 'modify' | 'delete';
  /** New content (UTF-8); undefined for deletions. */
  after?: string;
  /** Content at the base commit; null when the file is new. */
  before: string | null;
}

/** Pure: the lines of `after` that `before` does not already hold (as a multiset), with their line numbers. */
export function addedLines(before: string | null, after: string): AddedLine[] {
  const pool = new Map<string, number>();
  for (const line of (before ?? '').split('\n')) pool.set(line, (pool.get(line) ?? 0) + 1);
  const added: AddedLine[] = [];
  after.split('\n').forEach((raw, index) => {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const left = pool.get(raw) ?? 0;
    if (left > 0) pool.set(raw, left - 1);
    else if (text !== '') added.push({ line: index + 1, text });
  });
  return added;
}

export function checkSecrets(changes: readonly TextChange[], now: number): { problems: GateProblem[]; secrets: string[] } {
  const files: ScanFile[] = changes
    .filter((change) => change.action !== 'delete' && change.after !== undefined)
    .map((change) => ({
      path: change.path,
      status: change.before === null ? 'added' : 'modified',
      added: addedLines(change.before, change.after ?? ''),
      context: [],
      content: change.after ?? '',
    }));
  const result = scanSecrets(files, { now });
  const problems: GateProblem[] = result.findings
    .filter((finding) => finding.severity === 'critical' || finding.severity === 'high')
    .map((finding) => ({ gate: 'secret', path: finding.path, message: `${finding.path}:${finding.line}: ${finding.title}` }));
  return { problems, secrets: result.secrets };
}
