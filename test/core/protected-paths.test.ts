import { describe, expect, it } from 'vitest';
import { protectingGlob } from '../../src/core/protected-paths.js';
import { checkWritePolicy } from '../../src/implement/agent/index.js';
import { checkChangeShape } from '../../src/implement/gates/path-gates.js';
import type { ImplementationPlan } from '../../src/implement/plan-schema.js';
import { evaluateGates } from '../../src/merge/gates.js';
import { gateSettings, goodFacts } from '../merge/facts-builder.js';

// The agent's file tools, the publish gate and auto-merge once matched protected paths with three different
// globs. Where they disagreed, the one matcher takes the stricter answer; each case is checked at all three.

const plan: ImplementationPlan = {
  problem: 'p',
  files: [],
  steps: ['s'],
  tests: [],
  checklist: [],
  risks: [],
  architectural: false,
} as unknown as ImplementationPlan;
const size = { maxFiles: 100, maxFileBytes: 1_000_000, maxTotalBytes: 10_000_000 };

function agentRefuses(path: string, globs: string[]): boolean {
  return !checkWritePolicy(path, 'create', { scopeMode: 'repository', planFiles: [], protectedPaths: globs }).ok;
}
function publishRefuses(path: string, globs: string[]): boolean {
  return checkChangeShape([{ path, action: 'create', bytes: 1 }], { plan, scopeMode: 'repository', protectedPaths: globs, size }).some(
    (problem) => problem.gate === 'protected',
  );
}
function autoMergeRefuses(path: string, globs: string[]): boolean {
  const facts = goodFacts();
  facts.files = [{ filename: path, previousFilename: null }];
  facts.pull.changedFiles = 1;
  return evaluateGates(facts, { ...gateSettings(), requireHumanPaths: globs }).gates.find((gate) => gate.name === 'paths')?.status === 'fail';
}

describe('one protected-path matcher', () => {
  it('a glob without a trailing /** protects what lies below it (the agent tools let this through before)', () => {
    expect(protectingGlob('infra/main.tf', ['infra'])).toBe('infra');
    expect(protectingGlob('infra/main.tf', ['infra/'])).toBe('infra/');
    for (const refuses of [agentRefuses, publishRefuses, autoMergeRefuses]) expect(refuses('infra/main.tf', ['infra'])).toBe(true);
  });

  it('a dir/** glob protects the directory name itself (the publish gate and auto-merge let this through before)', () => {
    expect(protectingGlob('.github/workflows', ['.github/workflows/**'])).toBe('.github/workflows/**');
    for (const refuses of [agentRefuses, publishRefuses, autoMergeRefuses]) expect(refuses('.github/workflows', ['.github/workflows/**'])).toBe(true);
  });

  it('matches in any case spelling and dot files, everywhere', () => {
    for (const refuses of [agentRefuses, publishRefuses, autoMergeRefuses]) {
      expect(refuses('.GitHub/Workflows/ci.yml', ['.github/workflows/**'])).toBe(true);
      expect(refuses('keys/.env', ['keys/**'])).toBe(true);
    }
  });

  it('control: paths beside a protected one stay free at all three', () => {
    expect(protectingGlob('infrastructure.md', ['infra'])).toBeNull();
    expect(protectingGlob('src/workflows.js', ['.github/workflows/**'])).toBeNull();
    for (const refuses of [agentRefuses, publishRefuses, autoMergeRefuses]) {
      expect(refuses('infrastructure.md', ['infra'])).toBe(false);
      expect(refuses('src/workflows.js', ['.github/workflows/**'])).toBe(false);
    }
  });
});
