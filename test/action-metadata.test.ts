import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseAction } from '@actions/workflow-parser/actions/index';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { commonInputSpec } from '../src/core/config.js';
import { AGENTS } from '../src/actions/entry.js';

const root = resolve(import.meta.dirname, '..');
const actionFiles = ['action.yml', ...AGENTS.map((agent) => `actions/${agent}/action.yml`)];

interface ActionYaml {
  name: string;
  description: string;
  branding?: { icon?: string; color?: string };
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description?: string }>;
  runs: { using: string; main: string };
}

function load(file: string): ActionYaml {
  return parse(readFileSync(join(root, file), 'utf8')) as ActionYaml;
}

describe('action metadata', () => {
  it.each(actionFiles)('%s parses with the official action parser without errors', (file) => {
    const result = parseAction({ name: file, content: readFileSync(join(root, file), 'utf8') }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((error) => error.message)).toEqual([]);
    expect(result.value).toBeDefined();
  });

  it('the parser really reports a broken action', () => {
    const broken = 'name: x\ndescription: y\nruns:\n  using: node24\n  mian: dist/x.js\n';
    const result = parseAction({ name: 'broken.yml', content: broken }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().length).toBeGreaterThan(0);
  });

  it.each(actionFiles)('%s runs on node24, points at a bundle that exists, and documents everything', (file) => {
    const action = load(file);
    expect(action.runs.using).toBe('node24');
    expect(existsSync(resolve(root, dirname(file), action.runs.main))).toBe(true);
    expect(action.description.length).toBeGreaterThan(20);
    expect(action.branding?.icon).toBeTruthy();
    for (const [name, spec] of Object.entries(action.inputs)) {
      expect(spec.description, `${file} input ${name}`).toMatch(/\S{3}/);
      expect(typeof spec.required, `${file} input ${name} says whether it is required`).toBe('boolean');
    }
    for (const [name, spec] of Object.entries(action.outputs ?? {})) {
      expect(spec.description, `${file} output ${name}`).toMatch(/\S{3}/);
    }
  });

  it.each(actionFiles)('%s accepts every common input the code reads', (file) => {
    const action = load(file);
    for (const name of Object.keys(commonInputSpec)) expect(Object.keys(action.inputs)).toContain(name);
  });

  it('the root action offers every input and output of the five and an agent input', () => {
    const rootAction = load('action.yml');
    expect(rootAction.inputs.agent?.required).toBe(true);
    for (const agent of AGENTS) {
      const action = load(`actions/${agent}/action.yml`);
      for (const name of Object.keys(action.inputs)) expect(Object.keys(rootAction.inputs)).toContain(name);
      for (const name of Object.keys(action.outputs ?? {})) expect(Object.keys(rootAction.outputs ?? {})).toContain(name);
    }
  });
});
