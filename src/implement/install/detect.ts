/**
 * How a repository's dependencies are installed, when the policy does not say: read from its lockfiles, with
 * the command each ecosystem uses to install exactly what the lockfile names (so a run never edits it).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface InstallFacts {
  /** Names of the files and folders at the repository root. */
  rootEntries: ReadonlySet<string>;
  /** yarn.lock is Yarn 2+ ("berry"): it has a __metadata block, or .yarnrc.yml sits beside it. */
  yarnBerry: boolean;
  /** package.json declares dependencies or devDependencies. */
  packageJsonHasDependencies: boolean;
}

export interface InstallStep {
  command: string;
  /** Which file called for it, for the job summary. */
  because: string;
}

/** Pure: the install commands these facts call for, in order; empty when nothing needs installing. */
export function chooseInstallSteps(facts: InstallFacts): InstallStep[] {
  const has = (name: string) => facts.rootEntries.has(name);
  const steps: InstallStep[] = [];
  if (has('package-lock.json') || has('npm-shrinkwrap.json'))
    steps.push({ command: 'npm ci --no-audit --no-fund', because: has('package-lock.json') ? 'package-lock.json' : 'npm-shrinkwrap.json' });
  else if (has('pnpm-lock.yaml')) steps.push({ command: 'pnpm install --frozen-lockfile', because: 'pnpm-lock.yaml' });
  else if (has('yarn.lock'))
    steps.push(
      facts.yarnBerry
        ? { command: 'yarn install --immutable', because: 'yarn.lock (Yarn 2+)' }
        : { command: 'yarn install --frozen-lockfile', because: 'yarn.lock (Yarn 1)' },
    );
  else if (has('package.json') && facts.packageJsonHasDependencies) {
    // Without a lockfile the versions are whatever the registry serves today; never write a lockfile the PR would carry.
    steps.push({ command: 'npm install --no-package-lock --no-audit --no-fund', because: 'package.json (no lockfile)' });
  }
  if (has('uv.lock')) steps.push({ command: 'uv sync --frozen', because: 'uv.lock' });
  else if (has('poetry.lock')) steps.push({ command: 'poetry install --no-interaction', because: 'poetry.lock' });
  else {
    const requirements = [...facts.rootEntries].filter((name) => /^requirements[\w.-]*\.txt$/.test(name)).sort();
    if (requirements.length > 0) steps.push({ command: `pip install ${requirements.map((file) => `-r ${file}`).join(' ')}`, because: requirements.join(', ') });
  }
  if (has('go.mod')) steps.push({ command: 'go mod download', because: 'go.mod' });
  if (has('Gemfile.lock') || has('Gemfile')) steps.push({ command: 'bundle install', because: has('Gemfile.lock') ? 'Gemfile.lock' : 'Gemfile' });
  return steps;
}

function declaresDependencies(packageJson: string | undefined): boolean {
  if (packageJson === undefined) return false;
  try {
    const parsed = JSON.parse(packageJson) as Record<string, unknown>;
    return ['dependencies', 'devDependencies', 'optionalDependencies'].some((key) => {
      const value = parsed[key];
      return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
    });
  } catch {
    // A broken package.json fails the tests with a clearer message than an install would.
    return false;
  }
}

/** Looks at the workspace root and picks the install steps. */
export async function detectInstallSteps(workspace: string): Promise<InstallStep[]> {
  const rootEntries = new Set(await readdir(workspace).catch(() => [] as string[]));
  const read = (name: string) => (rootEntries.has(name) ? readFile(join(workspace, name), 'utf8').catch(() => undefined) : Promise.resolve(undefined));
  const yarnLock = await read('yarn.lock');
  return chooseInstallSteps({
    rootEntries,
    yarnBerry: rootEntries.has('.yarnrc.yml') || /^__metadata:/m.test(yarnLock ?? ''),
    packageJsonHasDependencies: declaresDependencies(await read('package.json')),
  });
}
