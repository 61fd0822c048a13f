/**
 * Which candidates become issues tonight, decided against every suggestion the bot already filed (by
 * reviews or by analysts, open or closed). Pure.
 *
 * - Same fingerprint as an open suggestion: already known, nothing new is filed.
 * - Same fingerprint as a suggestion rejected in triage (closed as not planned or duplicate): never again.
 * - Same fingerprint as one closed as completed: it came back, so it is filed again (a regression).
 * - The rest are filed highest value first, at most `maxNew` a night; the others wait for the next night.
 */
import type { Candidate } from './candidate.js';
import { severityRank } from '../core/labels.js';
import { isRejected, type ExistingSuggestion } from '../review/suggestion-plan.js';

export type DiscoveryAction =
  | { kind: 'create'; candidate: Candidate }
  | { kind: 'known'; candidate: Candidate; issue: ExistingSuggestion }
  | { kind: 'rejected'; candidate: Candidate; issue: ExistingSuggestion }
  | { kind: 'over-cap'; candidate: Candidate };

function byValue(a: Candidate, b: Candidate): number {
  return (
    b.value - a.value || severityRank(b.severity) - severityRank(a.severity) || a.title.localeCompare(b.title) || a.fingerprint.localeCompare(b.fingerprint)
  );
}

/** One candidate per fingerprint (two analysts, or two sources, can name the same problem): the most valuable. */
export function distinctCandidates(candidates: readonly Candidate[]): Candidate[] {
  const best = new Map<string, Candidate>();
  for (const candidate of [...candidates].sort(byValue)) if (!best.has(candidate.fingerprint)) best.set(candidate.fingerprint, candidate);
  return [...best.values()];
}

export function planDiscoveries(candidates: readonly Candidate[], existing: readonly ExistingSuggestion[], maxNew: number): DiscoveryAction[] {
  const actions: DiscoveryAction[] = [];
  let created = 0;
  for (const candidate of distinctCandidates(candidates)) {
    const matches = existing.filter((issue) => issue.marker.fingerprint === candidate.fingerprint);
    const rejected = matches.find(isRejected);
    if (rejected) {
      actions.push({ kind: 'rejected', candidate, issue: rejected });
      continue;
    }
    const open = matches.filter((issue) => issue.state === 'open').sort((a, b) => a.number - b.number)[0];
    if (open) {
      actions.push({ kind: 'known', candidate, issue: open });
      continue;
    }
    if (created < maxNew) {
      actions.push({ kind: 'create', candidate });
      created++;
    } else {
      actions.push({ kind: 'over-cap', candidate });
    }
  }
  return actions;
}
