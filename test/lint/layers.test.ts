import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The project's own lint configuration (eslint.config.js), run through ESLint's Node API on small files placed
// under src/ for the duration of the test: the layer and cycle rules must reject what they are there to reject.
const ROOT = resolve(import.meta.dirname, '..', '..');
const TAG = `lint-probe-${process.pid}`;
const written: string[] = [];

function place(path: string, text: string): string {
  const full = join(ROOT, path.replace('PROBE', TAG));
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
  written.push(full);
  return full;
}

const uses = (specifier: string, name: string) => `import { ${name} } from '${specifier}';\nexport const used = ${name};\n`;

let eslint: ESLint;
const files = {
  cycleA: '',
  upwardToEntry: '',
  upwardToCli: '',
  coreToDomain: '',
  srcToTest: '',
  actionToEmulator: '',
  domainToRunner: '',
  domainToStdout: '',
  legitimate: '',
};

async function layerErrors(file: string): Promise<Array<{ rule: string | null; message: string }>> {
  const [result] = await eslint.lintFiles([file]);
  return (result?.messages ?? [])
    .filter((message) => message.ruleId?.startsWith('import-x/'))
    .map((message) => ({ rule: message.ruleId, message: message.message }));
}

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
  files.cycleA = place('src/review/PROBE-a.ts', `import { b } from './${TAG}-b.js';\nexport const a = () => b;\n`);
  place('src/review/PROBE-b.ts', `import { a } from './${TAG}-a.js';\nexport const b = () => a;\n`);
  files.upwardToEntry = place('src/merge/PROBE-entry.ts', uses('../actions/entry.js', 'runnerLogger'));
  files.upwardToCli = place('src/triage/PROBE-cli.ts', uses('../cli/args.js', 'UsageError'));
  files.coreToDomain = place('src/core/PROBE-domain.ts', uses('../review/severity.js', 'THRESHOLDS'));
  files.srcToTest = place('src/scan/PROBE-test.ts', uses('../../test/harness/runner.js', 'DIST'));
  files.actionToEmulator = place('src/implement/PROBE-emulator.ts', uses('../emulators/github/index.js', 'BOT_LOGIN'));
  files.domainToRunner = place('src/review/PROBE-runner.ts', uses('../core/runner-protocol.js', 'info'));
  files.domainToStdout = place('src/triage/PROBE-stdout.ts', 'export const say = (line: string) => { process.stdout.write(line); console.log(line); };\n');
  files.legitimate = place(
    'src/merge/PROBE-ok.ts',
    `import { ConfigurationError } from '../core/errors.js';\nimport { MERGE_METHODS } from './merge-method.js';\nexport const ok = [ConfigurationError, MERGE_METHODS];\n`,
  );
});

afterAll(() => {
  for (const file of written) rmSync(file, { force: true });
});

describe('lint rules for layers and cycles', () => {
  it('rejects an import cycle', async () => {
    expect(await layerErrors(files.cycleA)).toEqual([{ rule: 'import-x/no-cycle', message: expect.stringMatching(/cycle/i) }]);
  });

  it('rejects domain code importing an action entry or the CLI', async () => {
    expect(await layerErrors(files.upwardToEntry)).toEqual([
      { rule: 'import-x/no-restricted-paths', message: expect.stringContaining('never imports an action entry or the CLI') },
    ]);
    expect(await layerErrors(files.upwardToCli)).toEqual([
      { rule: 'import-x/no-restricted-paths', message: expect.stringContaining('never imports an action entry or the CLI') },
    ]);
  });

  it('rejects core importing a domain folder', async () => {
    expect(await layerErrors(files.coreToDomain)).toEqual([
      { rule: 'import-x/no-restricted-paths', message: expect.stringContaining('src/core is the bottom layer') },
    ]);
  });

  it('rejects product code importing test code', async () => {
    expect(await layerErrors(files.srcToTest)).toEqual([
      { rule: 'import-x/no-restricted-paths', message: expect.stringContaining('never imports test or bench code') },
    ]);
  });

  it('rejects action code importing the emulators', async () => {
    expect(await layerErrors(files.actionToEmulator)).toEqual([
      { rule: 'import-x/no-restricted-paths', message: expect.stringContaining('never include them') },
    ]);
  });

  it('rejects domain code writing to the runner or the terminal itself', async () => {
    expect(await layerErrors(files.domainToRunner)).toEqual([
      { rule: 'import-x/no-restricted-paths', message: expect.stringContaining('logs through the Logger') },
    ]);
    const [result] = await eslint.lintFiles([files.domainToStdout]);
    expect(result?.messages.map((message) => message.ruleId)).toEqual(['no-restricted-properties', 'no-console']);
  });

  it('accepts domain code importing core and its own folder', async () => {
    const [result] = await eslint.lintFiles([files.legitimate]);
    expect(result?.messages).toEqual([]);
  });

  it('accepts an action entry as it is written today', async () => {
    const [result] = await eslint.lintFiles([join(ROOT, 'src/actions/auto-merge/index.ts')]);
    expect(result?.messages).toEqual([]);
  });
});
