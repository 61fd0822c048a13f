/** Plain-data suggestions and snapshots for the pure triage tests. */
import { contentHashes } from '../../src/core/approval.js';
import type { Snapshot, Suggestion } from '../../src/triage/snapshot.js';

export function suggestion(overrides: Partial<Suggestion> & { number: number }): Suggestion {
  return {
    title: `Suggestion ${overrides.number}`,
    url: `https://github.com/acme/widgets/issues/${overrides.number}`,
    open: true,
    stateReason: null,
    createdAt: '2026-11-20T09:00:00Z',
    closedAt: null,
    labels: ['agent-suggestion', 'needs-approval', 'severity-medium', 'source:cto-review'],
    severity: 'medium',
    source: 'cto-review',
    prs: [],
    fingerprint: `fp-${overrides.number}`,
    content: contentHashes(overrides.title ?? `Suggestion ${overrides.number}`, 'body'),
    ...overrides,
  };
}

export function snapshotOf(parts: Partial<Snapshot>): Snapshot {
  return { suggestions: [], pulls: [], roadmap: [], reports: [], nightly: [], seenLabels: new Set(), ...parts };
}
