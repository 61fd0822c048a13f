import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CISO_INPUT_SPEC } from '../../src/actions/ciso-review/inputs.js';
import { commonInputSpec } from '../../src/core/config.js';
import { DEPENDENCY_RULE_LIST } from '../../src/scan/deps/dependency-rules.js';
import { WORKFLOW_RULES } from '../../src/scan/patterns/workflow-rules.js';
import { runAction } from '../harness/runner.js';

const root = resolve(import.meta.dirname, '..', '..');
const action = parse(readFileSync(resolve(root, 'actions/ciso-review/action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
};
const docs = readFileSync(resolve(root, 'docs/actions/ciso-review.md'), 'utf8');

describe('ciso-review metadata and docs', () => {
  it('action.yml declares exactly the inputs the action reads, and the outputs DESIGN asks for', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...Object.keys(commonInputSpec), ...Object.keys(CISO_INPUT_SPEC)].sort());
    expect(action.inputs['sarif-file']?.default).toBe('ciso-review.sarif');
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['should-block', 'vulnerabilities-found', 'sarif-file', 'new-dependencies']));
  });

  it('the docs explain the SARIF upload with a pinned upload-sarif commit and its permission', () => {
    const pinned = /github\/codeql-action\/upload-sarif@([0-9a-f]{40}) # (v[\d.]+)/.exec(docs);
    expect(pinned).not.toBeNull();
    // The project's pin list sits beside the repository (shared/PINS.md) where it is available.
    const pins = [resolve(root, '..', 'shared', 'PINS.md'), '/work/shared/PINS.md'].find((path) => existsSync(path));
    if (pins) expect(readFileSync(pins, 'utf8')).toContain(`| github/codeql-action/upload-sarif | ${pinned?.[2]} | ${pinned?.[1]} |`);
    expect(docs).toContain('security-events: write');
    expect(docs).toContain('steps.ciso.outputs.sarif-file');
  });

  it('the docs name every dependency and workflow rule', () => {
    for (const rule of [...DEPENDENCY_RULE_LIST, ...WORKFLOW_RULES]) expect(docs, rule.id).toContain(`\`${rule.id}\``);
  });
});

describe('ciso-review inputs (bundled action; run `npm run build` first)', () => {
  it('a bad min-confidence fails at once, naming the input', async () => {
    const run = await runAction({ entry: 'ciso-review.js', inputs: { 'github-token': 'x', 'min-confidence': '1.5' } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('input \'min-confidence\' is "1.5"; expected a number from 0 to 1 (or empty)');
    expect(run.stdout).not.toContain('internal error');
  });

  it('a bad min-package-age-days fails at once, naming the input', async () => {
    const run = await runAction({ entry: 'ciso-review.js', inputs: { 'github-token': 'x', 'min-package-age-days': '-2' } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("input 'min-package-age-days'");
  });
});
