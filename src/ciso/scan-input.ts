/**
 * Turns a pull request, read through the API as data, into what the deterministic scanners read: the added
 * lines of every changed file (lockfiles and vendored code included: a secret there leaks just the same),
 * the whole head version of workflow files, and manifests before and after. Nothing is checked out or run.
 */
import { isDependencyFile, type ManifestVersions } from '../scan/deps/changes.js';
import { parsePatch, type ScanFile } from '../scan/diff.js';
import { isActionMetadataPath, isWorkflowPath } from '../scan/patterns/workflow-rules.js';

/** A changed file as the pull-request files API lists it. */
export interface ChangedFile {
  filename: string;
  previousFilename?: string | undefined;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  /** Absent for binary files and for diffs GitHub considers too large to send. */
  patch?: string | undefined;
}

/** A file's text at a ref, or undefined when there is none (absent, binary, too large). */
export type ContentReader = (path: string, ref: string) => Promise<string | undefined>;

export interface ScanInputs {
  files: ScanFile[];
  manifests: ManifestVersions[];
  /** Files the scanners could not read, with why: said in the summary, and the review is then incomplete. */
  unscanned: Array<{ path: string; reason: string }>;
}

function scanStatus(status: ChangedFile['status']): ScanFile['status'] {
  if (status === 'added') return 'added';
  if (status === 'removed') return 'deleted';
  if (status === 'renamed') return 'renamed';
  return 'modified';
}

/**
 * Lines of `after` that `before` does not have, counting repeats: the added lines when GitHub sends no patch.
 * An approximation (a moved line does not count as added), good enough for scanning.
 */
export function addedByContent(before: string, after: string): Array<{ line: number; text: string }> {
  const remaining = new Map<string, number>();
  for (const line of before.split('\n')) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  const lines = after.split('\n');
  // A trailing newline is not a line of its own.
  if (lines[lines.length - 1] === '') lines.pop();
  const added: Array<{ line: number; text: string }> = [];
  lines.forEach((text, index) => {
    const left = remaining.get(text) ?? 0;
    if (left > 0) remaining.set(text, left - 1);
    else added.push({ line: index + 1, text });
  });
  return added;
}

export async function collectScanInputs(changed: readonly ChangedFile[], read: ContentReader, refs: { base: string; head: string }): Promise<ScanInputs> {
  const files: ScanFile[] = [];
  const manifests: ManifestVersions[] = [];
  const unscanned: ScanInputs['unscanned'] = [];
  for (const entry of changed) {
    if (entry.status === 'removed' || entry.status === 'unchanged') continue;
    const path = entry.filename;
    const basePath = entry.previousFilename ?? path;
    let file: ScanFile | undefined;
    if (entry.patch !== undefined) {
      file = parsePatch(path, entry.patch, scanStatus(entry.status));
    } else {
      // No patch: binary, or a diff too large for the API. Compare the two versions instead.
      const after = await read(path, refs.head);
      if (after === undefined) {
        unscanned.push({ path, reason: 'no diff from the API and no readable text at the head (binary or too large)' });
      } else {
        const before = entry.status === 'added' ? '' : ((await read(basePath, refs.base)) ?? '');
        file = { path, status: scanStatus(entry.status), added: addedByContent(before, after), context: [], content: after };
      }
    }
    if (file && (isWorkflowPath(path) || isActionMetadataPath(path)) && file.content === undefined) {
      const content = await read(path, refs.head);
      if (content !== undefined) file.content = content;
    }
    if (file) files.push(file);
    if (isDependencyFile(path)) {
      const after = await read(path, refs.head);
      const before = entry.status === 'added' ? undefined : await read(basePath, refs.base);
      if (after === undefined) unscanned.push({ path, reason: 'the manifest could not be read at the head for dependency checks' });
      else manifests.push({ path, after, ...(before !== undefined ? { before } : {}) });
    }
  }
  return { files, manifests, unscanned };
}
