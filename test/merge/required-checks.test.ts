import { describe, expect, it } from 'vitest';
import type { MergeFacts } from '../../src/merge/facts.js';
import type { GateSettings } from '../../src/merge/gate.js';
import { evaluateGates } from '../../src/merge/gates.js';
import { checkRun, gateSettings, goodFacts, withReviewChecks } from './facts-builder.js';

// "CI passed" means the repository's required checks passed, not that some check did.

function checks(change: (facts: MergeFacts) => void, settings: GateSettings = gateSettings()) {
  const facts = goodFacts();
  change(facts);
  const evaluation = evaluateGates(withReviewChecks(facts), settings);
  return { verdict: evaluation.verdict, gate: evaluation.gates.find((gate) => gate.name === 'checks') };
}

const ruleset =
  (...contexts: Array<string | { context: string; appId: number }>) =>
  (facts: MergeFacts) => {
    facts.requiredChecks = {
      fromRulesets: contexts.map((item) =>
        typeof item === 'string' ? { context: item, appId: null, source: 'ruleset' as const } : { ...item, source: 'ruleset' as const },
      ),
      fromProtection: [],
      unreadable: null,
    };
  };

describe('required checks are the repository’s', () => {
  it('refuses a head without the ruleset’s required check, however many other checks passed', () => {
    const result = checks(ruleset('ci / build'));
    expect(result.verdict).toBe('refuse');
    expect(result.gate?.reason).toBe('1 required check did not run on head aaaaaaa: `ci / build` (required by a ruleset)');
  });

  it('control: merges when the required check passed, and says which checks were required', () => {
    const result = checks((f) => {
      ruleset('ci / build')(f);
      f.checkRuns.push(checkRun('ci / build', { appSlug: 'ci-app', appId: 77 }));
    });
    expect(result.verdict).toBe('merge');
    expect(result.gate?.reason).toMatch(/; required: `ci \/ build` \(required by a ruleset\)$/);
  });

  it('accepts a required commit status, refuses a failed one and waits for a pending one', () => {
    expect(
      checks((f) => {
        ruleset('ci/legacy')(f);
        f.statuses.push({ context: 'ci/legacy', state: 'success' });
      }).verdict,
    ).toBe('merge');
    expect(
      checks((f) => {
        ruleset('ci/legacy')(f);
        f.statuses.push({ context: 'ci/legacy', state: 'failure' });
      }).gate?.reason,
    ).toMatch(/required check failed on head aaaaaaa: `ci\/legacy` \(required by a ruleset\): failure/);
    expect(
      checks((f) => {
        ruleset('ci/legacy')(f);
        f.statuses.push({ context: 'ci/legacy', state: 'pending' });
      }).verdict,
    ).toBe('wait');
  });

  it('counts a check from the app the ruleset names only; another app’s check of that name is not it', () => {
    const impostor = checks((f) => {
      ruleset({ context: 'ci / build', appId: 77 })(f);
      f.checkRuns.push(checkRun('ci / build', { appSlug: 'github-actions', appId: 15368 }));
    });
    expect(impostor.verdict).toBe('refuse');
    expect(impostor.gate?.reason).toMatch(/did not run on head aaaaaaa: `ci \/ build` \(required by a ruleset, app id 77\)/);
  });

  it('classic branch protection’s required checks count as the ruleset’s do (control: passes once it ran)', () => {
    const protection = (f: MergeFacts) => {
      f.requiredChecks = { fromRulesets: [], fromProtection: [{ context: 'ci / test', appId: null, source: 'protection' }], unreadable: null };
    };
    expect(checks(protection).gate?.reason).toBe('1 required check did not run on head aaaaaaa: `ci / test` (required by branch protection)');
    const passed = checks((f) => {
      protection(f);
      f.checkRuns.push(checkRun('ci / test'));
    });
    expect(passed.verdict).toBe('merge');
    expect(passed.gate?.reason).toMatch(/required: `ci \/ test` \(required by branch protection\)$/);
  });

  it('adds required-checks from the policy to the ruleset’s', () => {
    const settings = gateSettings({ requiredChecks: ['e2e'] });
    expect(checks(() => undefined, settings).gate?.reason).toBe('1 required check did not run on head aaaaaaa: `e2e` (required-checks)');
    expect(checks((f) => f.checkRuns.push(checkRun('e2e')), settings).verdict).toBe('merge');
  });

  it('when the repository requires nothing, today’s rule applies and the summary says CI is not enforced', () => {
    const result = checks((f) => {
      f.requiredChecks = { fromRulesets: [], fromProtection: [], unreadable: 'the rules of main could not be read (HTTP 403)' };
    });
    expect(result.verdict).toBe('merge');
    expect(result.gate?.reason).toMatch(
      /CI is not enforced by the repository: .* so any green check counts \(the rules of main could not be read \(HTTP 403\)\)$/,
    );
  });
});
