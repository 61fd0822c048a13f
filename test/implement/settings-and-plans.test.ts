import { describe, expect, it } from 'vitest';
import { readImplementInputs } from '../../src/actions/implement/inputs.js';
import { readCommonConfig } from '../../src/core/config.js';
import { DEFAULT_LABELS } from '../../src/core/labels.js';
import { ModelOutputError } from '../../src/core/llm/index.js';
import { TransientError } from '../../src/core/errors.js';
import { failureFromError, failureFromExecution } from '../../src/implement/failures.js';
import { followUpPlan, remember } from '../../src/implement/follow-up/feedback.js';
import { winningClaim } from '../../src/implement/claim.js';
import { nextMarker } from '../../src/implement/publish/issue-writes.js';
import { normalisePlan } from '../../src/implement/planning.js';
import { planHash, type ImplementationPlan } from '../../src/implement/plan-schema.js';
import { resolveSettings } from '../../src/implement/settings.js';
import { PLAN } from './scenario.js';

const plan = PLAN as ImplementationPlan;

function settingsFrom(inputs: Record<string, string>, policy: Record<string, unknown> = {}) {
  const read = (name: string) => inputs[name] ?? '';
  return resolveSettings(
    readCommonConfig((name) => (name === 'github-token' ? 't' : read(name))),
    readImplementInputs(read),
    policy,
    DEFAULT_LABELS,
  );
}

describe('settings: inputs may only tighten the policy', () => {
  it('protects workflows and the policy file always, and adds policy and input globs', () => {
    const settings = settingsFrom({ 'protected-paths': 'secrets/**' }, { 'protected-paths': ['infra/**'], implement: { 'protected-paths': ['db/**'] } });
    expect(settings.protectedPaths).toEqual(['.github/workflows/**', '.github/agentic.yml', 'infra/**', 'db/**', 'secrets/**']);
  });

  it('requires SPEC approval when either says so, and pins plan scope when either says plan', () => {
    expect(settingsFrom({}, { implement: { 'require-spec-approval': true } }).requireSpecApproval).toBe(true);
    expect(settingsFrom({ 'require-spec-approval': 'true' }).requireSpecApproval).toBe(true);
    expect(settingsFrom({ 'scope-mode': 'repository' }, { implement: { 'scope-mode': 'plan' } }).scopeMode).toBe('plan');
    expect(settingsFrom({ 'scope-mode': 'repository' }).scopeMode).toBe('repository');
    expect(settingsFrom({}).scopeMode).toBe('plan');
  });

  it('takes the lower of two caps', () => {
    const settings = settingsFrom(
      { 'max-prs-per-day': '8', 'max-cost-usd-per-issue': '3' },
      { implement: { 'max-prs-per-day': 2, 'max-cost-usd-per-issue': 5 } },
    );
    expect(settings.maxPrsPerDay).toBe(2);
    expect(settings.maxCostUsdPerIssue).toBe(3);
    expect(settingsFrom({}).maxPrsPerDay).toBe(10);
    expect(settingsFrom({}).maxIterations).toBe(5);
  });

  it('fails on a bad policy value with the key and what was expected', () => {
    expect(() => settingsFrom({}, { implement: { 'max-turns': 'many' } })).toThrow(/\.github\/agentic\.yml: implement\.max-turns is "many"; expected a number/);
    expect(() => settingsFrom({}, { 'ciso-review': { registries: { npm: 'ftp://mirror' } } })).toThrow(/ciso-review\.registries\.npm/);
    expect(settingsFrom({}, { 'ciso-review': { registries: { npm: 'https://npm.example.com' }, 'min-package-age-days': 30 } }).dependencies).toMatchObject({
      endpoints: { npmRegistryUrl: 'https://npm.example.com' },
      policy: { minPackageAgeDays: 30 },
    });
    expect(() => settingsFrom({ phase: 'later' })).toThrow(/input 'phase' is "later"; expected one of all, pick, propose, publish/);
  });
});

describe('plans', () => {
  it('drops unsafe and protected paths with a note, and corrects actions by what exists', () => {
    const raw: ImplementationPlan = {
      ...plan,
      files: [
        { path: './src/format.js', action: 'create', reason: 'r' },
        { path: 'src/new.js', action: 'modify', reason: 'r' },
        { path: 'src/gone.js', action: 'delete', reason: 'r' },
        { path: '.github/workflows/ci.yml', action: 'modify', reason: 'r' },
        { path: '../x', action: 'create', reason: 'r' },
        { path: 'src/format.js', action: 'modify', reason: 'duplicate' },
      ],
    };
    const checked = normalisePlan(raw, new Set(['src/format.js']), ['.github/workflows/**']);
    expect(checked.plan?.files).toEqual([
      { path: 'src/format.js', action: 'modify', reason: 'r' },
      { path: 'src/new.js', action: 'create', reason: 'r' },
    ]);
    expect(checked.notes).toEqual([
      'src/format.js: create corrected to modify',
      'src/new.js: modify corrected to create',
      'dropped the deletion of src/gone.js: it does not exist',
      'dropped .github/workflows/ci.yml from the plan: it is protected (.github/workflows/**); a human has to make that change',
      'dropped "../x" from the plan: the path goes up with ".."',
    ]);
    expect(
      normalisePlan({ ...plan, files: [{ path: '.github/workflows/a.yml', action: 'create', reason: 'r' }] }, new Set(), ['.github/workflows/**']).plan,
    ).toBeNull();
  });

  it('hashes plans canonically: key order does not matter, content does', () => {
    const reordered = Object.fromEntries(Object.entries(plan).reverse()) as ImplementationPlan;
    expect(planHash(reordered)).toBe(planHash(plan));
    expect(planHash({ ...plan, problem: 'other' })).not.toBe(planHash(plan));
  });
});

describe('small decisions', () => {
  it('the lowest claim comment wins', () => {
    const claim = (commentId: number) => ({ commentId, data: { token: 'abcdefgh12', claimedAt: '2025-01-01T00:00:00Z' } });
    expect(winningClaim([claim(9), claim(4), claim(7)])?.commentId).toBe(4);
    expect(winningClaim([])).toBeNull();
  });

  it('adds this run’s spend to what the marker held', () => {
    expect(nextMarker({ costUsd: 0.25, stage: 'questions', questions: ['q'] }, { stage: 'failed' }, 0.1)).toEqual({
      costUsd: 0.35,
      stage: 'failed',
      questions: ['q'],
    });
    expect(nextMarker(null, { stage: 'working' }, 0)).toEqual({ stage: 'working', costUsd: 0 });
  });

  it('names the budget that stopped the loop and the category of a thrown error', () => {
    const names = { costLimitUsd: 0.4, perIssueBound: true, maxTurns: 40, maxIterations: 5, timeoutMinutes: 30 };
    const result = {
      status: 'turns-exhausted' as const,
      summary: 's',
      changedFiles: [],
      test: { command: 'npm test', ran: false, passed: false, exitCode: null, output: '', iterations: 0 },
      refusals: [],
      turns: 40,
    };
    expect(failureFromExecution(result, names)).toMatchObject({ category: 'budget', reason: expect.stringContaining('max-turns 40') });
    expect(failureFromExecution({ ...result, status: 'budget-exhausted' }, names)).toMatchObject({
      category: 'budget',
      reason: expect.stringContaining('max-cost-usd-per-issue'),
    });
    expect(failureFromExecution({ ...result, status: 'tests-failed' }, names)).toMatchObject({ category: 'code' });
    expect(failureFromError(new ModelOutputError('x', 'implementation_plan', 'files: required'), names)).toMatchObject({
      category: 'model',
      reason: expect.stringContaining('files: required'),
    });
    expect(failureFromError(new TransientError('503'), names)).toMatchObject({ category: 'transient' });
    expect(failureFromError(new Error('bug'), names)).toBeNull();
  });

  it('review follow-up: the plan the fix may touch', () => {
    expect(followUpPlan(plan, ['src/format.js', 'README.md'], 4).files.map((file) => file.path)).toEqual(['src/format.js', 'test/format.test.js', 'README.md']);
    expect(followUpPlan(undefined, ['a.js'], 4).files).toEqual([{ path: 'a.js', action: 'modify', reason: 'changed by this pull request' }]);
    expect(
      remember(
        Array.from({ length: 200 }, (_, i) => i),
        [500],
      ).slice(-2),
    ).toEqual([199, 500]);
  });
});
