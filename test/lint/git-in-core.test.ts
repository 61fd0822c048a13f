import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The project's lint configuration must refuse git run anywhere but src/core/git.ts (files placed under src/ for the test).
const ROOT = resolve(import.meta.dirname, '..', '..');
const TAG = `git-probe-${process.pid}`;
const written: string[] = [];
let eslint: ESLint;

function place(name: string, text: string): string {
  const full = join(ROOT, 'src', 'implement', `${TAG}-${name}.ts`);
  writeFileSync(full, text);
  written.push(full);
  return full;
}

async function gitErrors(file: string): Promise<string[]> {
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? []).filter((message) => /src\/core\/git\.ts/.test(message.message)).map((message) => message.ruleId ?? '');
}

const files = { execFile: '', spawnCommand: '', template: '', simpleGit: '', legitimate: '' };

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
  files.execFile = place('exec-file', "import { execFile } from 'node:child_process';\nexport const run = () => execFile('git', ['status']);\n");
  files.spawnCommand = place('spawn', "import { spawnSync } from 'node:child_process';\nexport const run = () => spawnSync('git status', { shell: true });\n");
  files.template = place('template', "import { execSync } from 'node:child_process';\nexport const run = (ref: string) => execSync(`git show ${ref}`);\n");
  files.simpleGit = place('simple-git', "import { simpleGit } from 'simple-git';\nexport const run = () => simpleGit('.').status();\n");
  files.legitimate = place(
    'ok',
    "import { createGitWorkspace } from '../core/git.js';\nimport { execFile } from 'node:child_process';\nexport const run = () => [createGitWorkspace('.').status(), execFile('npm', ['test']), ['github'].includes('git')];\n",
  );
});

afterAll(() => {
  for (const file of written) rmSync(file, { force: true });
});

describe('lint: git runs only in src/core/git.ts', () => {
  it('rejects git started by execFile, spawn with a command line, or a template string', async () => {
    expect(await gitErrors(files.execFile)).toEqual(['no-restricted-syntax']);
    expect(await gitErrors(files.spawnCommand)).toEqual(['no-restricted-syntax']);
    expect(await gitErrors(files.template)).toEqual(['no-restricted-syntax']);
  });

  it('rejects simple-git imported outside core', async () => {
    expect(await gitErrors(files.simpleGit)).toEqual(['no-restricted-imports']);
  });

  it('lets code use the git workspace and run other programs', async () => {
    expect(await gitErrors(files.legitimate)).toEqual([]);
  });
});
