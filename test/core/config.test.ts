import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readCommonConfig, requireModelKey } from '../../src/core/config.js';
import { parsePolicy, policySection } from '../../src/core/policy.js';
import { ConfigurationError } from '../../src/core/errors.js';
import { input, parseInputs } from '../../src/core/inputs.js';

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('inputs', () => {
  it('reads typed values and applies defaults', () => {
    const spec = {
      turns: input.integer(20, 1),
      'dry-run': input.boolean(false),
      paths: input.list(['a']),
      mode: input.oneOf(['plan', 'free'] as const, 'plan'),
    };
    expect(parseInputs(spec, reader({ turns: '7', 'dry-run': 'TRUE', paths: 'x, y\nz' }))).toEqual({
      turns: 7,
      'dry-run': true,
      paths: ['x', 'y', 'z'],
      mode: 'plan',
    });
  });

  it('names the input, the value and what was expected', () => {
    expect(() => parseInputs({ 'max-turns': input.integer(20, 1) }, reader({ 'max-turns': 'lots' }))).toThrowError(
      new ConfigurationError(`input 'max-turns' is "lots"; expected an integer from 1 up`),
    );
    expect(() => parseInputs({ mode: input.oneOf(['plan', 'free'] as const) }, reader({ mode: 'yolo' }))).toThrow(
      /input 'mode' is "yolo"; expected one of plan, free/,
    );
    expect(() => parseInputs({ flag: input.boolean(false) }, reader({ flag: 'yes' }))).toThrow(/expected true or false/);
  });

  it('reports a missing required input the way the runner does', () => {
    expect(() => parseInputs({ 'github-token': input.required() }, reader({}))).toThrowError(
      new ConfigurationError('Input required and not supplied: github-token'),
    );
  });
});

describe('common config', () => {
  it('defaults to openai with its default model and no fallback', () => {
    const config = readCommonConfig(reader({ 'github-token': 't', 'openai-api-key': 'k' }));
    expect(config.primaryModel).toEqual({ provider: 'openai', model: 'gpt-4.1', apiKey: 'k', baseUrl: undefined });
    expect(config.fallbackModel).toBeUndefined();
    expect(config.configPath).toBe('.github/agentic.yml');
    expect(config.dryRun).toBe(false);
    expect(config.maxCostUsd).toBe(2);
  });

  it('builds a fallback with the other provider key', () => {
    const config = readCommonConfig(reader({ 'github-token': 't', 'openai-api-key': 'o', 'anthropic-api-key': 'a', 'fallback-provider': 'anthropic' }));
    expect(config.fallbackModel).toMatchObject({ provider: 'anthropic', apiKey: 'a', model: 'claude-sonnet-4-5' });
  });

  it('requires base-url and model for openai-compatible', () => {
    expect(() => readCommonConfig(reader({ 'github-token': 't', provider: 'openai-compatible' }))).toThrow(/base-url/);
    expect(() => readCommonConfig(reader({ 'github-token': 't', provider: 'openai-compatible', 'base-url': 'http://x' }))).toThrow(/'model'/);
  });

  it('names the key input the chosen provider needs', () => {
    const config = readCommonConfig(reader({ 'github-token': 't', provider: 'anthropic' }));
    expect(() => requireModelKey(config.primaryModel)).toThrow('Input required and not supplied: anthropic-api-key (provider is anthropic)');
  });
});

describe('policy file', () => {
  it('accepts an empty file and unknown-free sections', () => {
    expect(parsePolicy(null, '.github/agentic.yml')).toEqual({});
    expect(parsePolicy({ labels: { roadmap: 'backlog' }, implement: { 'max-turns': 5 } }, '.github/agentic.yml').labels).toEqual({ roadmap: 'backlog' });
  });

  it('rejects an unknown top-level key, naming it', () => {
    expect(() => parsePolicy({ implment: {} }, '.github/agentic.yml')).toThrow(/\.github\/agentic\.yml: .*implment/);
  });

  it('validates a section with the action schema and names key, value and expectation', () => {
    const schema = z.object({ 'max-turns': z.number().int().min(1).default(20) }).strict();
    const policy = parsePolicy({ implement: { 'max-turns': 'many' } }, 'cfg.yml');
    expect(() => policySection(policy, 'implement', schema, 'cfg.yml')).toThrowError(
      new ConfigurationError('cfg.yml: implement.max-turns is "many"; expected a number'),
    );
    expect(policySection(parsePolicy({}, 'cfg.yml'), 'implement', schema, 'cfg.yml')).toEqual({ 'max-turns': 20 });
  });
});
