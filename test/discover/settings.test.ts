import { describe, expect, it } from 'vitest';
import { DISCOVER_INPUT_SPEC } from '../../src/actions/discover/inputs.js';
import { ConfigurationError } from '../../src/core/errors.js';
import { parseInputs } from '../../src/core/inputs.js';
import { parsePolicy } from '../../src/core/policy.js';
import { coverageSettingsFrom, parseAnalysts, refuseRepositoryCodeWhenFiling } from '../../src/discover/settings.js';

const noInputs = { 'coverage-command': undefined, 'coverage-report': undefined };

describe('discover settings', () => {
  it('runs every analyst by default', () => {
    const inputs = parseInputs(DISCOVER_INPUT_SPEC, () => '');
    expect(parseAnalysts(inputs.analysts)).toEqual(['log-miner', 'coverage', 'dependencies', 'docs']);
  });

  it('phase file refuses the analysts that run repository code, naming them and where they belong', () => {
    expect(() => refuseRepositoryCodeWhenFiling(['log-miner', 'coverage', 'docs'], 'file')).toThrowError(
      new ConfigurationError(
        "input 'analysts' names coverage, docs with phase file, which runs no repository code; run coverage and docs in phase analyse (the read-only job) and name only log-miner or dependencies here",
      ),
    );
    // Control: the API-only analysts file, and the other phases run all four.
    expect(() => refuseRepositoryCodeWhenFiling(['log-miner', 'dependencies'], 'file')).not.toThrow();
    expect(() => refuseRepositoryCodeWhenFiling(['coverage', 'docs'], 'analyse')).not.toThrow();
    expect(() => refuseRepositoryCodeWhenFiling(['coverage', 'docs'], 'all')).not.toThrow();
  });

  it('takes coverage-command and coverage-report from discover: in the policy file; an input wins', () => {
    const policy = parsePolicy({ discover: { 'coverage-command': 'make cover', 'coverage-report': 'out/cover.xml' } }, '.github/agentic.yml');
    expect(coverageSettingsFrom(policy, noInputs, '.github/agentic.yml')).toEqual({ coverageCommand: 'make cover', coverageReport: 'out/cover.xml' });
    expect(coverageSettingsFrom(policy, { 'coverage-command': 'npm run cover', 'coverage-report': undefined }, '.github/agentic.yml')).toEqual({
      coverageCommand: 'npm run cover',
      coverageReport: 'out/cover.xml',
    });
    expect(coverageSettingsFrom(parsePolicy({}, '.github/agentic.yml'), noInputs, '.github/agentic.yml')).toEqual({});
  });

  it('a bad value or an unknown key under discover: names the key', () => {
    const bad = (section: Record<string, unknown>) => () =>
      coverageSettingsFrom(parsePolicy({ discover: section }, '.github/agentic.yml'), noInputs, '.github/agentic.yml');
    expect(bad({ 'coverage-command': 42 })).toThrowError(new ConfigurationError('.github/agentic.yml: discover.coverage-command is 42; expected a string'));
    expect(bad({ 'coverage-command': ' ' })).toThrowError(/discover\.coverage-command is " "; expected a value of at least 1/);
    expect(bad({ 'coverage-comand': 'make cover' })).toThrowError(/discover is .*; expected no unknown keys \(found coverage-comand\)/);
  });
});
