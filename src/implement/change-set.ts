/**
 * The change the agent made, as data: every path with its action, file mode and new content. It is what the
 * gates check, what the bundle carries between the propose and publish jobs, and what publish turns into
 * blobs and a tree. Collected from the working tree by git status, so changes made by the test command
 * count as much as the agent's own edits.
 */
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createGitWorkspace } from '../core/git.js';

export type ChangeAction = 'create' | 'modify' | 'delete';

export interface ChangeSetFile {
  path: string;
  action: ChangeAction;
  /** Git file mode of the new version; absent for deletions. */
  mode?: '100644' | '100755';
  /** New content; absent for deletions. */
  content?: Buffer;
  /** The working-tree entry is a symbolic link or something else that is not a regular file: never published. */
  notRegularFile?: boolean;
}

/** The content of `path` at HEAD, or null when it did not exist there. */
export async function readHeadFile(workspace: string, path: string): Promise<Buffer | null> {
  return createGitWorkspace(workspace).readHeadFile(path);
}

/** Every change in the working tree against HEAD (untracked files included, ignored files not), sorted by path. */
export async function collectChanges(workspace: string): Promise<ChangeSetFile[]> {
  const git = createGitWorkspace(workspace);
  const status = await git.status();
  const paths = [...new Set(status.map((change) => change.path))].sort();
  const changes: ChangeSetFile[] = [];
  for (const path of paths) {
    const absolute = join(workspace, path);
    const stat = await lstat(absolute).catch(() => null);
    if (!stat) {
      changes.push({ path, action: 'delete' });
      continue;
    }
    const existed = (await readHeadFile(workspace, path)) !== null;
    const action: ChangeAction = existed ? 'modify' : 'create';
    if (!stat.isFile()) {
      changes.push({ path, action, notRegularFile: true });
      continue;
    }
    changes.push({ path, action, mode: stat.mode & 0o111 ? '100755' : '100644', content: await readFile(absolute) });
  }
  return changes;
}
