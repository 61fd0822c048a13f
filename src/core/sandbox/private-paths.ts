/**
 * Takes read and search rights on the runner's private folders away from everyone but the action's user.
 * Modes are not restored: concurrent steps could restore each other's, and nothing else needs them open.
 */
import { chmod, stat } from 'node:fs/promises';
import { sep } from 'node:path';

function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`);
}

/** Returns a line per folder that could not be made private (the caller reports them). */
export async function makePrivate(paths: readonly string[], sandboxRoot: string): Promise<string[]> {
  const problems: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isDirectory()) continue;
    // A shared folder such as /tmp (sticky, world-writable) or one that holds the sandbox is never closed.
    if (path === sep || (info.mode & 0o1000) !== 0 || isInside(sandboxRoot, path)) {
      problems.push(`${path} is shared with the sandbox and stays readable`);
      continue;
    }
    if ((info.mode & 0o077) === 0) continue;
    if (info.uid !== process.getuid?.()) {
      problems.push(`${path} belongs to another user and stays readable`);
      continue;
    }
    await chmod(path, info.mode & 0o7700);
  }
  return problems;
}
