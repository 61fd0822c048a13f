import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { buildSarif, FINGERPRINT_KEY, SARIF_LIMITS, type SarifFinding } from '../../src/ciso/sarif.js';
import { TOOL_VERSION } from '../../src/ciso/sarif-file.js';
import { ALL_RULES } from '../../src/scan/rules.js';
import { sarifValidator } from './sarif-schema.js';

const validate = sarifValidator();
const OPTIONS = { toolVersion: TOOL_VERSION, informationUri: 'https://github.com/acme/agentic-workflow', rules: ALL_RULES };

const secret: SarifFinding = {
  origin: 'deterministic',
  ruleId: 'secret/github-token',
  category: 'secret-leakage',
  severity: 'critical',
  title: 'GitHub token committed in src/a.ts',
  body: 'Line 3 adds `ghp_…[redacted]`.',
  file: 'src/a.ts',
  line: 3,
  fingerprint: 'aaaa000011112222',
};
const model: SarifFinding = {
  origin: 'model',
  category: 'injection',
  severity: 'high',
  title: 'SQL built from request input',
  body: 'Use placeholders.',
  file: 'src/db dir/q.ts',
  line: 12,
  startLine: 10,
  fingerprint: 'bbbb000011112222',
  confidence: 0.92,
};
const dependency: SarifFinding = {
  origin: 'deterministic',
  ruleId: 'dependency/not-found',
  category: 'supply-chain',
  severity: 'critical',
  title: '`ghost` does not exist on npm',
  body: 'Hallucinated.',
  file: 'package.json',
  line: 0,
  fingerprint: 'cccc000011112222',
};

describe('SARIF 2.1.0 writer', () => {
  it('validates against the official SARIF 2.1.0 JSON schema', () => {
    const { log } = buildSarif([secret, model, dependency], { ...OPTIONS, notifications: ['The model pass was skipped: no API key.'] });
    const result = validate(log);
    expect(result.errors).toBe('');
    expect(result.valid).toBe(true);
  });

  it('an empty run is valid too, with or without an information URI', () => {
    expect(validate(buildSarif([], OPTIONS).log).valid).toBe(true);
    expect(validate(buildSarif([], { ...OPTIONS, informationUri: undefined }).log).valid).toBe(true);
  });

  it('reports the package version as the tool version', () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(TOOL_VERSION).toBe(pkg.version);
  });

  it('the validator rejects what GitHub would reject (the test can fail)', () => {
    const { log } = buildSarif([secret], OPTIONS);
    const broken = JSON.parse(JSON.stringify(log)) as { runs: Array<{ results: Array<{ level: string }> }> };
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken).valid).toBe(false);
  });

  it('puts security-severity on rules and results, level on results, stable rule ids and fingerprints', () => {
    const { log } = buildSarif([secret, model], OPTIONS);
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules ?? [];
    const results = run.results ?? [];
    const secretRule = rules.find((rule) => rule.id === 'secret/github-token');
    expect(secretRule?.properties?.['security-severity']).toBe('9.5');
    expect(secretRule?.properties?.tags).toContain('external/cwe/cwe-798');
    const modelRule = rules.find((rule) => rule.id === 'model/injection');
    expect(modelRule?.properties?.['security-severity']).toBe('8.0');
    expect(results.map((result) => [result.ruleId, result.level, result.properties?.['security-severity']])).toEqual([
      ['secret/github-token', 'error', '9.5'],
      ['model/injection', 'error', '8.0'],
    ]);
    for (const result of results) expect(rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
    expect(results[0]?.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: 'aaaa000011112222' });
    expect(results[1]?.properties?.confidence).toBe(0.92);
  });

  it('uses URIs relative to %SRCROOT%, encoded, with regions for lines and none for whole files', () => {
    const results = buildSarif([model, dependency], OPTIONS).log.runs[0]!.results ?? [];
    const locationOf = (result: Result) => result.locations?.[0]?.physicalLocation;
    expect(locationOf(results[0]!)).toEqual({ artifactLocation: { uri: 'package.json', uriBaseId: '%SRCROOT%' } });
    expect(locationOf(results[1]!)).toEqual({ artifactLocation: { uri: 'src/db%20dir/q.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 10, endLine: 12 } });
  });

  it('keeps GitHub’s limits: 5,000 results per run (most severe kept), 10 tags per rule, bounded messages, ≤ 10 MB gzipped', () => {
    const many: SarifFinding[] = [];
    for (let i = 0; i < 6000; i++)
      many.push({ ...model, severity: i < 100 ? 'critical' : 'low', title: `finding ${i}`, body: 'x'.repeat(10_000), fingerprint: `fp${i}`, line: i + 1 });
    const { log, omitted } = buildSarif(many, OPTIONS);
    const results = log.runs[0]!.results ?? [];
    expect(results).toHaveLength(SARIF_LIMITS.resultsPerRun);
    expect(omitted).toBe(1000);
    expect(results.filter((result) => result.level === 'error')).toHaveLength(100);
    expect(Math.max(...results.map((result) => result.message.text?.length ?? 0))).toBeLessThanOrEqual(SARIF_LIMITS.messageChars);
    for (const rule of log.runs[0]!.tool.driver.rules ?? []) expect((rule.properties?.tags ?? []).length).toBeLessThanOrEqual(SARIF_LIMITS.tagsPerRule);
    const gz = gzipSync(JSON.stringify(log));
    expect(gz.length).toBeLessThanOrEqual(SARIF_LIMITS.gzipBytes);
    expect(JSON.parse(gunzipSync(gz).toString()).runs).toHaveLength(1);
    expect(log.runs[0]!.invocations?.[0]?.toolExecutionNotifications?.[0]?.message.text).toContain('1000 lower-severity');
    expect(validate(log).valid).toBe(true);
  });
});
