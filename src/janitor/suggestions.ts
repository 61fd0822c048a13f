/**
 * Majors the janitor does not make (unless `janitor-majors` is on) become `[Dependency]` suggestions through the
 * same pipeline the analysts use: de-duplicated by fingerprint against every suggestion the bot filed, never
 * again once rejected, labelled `source:janitor`, approval-gated.
 */
import type { Candidate } from '../discover/candidate.js';
import { inlineCode } from '../core/untrusted-markdown.js';
import type { MajorSuggestion } from './types.js';

/** Pure: one candidate per package and target major (a later major of the same package is a new suggestion). */
export function majorCandidate(major: MajorSuggestion): Candidate {
  const targetMajor = major.to.replace(/^v/, '').split('.')[0] ?? major.to;
  return {
    analyst: 'janitor',
    fingerprint: `janitor:${major.ecosystem}:${major.name}:major-${targetMajor}`,
    title: `[Dependency] ${major.name} ${major.from} → ${major.to} (major version)`,
    severity: 'low',
    category: 'dependency-major',
    value: 1,
    body: [
      `A new major version of ${inlineCode(major.name)} (${major.ecosystem}) is out: ${inlineCode(major.from)} → ${inlineCode(major.to)}.`,
      '',
      `The weekly janitor updates patch and minor versions within the declared ranges and leaves majors to a person, because a major version may change behaviour the tests do not cover. Changelog: ${major.changelog}`,
      '',
      'Approve to have it implemented like any roadmap issue (the range in the manifest changes, the lockfile follows, the tests decide), or set `janitor-majors: true` to let the janitor try majors itself.',
    ].join('\n'),
  };
}
