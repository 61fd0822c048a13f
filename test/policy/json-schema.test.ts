import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { policyJsonSchema, POLICY_SCHEMA_URL } from '../../src/policy/json-schema.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TEMPLATE = readFileSync(resolve(ROOT, 'workflows-templates', 'agentic.config.yml'), 'utf8');

describe('the published JSON Schema of .github/agentic.yml', () => {
  const committed = JSON.parse(readFileSync(resolve(ROOT, 'schema', 'agentic.schema.json'), 'utf8')) as Record<string, unknown>;

  it('is the one the build generates from the zod schemas (npm run build rewrites it)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(policyJsonSchema())));
  });

  it('is what the template points editors at', () => {
    expect(TEMPLATE.split('\n')[0]).toBe(`# yaml-language-server: $schema=${POLICY_SCHEMA_URL}`);
    expect(committed.$id).toBe(POLICY_SCHEMA_URL);
  });

  it('accepts the template and rejects what the actions reject', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(committed);
    expect(validate(parse(TEMPLATE))).toBe(true);
    expect(validate({ implement: { 'max-turns': 'lots' } })).toBe(false);
    expect(validate({ implemnt: {} })).toBe(false);
    expect(validate({ 'auto-merge': { 'min-checks': 0 } })).toBe(false);
    expect(validate({ review: { 'block-severity': 'high' }, 'ciso-review': { 'trusted-packages': ['@acme/ui'] } })).toBe(true);
  });

  it('describes every section and completes the label roles', () => {
    const properties = committed.properties as Record<string, { description?: string; properties?: Record<string, unknown> }>;
    for (const section of ['labels', 'implement', 'review', 'cto-review', 'ciso-review', 'triage', 'discover', 'auto-merge'])
      expect(properties[section]?.description).toBeTruthy();
    expect(Object.keys(properties.labels?.properties ?? {})).toContain('agent-in-progress');
    expect(Object.keys(properties.implement?.properties ?? {})).toContain('max-turns');
    expect(Object.keys(properties.discover?.properties ?? {})).toEqual(['coverage-command', 'coverage-report']);
  });
});
