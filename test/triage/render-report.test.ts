import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS as names } from '../../src/core/labels.js';
import { computeMetrics } from '../../src/triage/metrics.js';
import { isoWeekPeriod } from '../../src/triage/period.js';
import { MAX_BODY_CHARS, renderReport } from '../../src/triage/render-report.js';
import type { Snapshot } from '../../src/triage/snapshot.js';
import { snapshotOf, suggestion } from './fixtures.js';

const now = new Date('2026-11-25T10:00:00Z');
const period = isoWeekPeriod(now);

function render(snapshot: Snapshot): string {
  return renderReport({
    period,
    now,
    snapshot,
    names,
    metrics: computeMetrics(snapshot, names, period, []),
    ledger: [],
    staleAfterDays: 14,
    staleClaimHours: 6,
    repoUrl: 'https://github.com/acme/widgets',
  });
}

describe('the report body', () => {
  it('groups by severity, then source, oldest first, and flags those waiting too long', () => {
    const body = render(
      snapshotOf({
        suggestions: [
          suggestion({ number: 1, severity: 'low', source: 'discovery', labels: ['agent-suggestion', 'needs-approval'] }),
          suggestion({ number: 2, severity: 'critical', source: 'ciso-review', createdAt: '2026-11-01T00:00:00Z', prs: [4, 9] }),
          suggestion({ number: 3, severity: 'critical', source: 'cto-review' }),
          suggestion({ number: 4, severity: 'critical', source: 'cto-review', createdAt: '2026-11-10T00:00:00Z' }),
          suggestion({ number: 5, severity: null }),
        ],
      }),
    );
    const headings = [...body.matchAll(/^### (.*)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(['Critical · cto-review (2)', 'Critical · ciso-review (1)', 'Low · discovery (1)', 'Severity not set · cto-review (1)']);
    expect(body.indexOf('| #4 |')).toBeLessThan(body.indexOf('| #3 |'));
    expect(body).toContain('| #2 | Suggestion 2 | **24 days** ⚠️ | #4, #9 | `/approve #2` or `/reject #2 <reason>` |');
    expect(body).toContain('**5 suggestions waiting for a decision**, 2 of them for more than 14 days (⚠️).');
  });

  it('stays under GitHub’s body limit with 1,000 long titles, linking to the rest of each group', () => {
    const suggestions = Array.from({ length: 1000 }, (_, i) =>
      suggestion({ number: i + 1, title: `${'Very long agent title '.repeat(10)}${i}`, severity: (['critical', 'high', 'medium', 'low'] as const)[i % 4] }),
    );
    const body = render(snapshotOf({ suggestions }));
    expect(body.length).toBeLessThanOrEqual(MAX_BODY_CHARS + 1);
    expect(body).toContain('## Waiting for a decision (1000)');
    expect(body).toMatch(
      /… and \d+ more in this group: \[list them\]\(https:\/\/github\.com\/acme\/widgets\/issues\?q=is%3Aissue%20is%3Aopen%20label%3A%22agent-suggestion%22/,
    );
  });

  it('has no HTML comments, raw HTML or live mentions from agent titles', () => {
    const body = render(snapshotOf({ suggestions: [suggestion({ number: 1, title: '<img src=x> @alice <!-- hi --> ![p](https://e/p.png)' })] }));
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<!--');
    expect(body).not.toMatch(/(^|[^`\w])@alice/);
    expect(body).not.toContain('![p]');
  });
});
