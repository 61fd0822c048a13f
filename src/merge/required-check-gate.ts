/**
 * The repository's required checks, each judged on the head: its latest check run (from the app the ruleset
 * names, when it names one) or its latest commit status. A required check that has not run is not green.
 */
import { code, listOf } from './display.js';
import type { MergeFacts, RequiredCheck } from './facts.js';
import type { GateSettings } from './gate.js';

const GREEN = new Set(['success', 'neutral', 'skipped']);

export interface RequiredChecksResult {
  /** Every required check, de-duplicated (ruleset ones first, then classic protection's, then the policy's). */
  required: RequiredCheck[];
  missing: string[];
  failed: string[];
  pending: string[];
}

export function requiredChecksOf(facts: MergeFacts, settings: Pick<GateSettings, 'requiredChecks'>): RequiredCheck[] {
  const all: RequiredCheck[] = [
    ...facts.requiredChecks.fromRulesets,
    ...facts.requiredChecks.fromProtection,
    ...settings.requiredChecks.map((context) => ({ context, appId: null, source: 'config' as const })),
  ];
  const seen = new Set<string>();
  return all.filter((check) => {
    const key = `${check.context}\0${check.appId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function shown(check: RequiredCheck): string {
  const from = check.source === 'ruleset' ? 'required by a ruleset' : check.source === 'protection' ? 'required by branch protection' : 'required-checks';
  return `${code(check.context)} (${from}${check.appId !== null ? `, app id ${check.appId}` : ''})`;
}

export function judgeRequiredChecks(facts: MergeFacts, settings: Pick<GateSettings, 'requiredChecks'>): RequiredChecksResult {
  const result: RequiredChecksResult = { required: requiredChecksOf(facts, settings), missing: [], failed: [], pending: [] };
  for (const check of result.required) {
    const run = facts.checkRuns
      .filter((candidate) => candidate.name === check.context && (check.appId === null || candidate.appId === check.appId))
      .sort((a, b) => b.id - a.id)[0];
    const status = check.appId === null ? facts.statuses.find((candidate) => candidate.context === check.context) : undefined;
    if (run) {
      if (run.status !== 'completed') result.pending.push(shown(check));
      else if (!GREEN.has(run.conclusion ?? '')) result.failed.push(`${shown(check)}: ${run.conclusion ?? 'no conclusion'}`);
    } else if (status) {
      if (status.state === 'pending') result.pending.push(shown(check));
      else if (status.state !== 'success') result.failed.push(`${shown(check)}: ${status.state}`);
    } else {
      result.missing.push(shown(check));
    }
  }
  return result;
}

export function requiredChecksNote(result: RequiredChecksResult, facts: MergeFacts): string {
  const unreadable = facts.requiredChecks.unreadable ? ` (${facts.requiredChecks.unreadable})` : '';
  if (result.required.length === 0) {
    return `CI is not enforced by the repository: no ruleset or branch protection on the base branch requires a status check and required-checks is empty, so any green check counts${unreadable}`;
  }
  return `required: ${listOf(result.required.map(shown))}${unreadable}`;
}
