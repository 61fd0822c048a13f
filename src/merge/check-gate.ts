/**
 * The checks gate: every check the repository requires (its rulesets, and `required-checks` in the policy) ran on
 * the head and passed; at least `min-checks` checks besides the agents' own ran there, and every check run and
 * commit status there ended green. Pending means wait, never merge; no checks at all is not green.
 */
import { code, listOf, plural, shortSha } from './display.js';
import type { CheckRunFacts, MergeFacts } from './facts.js';
import { fail, pass, wait, type Gate, type GateSettings } from './gate.js';
import { judgeRequiredChecks, requiredChecksNote } from './required-check-gate.js';
import { isReviewCheck } from './review-gates.js';

const GREEN_CONCLUSIONS = new Set(['success', 'neutral', 'skipped']);

/** Job check runs link to `/actions/runs/<id>/job/<job>`: the run the evaluating job itself belongs to. */
function belongsToRun(run: CheckRunFacts, runId: number): boolean {
  const pattern = new RegExp(`/actions/runs/${runId}(?:/|$)`);
  return [run.detailsUrl, run.htmlUrl].some((url) => url !== null && pattern.test(url));
}

export function checksGate(facts: MergeFacts, settings: GateSettings): Gate {
  const required = judgeRequiredChecks(facts, settings);
  const enforced = requiredChecksNote(required, facts);
  const headShown = shortSha(facts.pull.headSha);
  if (required.failed.length > 0)
    return fail('checks', `${plural(required.failed.length, 'required check')} failed on head ${headShown}: ${listOf(required.failed)}`);
  if (required.missing.length > 0)
    return fail('checks', `${plural(required.missing.length, 'required check')} did not run on head ${headShown}: ${listOf(required.missing)}`);
  const failed: string[] = [];
  const pending: string[] = [];
  const ignored: string[] = [];
  // Only a passing or still-running check is evidence; skipped and neutral ones are allowed but prove nothing.
  let counted = 0;
  const counts = (name: string): boolean => !name.startsWith(settings.ownCheckPrefix);

  for (const run of facts.checkRuns) {
    if (isReviewCheck(run, settings)) continue; // the agent-reviews gate reads these
    if (run.status !== 'completed') {
      // This job shows as an unfinished check on the head when its workflow ran for it; waiting for itself would never end.
      if (settings.runId !== undefined && belongsToRun(run, settings.runId)) {
        ignored.push(code(run.name));
        continue;
      }
      pending.push(code(run.name));
      if (counts(run.name)) counted += 1;
    } else if (!GREEN_CONCLUSIONS.has(run.conclusion ?? '')) {
      failed.push(`${code(run.name)} (${run.conclusion ?? 'no conclusion'})`);
    } else if (run.conclusion === 'success' && counts(run.name)) {
      counted += 1;
    }
  }
  for (const status of facts.statuses) {
    if (status.state === 'pending') {
      pending.push(code(status.context));
      if (counts(status.context)) counted += 1;
    } else if (status.state !== 'success') {
      failed.push(`${code(status.context)} (${status.state})`);
    } else if (counts(status.context)) {
      counted += 1;
    }
  }

  const head = shortSha(facts.pull.headSha);
  const note = ignored.length > 0 ? `; not counted: ${listOf(ignored)} of this workflow run` : '';
  if (failed.length > 0) return fail('checks', `${plural(failed.length, 'check')} failed on head ${head}: ${listOf(failed)}${note}`);
  if (counted === 0) {
    return fail('checks', `no check besides the agents' own passed or ran on head ${head}: no checks is not green (min-checks ${settings.minChecks})${note}`);
  }
  if (counted < settings.minChecks) return fail('checks', `only ${counted} of the required ${settings.minChecks} checks ran on head ${head}${note}`);
  if (pending.length > 0) return wait('checks', `${plural(pending.length, 'check')} still running on head ${head}: ${listOf(pending)}${note}`);
  return pass('checks', `${plural(counted, 'check')} green on head ${head}${note}; ${enforced}`);
}
