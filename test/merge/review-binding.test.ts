import { describe, expect, it } from 'vitest';
import type { MergeFacts } from '../../src/merge/facts.js';
import type { GateSettings } from '../../src/merge/gate.js';
import { evaluateGates } from '../../src/merge/gates.js';
import { HEAD, checkRun, gateSettings, goodFacts, reviewRun, reviewSummary, withReviewChecks } from './facts-builder.js';

// A review result counts only when the review workflow's own run wrote it: every way of writing a check run with
// the review's name from somewhere else is refused, and each has a control that passes.

function evaluate(change: (facts: MergeFacts) => void, settings: GateSettings = gateSettings()) {
  const facts = goodFacts();
  change(facts);
  const evaluation = evaluateGates(withReviewChecks(facts), settings);
  return { verdict: evaluation.verdict, reviews: evaluation.gates.find((gate) => gate.name === 'agent-reviews') };
}

const forgedCto = (changes: Parameters<typeof checkRun>[1]) => (facts: MergeFacts) => {
  facts.checkRuns.push(checkRun('agentic/cto-review', { summary: reviewSummary(), ...changes }));
};

describe('review results bound to the review workflow’s run', () => {
  it('control: the review run’s own checks pass', () => {
    expect(evaluate(() => undefined)).toMatchObject({ verdict: 'merge', reviews: { status: 'pass' } });
  });

  it('refuses a success check with the review’s name written by a run of another workflow', () => {
    const result = evaluate((f) => {
      f.checkRuns = f.checkRuns.filter((run) => run.name !== 'agentic/cto-review');
      f.reviewRuns = {
        ...f.reviewRuns,
        7000: reviewRun({ id: 7000, path: '.github/workflows/ci.yml', event: 'pull_request', headBranch: 'automated/3-add-a-widget', headSha: HEAD }),
      };
      forgedCto({ externalId: '7000/1' })(f);
    });
    expect(result.verdict).toBe('refuse');
    expect(result.reviews?.reason).toMatch(
      /^`agentic\/cto-review` check \d+ is not the review workflow's result: it names workflow run 7000 of `.github\/workflows\/ci.yml`, which is not a review workflow/,
    );
  });

  it('refuses a newer passing check that names no run, even over a real result', () => {
    const result = evaluate(forgedCto({ externalId: null }));
    expect(result.verdict).toBe('refuse');
    expect(result.reviews?.reason).toMatch(/it names no workflow run/);
  });

  it('refuses a second check claiming the real review run’s attempt (a forger copying its external_id)', () => {
    const result = evaluate(forgedCto({ externalId: '9001/1' }));
    expect(result.verdict).toBe('refuse');
    expect(result.reviews?.reason).toMatch(/2 checks of that name claim attempt 1 of workflow run 9001, which writes one/);
  });

  it('refuses the review workflow run from another branch (its file may be changed there); a pull_request run for this head counts', () => {
    const other = evaluate((f) => {
      f.reviewRuns = { 9001: reviewRun({ headBranch: 'feature/x', event: 'workflow_dispatch' }) };
    });
    expect(other.verdict).toBe('refuse');
    expect(other.reviews?.reason).toMatch(/ran `.github\/workflows\/agentic-review.yml` from `feature\/x`, not from the default branch `main`/);
    const pullRequest = evaluate((f) => {
      f.reviewRuns = { 9001: reviewRun({ headBranch: 'automated/3-add-a-widget', event: 'pull_request', headSha: HEAD }) };
    });
    expect(pullRequest.verdict).toBe('merge');
  });

  it('refuses a check started before its run began, after it ended, or naming an attempt that does not exist', () => {
    expect(evaluate(forgedCto({ externalId: '9002/1', startedAt: '2026-12-01T09:00:00Z' }))).toMatchObject({ verdict: 'refuse' });
    const before = evaluate((f) => {
      f.checkRuns = f.checkRuns.filter((run) => run.name !== 'agentic/cto-review');
      forgedCto({ startedAt: '2026-12-01T09:59:00Z' })(f);
    });
    expect(before.reviews?.reason).toMatch(/it was started before workflow run 9001 began/);
    const after = evaluate((f) => {
      f.reviewRuns = { 9001: reviewRun({ status: 'completed', updatedAt: '2026-12-01T10:01:00Z' }) };
      f.checkRuns = f.checkRuns.filter((run) => run.name !== 'agentic/cto-review');
      forgedCto({ startedAt: '2026-12-01T10:30:00Z' })(f);
    });
    expect(after.reviews?.reason).toMatch(/it was started after workflow run 9001 ended/);
    const attempt = evaluate((f) => {
      f.checkRuns = f.checkRuns.filter((run) => run.name !== 'agentic/cto-review');
      forgedCto({ externalId: '9001/2' })(f);
    });
    expect(attempt.reviews?.reason).toMatch(/it names attempt 2 of workflow run 9001, which has 1/);
  });

  it('refuses a check naming a run that could not be read, and says why', () => {
    const result = evaluate((f) => {
      f.reviewRuns = { 9001: 'workflow run 9001 could not be read (HTTP 403: the job needs the `actions: read` permission)' };
    });
    expect(result.verdict).toBe('refuse');
    expect(result.reviews?.reason).toMatch(/needs the `actions: read` permission/);
  });

  it('clears a blocking result only with a newer review run of the head that passes', () => {
    const blocked = (f: MergeFacts) => {
      f.checkRuns = f.checkRuns.filter((run) => run.name !== 'agentic/cto-review');
      f.checkRuns.push(checkRun('agentic/cto-review', { conclusion: 'failure', summary: reviewSummary({ shouldBlock: true }) }));
    };
    expect(evaluate(blocked).verdict).toBe('refuse');
    const rerun = evaluate((f) => {
      blocked(f);
      f.reviewRuns = { ...f.reviewRuns, 9005: reviewRun({ id: 9005, startedAt: '2026-12-01T11:00:00Z' }) };
      forgedCto({ externalId: '9005/1', startedAt: '2026-12-01T11:01:00Z' })(f);
    });
    expect(rerun.verdict).toBe('merge');
    // A re-run attempt of the same run is a newer review too.
    const attempt = evaluate((f) => {
      blocked(f);
      f.reviewRuns = { 9001: reviewRun({ attempt: 2, startedAt: '2026-12-01T11:00:00Z' }) };
      for (const run of f.checkRuns) if (run.name === 'agentic/ciso-review') Object.assign(run, { externalId: '9001/2', startedAt: '2026-12-01T11:02:00Z' });
      forgedCto({ externalId: '9001/2', startedAt: '2026-12-01T11:01:00Z' })(f);
    });
    expect(attempt.verdict).toBe('merge');
  });

  it('with a review app id configured, counts only that app’s checks and reads no run', () => {
    const settings = gateSettings({ reviewAppId: 424242, reviewApp: 'acme-reviewer' });
    const fromApp = (f: MergeFacts) => {
      f.reviewRuns = {};
      for (const run of f.checkRuns) if (run.name.endsWith('-review')) Object.assign(run, { appSlug: 'acme-reviewer', appId: 424242, externalId: null });
    };
    expect(evaluate(fromApp, settings).verdict).toBe('merge');
    const impostor = evaluate((f) => {
      fromApp(f);
      f.checkRuns.push(checkRun('agentic/cto-review', { appSlug: 'acme-reviewer', appId: 5, summary: reviewSummary() }));
    }, settings);
    expect(impostor.verdict).toBe('refuse');
    expect(impostor.reviews?.reason).toMatch(/created by app id 5, not the review app \(id 424242\)/);
  });
});
