import { describe, expect, it } from 'vitest';
import type { AutoMergeInputs } from '../../src/merge/settings.js';
import { ConfigurationError } from '../../src/core/errors.js';
import { appSlugFor, mergeSettingsFrom } from '../../src/merge/settings.js';

const noInputs: AutoMergeInputs = {
  'pull-request-number': undefined,
  'merge-method': 'squash',
  'bot-login': undefined,
  'branch-pattern': undefined,
  'min-checks': undefined,
  'required-approvals': undefined,
  'require-human-paths': [],
  'review-checks': [],
};

describe('merge settings', () => {
  it('defaults: automated/*, one check, no approvals, both agent reviews, github-actions[bot]', () => {
    const settings = mergeSettingsFrom({}, noInputs, '.github/agentic.yml');
    expect(settings).toMatchObject({
      branchPatterns: ['automated/*'],
      minChecks: 1,
      requiredApprovals: 0,
      reviewChecks: ['agentic/cto-review', 'agentic/ciso-review'],
      reviewApp: 'github-actions',
      botLogin: 'github-actions[bot]',
      mergeMethod: 'squash',
    });
    expect(settings.requireHumanPaths).toEqual(expect.arrayContaining(['.github/**', '**/action.yml', '.github/workflows/**', '.github/agentic.yml']));
    expect(settings.dependencyManifests).toContain('**/package-lock.json');
  });

  it('inputs only tighten the policy', () => {
    const policy = { 'auto-merge': { 'min-checks': 3, 'required-approvals': 1, 'branch-pattern': 'bot/*', 'require-human-paths': ['docs/**'] } };
    const loose = mergeSettingsFrom(policy, { ...noInputs, 'min-checks': 1, 'required-approvals': 0, 'branch-pattern': 'bot/*' }, 'agentic.yml');
    expect(loose).toMatchObject({ minChecks: 3, requiredApprovals: 1, branchPatterns: ['bot/*'] });
    const strict = mergeSettingsFrom(
      policy,
      { ...noInputs, 'min-checks': 5, 'required-approvals': 2, 'branch-pattern': '*', 'require-human-paths': ['src/**'], 'review-checks': ['qa'] },
      'agentic.yml',
    );
    expect(strict).toMatchObject({ minChecks: 5, requiredApprovals: 2, branchPatterns: ['bot/*', '*'] });
    expect(strict.requireHumanPaths).toEqual(['docs/**', '.github/workflows/**', 'agentic.yml', 'src/**']);
    expect(strict.reviewChecks).toEqual(['agentic/cto-review', 'agentic/ciso-review', 'qa']);
  });

  it('keeps workflows and the policy file human-only whatever the policy lists, and adds protected-paths', () => {
    const settings = mergeSettingsFrom({ 'protected-paths': ['infra/**'], 'auto-merge': { 'require-human-paths': [] } }, noInputs, '.github/agentic.yml');
    expect(settings.requireHumanPaths).toEqual(['.github/workflows/**', '.github/agentic.yml', 'infra/**']);
  });

  it('lets the policy name the bot; a different bot-login input is a configuration error', () => {
    const policy = { bot: { login: 'acme-agent[bot]' } };
    expect(mergeSettingsFrom(policy, noInputs, 'p.yml')).toMatchObject({ botLogin: 'acme-agent[bot]', reviewApp: 'acme-agent' });
    expect(mergeSettingsFrom(policy, { ...noInputs, 'bot-login': 'ACME-agent[bot]' }, 'p.yml').botLogin).toBe('acme-agent[bot]');
    expect(() => mergeSettingsFrom(policy, { ...noInputs, 'bot-login': 'github-actions[bot]' }, 'p.yml')).toThrow(
      `input 'bot-login' is "github-actions[bot]"; expected "acme-agent[bot]" (bot.login in p.yml) or empty: the policy on the default branch decides who the bot is`,
    );
    expect(mergeSettingsFrom({}, { ...noInputs, 'bot-login': 'machine-user' }, 'p.yml')).toMatchObject({
      botLogin: 'machine-user',
      reviewApp: 'github-actions',
    });
  });

  it('names the key, the value and what was expected for a bad policy section', () => {
    expect(() => mergeSettingsFrom({ 'auto-merge': { 'min-checks': 0 } }, noInputs, '.github/agentic.yml')).toThrow(ConfigurationError);
    expect(() => mergeSettingsFrom({ 'auto-merge': { 'min-checks': 0 } }, noInputs, '.github/agentic.yml')).toThrow(
      '.github/agentic.yml: auto-merge.min-checks is 0; expected a value of at least 1',
    );
    expect(() => mergeSettingsFrom({ 'auto-merge': { 'min-check': 2 } }, noInputs, '.github/agentic.yml')).toThrow(/min-check/);
  });

  it('derives the app slug from the bot login', () => {
    expect(appSlugFor('github-actions[bot]')).toBe('github-actions');
    expect(appSlugFor('my-app[bot]')).toBe('my-app');
    expect(appSlugFor('a-machine-user')).toBe('github-actions');
  });
});
