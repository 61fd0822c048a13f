/**
 * Reads the files of a workspace worth ranking. A git work tree is listed by git, so .gitignore holds;
 * anything else is walked without following symlinks (a link could lead outside the workspace).
 */
import { lstatSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createGitWorkspace } from '../../core/git.js';
import { isIndexablePath, looksBinary, MAX_INDEXED_FILE_BYTES, MAX_INDEXED_FILES, SKIPPED_DIRECTORIES } from './file-filter.js';

export interface RepoFile {
  path: string;
  content: string;
}

// A folder that git ignores (a package inside node_modules) lists nothing: it is walked instead.
async function gitListed(repoDir: string): Promise<string[] | undefined> {
  try {
    return await createGitWorkspace(repoDir).listFiles();
  } catch {
    return undefined;
  }
}

async function walk(repoDir: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [''];
  while (pending.length > 0 && found.length < MAX_INDEXED_FILES) {
    const relative = pending.shift() ?? '';
    const entries = await readdir(join(repoDir, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(path);
      } else if (entry.isFile()) {
        found.push(path);
      }
    }
  }
  return found;
}

/** The workspace's indexable text files, sorted by path. */
export async function readRepoFiles(repoDir: string): Promise<RepoFile[]> {
  const listed = (await gitListed(repoDir)) ?? (await walk(repoDir));
  const paths = listed.filter(isIndexablePath).sort().slice(0, MAX_INDEXED_FILES);
  // Synchronous reads: thousands of small files are read several times faster this way than through the
  // thread pool one promise at a time, and nothing else waits on this step.
  const files: RepoFile[] = [];
  for (const path of paths) {
    const absolute = join(repoDir, path);
    let buffer: Buffer;
    try {
      const stat = lstatSync(absolute);
      // Symlinks are skipped: their target may be outside the workspace or a duplicate of a file listed anyway.
      if (!stat.isFile() || stat.size > MAX_INDEXED_FILE_BYTES) continue;
      buffer = readFileSync(absolute);
    } catch {
      continue;
    }
    if (!looksBinary(buffer)) files.push({ path, content: buffer.toString('utf8') });
  }
  return files;
}
