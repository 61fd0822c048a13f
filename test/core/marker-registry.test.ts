import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMarker } from '../../src/core/marker.js';
import type { ImplementationPlan } from '../../src/core/markers/plan.js';
import { MARKER_REGISTRY, parseAnyMarker, readMarker, writeMarker, type MarkerInput, type RegisteredMarkerKind } from '../../src/core/markers/registry.js';

const plan: ImplementationPlan = {
  problem: 'p',
  files: [{ path: 'src/a.ts', action: 'modify', reason: 'r' }],
  steps: ['s'],
  tests: [],
  checklist: [],
  risks: [],
  architectural: false,
};
const finding = { fp: 'f1', severity: 'high', category: 'bug', file: 'a.ts', line: 3, title: 't' } as const;

// One valid datum per kind; the type makes a new kind without a sample a compile error here.
const SAMPLES: { [K in RegisteredMarkerKind]: MarkerInput<K> } = {
  implement: { stage: 'spec', costUsd: 0.5, plan, planHash: 'abc', sinceCommentId: 4 },
  'implement-claim': { token: '0123456789ab', runId: 7, claimedAt: '2026-01-01T00:00:00Z' },
  'implement-pr': { issue: 9, costUsd: 0.05, openedAt: '2026-01-01T00:00:00Z' },
  approval: { by: 'alice', at: '2026-01-01T00:00:00Z', content: { title: 'a'.repeat(64), body: 'b'.repeat(64) } },
  'approval-refused': { key: 'label-mallory' },
  suggestion: { fingerprint: 'fp', source: 'cto-review', severity: 'medium', category: 'bug', prs: [3] },
  'review-check': { headSha: 'h', shouldBlock: false, complete: true, newDependencies: ['left-pad'] },
  review: { reviewer: 'cto-review', head: 'h' },
  'review-finding': { reviewer: 'ciso-review', fp: 'f1' },
  'suggestion-seen': { pr: 3, reviewer: 'cto-review' },
  'review-record': {
    reviewer: 'cto-review',
    head: 'a'.repeat(40),
    settings: 'k',
    prompt: 'b'.repeat(64),
    calls: 1,
    costUsd: 0.01,
    findings: [{ file: 'a.ts', line: 3, title: 't' }],
    outside: [],
    seal: 'c'.repeat(64),
  },
  'cto-review': {
    headSha: 'h',
    settingsKey: 'k',
    complete: true,
    shouldBlock: false,
    conclusion: 'success',
    reviewId: null,
    reviews: 1,
    costUsd: 0.1,
    findings: [finding],
    resolved: [],
    leftOut: [],
  },
  'ciso-review': {
    headSha: 'h',
    settingsKey: 'k',
    complete: false,
    shouldBlock: true,
    conclusion: 'failure',
    reviewId: 5,
    reviews: 2,
    costUsd: 0,
    findings: [],
    resolved: [{ ...finding, resolvedAt: 'x' }],
    leftOut: ['big.js'],
  },
  refusal: { key: 'comment-1' },
  'review-cap': { key: '3-h' },
  'auto-merge': { headSha: 'h', status: 'waiting', gates: [{ name: 'ci', status: 'wait', reason: 'pending' }] },
  'triage-report': { period: '2026-W01', approvals: [{ issue: 4, at: 'x', by: null }], resume: [] },
  triage: { decision: 'approved', by: 'alice', at: 'x', via: 'command', priority: 'p1', content: { title: 'c'.repeat(64), body: 'd'.repeat(64) } },
  'triage-reply': { user: 42 },
  'nightly-report': { day: '2026-01-02', end: '2026-01-02T03:00:00Z' },
  'discover-cursor': { logMinerAfter: 1234, sentryCursor: '1700000000000:0:1' },
  janitor: { week: '2026-W01', base: 'abc', kept: ['left-pad@1.3.1'], reverted: [] },
};

const KINDS = Object.keys(MARKER_REGISTRY) as RegisteredMarkerKind[];

describe('marker registry', () => {
  it.each(KINDS)('%s round-trips through write, read and parseAnyMarker', (kind) => {
    const text = writeMarker(kind, SAMPLES[kind] as never);
    expect(text).toBe(formatMarker(kind, SAMPLES[kind] as Record<string, unknown>));
    expect(readMarker(kind, `Visible text\n\n${text}`)).toEqual(SAMPLES[kind]);
    expect(parseAnyMarker(text)).toEqual({ kind, data: SAMPLES[kind] });
  });

  it('keeps the text on the wire as it was', () => {
    expect(writeMarker('implement-pr', { issue: 9, costUsd: 0.05, openedAt: 'x' })).toBe(
      '<!-- agentic-workflow:implement-pr {"issue":9,"costUsd":0.05,"openedAt":"x","v":1} -->',
    );
    expect(writeMarker('triage-reply', { user: 1 })).toBe('<!-- agentic-workflow:triage-reply {"user":1,"v":1} -->');
  });

  it('reads the auto-merge closing note on an issue as well as the gate table on a pull request', () => {
    expect(parseAnyMarker(writeMarker('auto-merge', { pr: 3, sha: 'abc' }))).toEqual({ kind: 'auto-merge', data: { pr: 3, sha: 'abc' } });
  });

  it('rejects a marker of an unknown kind', () => {
    expect(parseAnyMarker(formatMarker('not-a-kind', { a: 1 }))).toBeNull();
  });

  it('rejects malformed markers: broken JSON, another version, data the schema refuses, text around it', () => {
    expect(parseAnyMarker('<!-- agentic-workflow:triage-reply {"user":1,"v":1 -->')).toBeNull();
    expect(parseAnyMarker('<!-- agentic-workflow:triage-reply {"user":1,"v":2} -->')).toBeNull();
    expect(parseAnyMarker(formatMarker('triage-reply', { user: 'someone' }))).toBeNull();
    expect(parseAnyMarker(formatMarker('implement', { stage: 'bribed' }))).toBeNull();
    expect(parseAnyMarker(`${formatMarker('triage-reply', { user: 1 })} and more -->`)).toBeNull();
    expect(parseAnyMarker('<!-- agentic-workflow:triage-reply{"user":1,"v":1} -->')).toBeNull();
    // Control: the same marker, well formed, is read.
    expect(parseAnyMarker(` ${formatMarker('triage-reply', { user: 1 })}\n`)).toEqual({ kind: 'triage-reply', data: { user: 1 } });
  });

  it('refuses to write data its readers would reject', () => {
    expect(() => writeMarker('implement-claim', { token: 'short', claimedAt: 'x' })).toThrow(/implement-claim does not match its schema: token/);
    expect(() => writeMarker('review-check', { headSha: 'h', shouldBlock: 'no' as unknown as boolean, complete: true })).toThrow(/shouldBlock/);
  });

  it('is the only place product code formats or parses a marker', () => {
    const allowed = new Set(['src/core/marker.ts', 'src/core/markers/registry.ts', 'src/core/sticky-comment.ts', 'src/core/reply-once.ts']);
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (
          path.endsWith('.ts') &&
          !allowed.has(relative(process.cwd(), path)) &&
          /\b(formatMarker|parseMarker)\(|<!-- agentic-workflow:/.test(readFileSync(path, 'utf8'))
        )
          offenders.push(relative(process.cwd(), path));
      }
    };
    walk(join(process.cwd(), 'src'));
    expect(offenders).toEqual([]);
  });
});
