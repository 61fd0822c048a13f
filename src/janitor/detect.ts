/** Which package managers a repository uses, read from the lockfiles at its root (as the install step does). */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { goManager } from './ecosystems/go.js';
import { npmManager, pnpmManager, yarnManager } from './ecosystems/npm.js';
import { declaredPythonNames, pinnedRequirements, pipManager, pipToolsManager, poetryManager, uvManager } from './ecosystems/python.js';
import { declaredPyprojectNames } from './ecosystems/pyproject.js';
import type { JanitorEcosystem, PackageManager } from './types.js';

export interface Detection {
  managers: PackageManager[];
  /** What was found and left alone, and why (Yarn 2+, no lockfile…), for the summary. */
  notes: string[];
}

export async function detectPackageManagers(workspace: string, ecosystems: readonly JanitorEcosystem[]): Promise<Detection> {
  const entries = new Set(await readdir(workspace).catch(() => [] as string[]));
  const has = (name: string) => entries.has(name);
  const read = async (name: string) => (has(name) ? await readFile(join(workspace, name), 'utf8').catch(() => '') : '');
  const managers: PackageManager[] = [];
  const notes: string[] = [];

  if (ecosystems.includes('npm') && has('package.json')) {
    if (has('package-lock.json')) managers.push(npmManager('package-lock.json'));
    else if (has('npm-shrinkwrap.json')) managers.push(npmManager('npm-shrinkwrap.json'));
    else if (has('pnpm-lock.yaml')) managers.push(pnpmManager());
    else if (has('yarn.lock')) {
      if (has('.yarnrc.yml') || /^__metadata:/m.test(await read('yarn.lock')))
        notes.push('yarn.lock is Yarn 2+, which has no outdated report of its own; npm packages were not updated');
      else managers.push(yarnManager());
    } else notes.push('package.json has no lockfile: without one an update would pin nothing; npm packages were not updated');
  }

  if (ecosystems.includes('python')) {
    const requirements = [...entries].filter((name) => /^requirements[\w.-]*\.txt$/.test(name)).sort();
    const pyproject = await read('pyproject.toml');
    const declared = declaredPyprojectNames(pyproject);
    if ((has('uv.lock') || has('poetry.lock')) && declared.error !== undefined)
      notes.push(`pyproject.toml is ${declared.error}: Python packages were not updated`);
    else if (has('uv.lock')) managers.push(uvManager(declared.names));
    else if (has('poetry.lock')) managers.push(poetryManager(declared.names));
    else if (has('requirements.in') && has('requirements.txt'))
      managers.push(pipToolsManager(declaredPythonNames([await read('requirements.in')]), 'requirements.in', 'requirements.txt'));
    else if (requirements.includes('requirements.txt')) {
      const text = await read('requirements.txt');
      managers.push(pipManager(declaredPythonNames([text]), 'requirements.txt', pinnedRequirements(text)));
    } else if (has('pyproject.toml') && /\bdependencies\b/.test(pyproject))
      notes.push('pyproject.toml has no lockfile (uv.lock or poetry.lock): Python packages were not updated');
  }

  if (ecosystems.includes('go') && has('go.mod')) managers.push(goManager());
  return { managers, notes };
}
