/**
 * The manifest and lockfile an update may change, as bytes: taken before the update, written back exactly
 * when the tests fail, and compared afterwards so a restore that is not byte-identical is caught, not assumed.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from '../core/digest.js';

/** path → content, null when the file does not exist. */
export type FileSnapshot = Map<string, Buffer | null>;

export async function takeSnapshot(workspace: string, paths: readonly string[]): Promise<FileSnapshot> {
  const snapshot: FileSnapshot = new Map();
  for (const path of paths) snapshot.set(path, await readFile(join(workspace, path)).catch(() => null));
  return snapshot;
}

export async function writeSnapshot(workspace: string, snapshot: FileSnapshot): Promise<void> {
  for (const [path, content] of snapshot) {
    if (content === null) await rm(join(workspace, path), { force: true });
    else await writeFile(join(workspace, path), content);
  }
}

export function digestOf(content: Buffer | null): string {
  return content === null ? 'absent' : sha256(content);
}

/** Pure: the paths whose content differs between two snapshots of the same files. */
export function changedPaths(before: FileSnapshot, after: FileSnapshot): string[] {
  return [...after.keys()].filter((path) => digestOf(before.get(path) ?? null) !== digestOf(after.get(path) ?? null));
}

/** Writes `snapshot` back and reads it again: the paths that still differ (none when the restore is exact). */
export async function restoreSnapshot(workspace: string, snapshot: FileSnapshot): Promise<string[]> {
  await writeSnapshot(workspace, snapshot);
  return changedPaths(snapshot, await takeSnapshot(workspace, [...snapshot.keys()]));
}
