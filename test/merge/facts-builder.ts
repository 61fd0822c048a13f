import { GITHUB_ACTIONS_BOT } from '../../src/core/identity.js';
import { formatMarker } from '../../src/core/marker.js';
import type { CheckRunFacts, MergeFacts, WorkflowRunFacts } from '../../src/merge/facts.js';
import type { GateSettings } from '../../src/merge/gate.js';

/** Plain data for the gate tests: a pull request on which every gate holds, to be changed one fact at a time. */
export const HEAD = 'a'.repeat(40);
export const OLD_HEAD = 'b'.repeat(40);
export const BOT = { login: GITHUB_ACTIONS_BOT.login, id: GITHUB_ACTIONS_BOT.id, type: 'Bot' };
export const ALICE = { login: 'alice', id: 501, type: 'User' };
export const BOB = { login: 'bob', id: 502, type: 'User' };

export function reviewSummary(marker: { headSha?: string; shouldBlock?: boolean; complete?: boolean; newDependencies?: string[] } = {}): string {
  return `Reviewed 3 files.\n\n${formatMarker('review-check', { headSha: HEAD, shouldBlock: false, complete: true, newDependencies: [], ...marker })}`;
}

/** The review workflow's run that wrote the review checks: from the default branch, started before them. */
export const REVIEW_RUN_ID = 9001;
export function reviewRun(changes: Partial<WorkflowRunFacts> = {}): WorkflowRunFacts {
  return {
    id: REVIEW_RUN_ID,
    path: '.github/workflows/agentic-review.yml',
    event: 'issue_comment',
    headBranch: 'main',
    headSha: 'c'.repeat(40),
    attempt: 1,
    status: 'in_progress',
    startedAt: '2026-12-01T10:00:00Z',
    updatedAt: '2026-12-01T10:00:00Z',
    ...changes,
  };
}

const isReviewName = (name: string) => name === 'agentic/cto-review' || name === 'agentic/ciso-review' || name === 'agentic/qa-review';

let nextId = 100;
/** A check run; a review check names the review run in its external_id unless told otherwise. */
export function checkRun(name: string, changes: Partial<CheckRunFacts> = {}): CheckRunFacts {
  nextId += 1;
  return {
    id: nextId,
    name,
    status: 'completed',
    conclusion: 'success',
    appSlug: 'github-actions',
    appId: 15368,
    externalId: isReviewName(name) ? `${REVIEW_RUN_ID}/1` : null,
    startedAt: '2026-12-01T10:05:00Z',
    summary: null,
    detailsUrl: null,
    htmlUrl: null,
    ...changes,
  };
}

export function goodFacts(): MergeFacts {
  return {
    bot: { ...GITHUB_ACTIONS_BOT },
    pull: {
      number: 7,
      state: 'open',
      merged: false,
      mergedBy: null,
      mergeCommitSha: null,
      draft: false,
      title: 'feat: add a widget',
      body: 'Fixes #3',
      author: BOT,
      headRef: 'automated/3-add-a-widget',
      headSha: HEAD,
      headRepo: 'acme/widgets',
      baseRepo: 'acme/widgets',
      baseRef: 'main',
      defaultBranch: 'main',
      labels: ['automated'],
      mergeableState: 'clean',
      commitCount: 2,
      changedFiles: 2,
    },
    commits: [
      { sha: OLD_HEAD, author: BOT, authorEmail: '41898282+github-actions[bot]@users.noreply.github.com', committer: BOT, verified: true },
      { sha: HEAD, author: BOT, authorEmail: '41898282+github-actions[bot]@users.noreply.github.com', committer: BOT, verified: true },
    ],
    reviews: [],
    checkRuns: [checkRun('agentic/cto-review', { summary: reviewSummary() }), checkRun('agentic/ciso-review', { summary: reviewSummary() }), checkRun('test')],
    reviewCheckRuns: [],
    requiredChecks: { fromRulesets: [], fromProtection: [], unreadable: null },
    reviewRuns: { [REVIEW_RUN_ID]: reviewRun() },
    statuses: [],
    files: [
      { filename: 'src/widget.ts', previousFilename: null },
      { filename: 'test/widget.test.ts', previousFilename: null },
    ],
    permissions: {},
    pullReads: 1,
  };
}

/** What the fetch does: every run of a review check's name is also listed with the review checks. */
export function withReviewChecks(facts: MergeFacts, names: readonly string[] = ['agentic/cto-review', 'agentic/ciso-review', 'agentic/qa-review']): MergeFacts {
  return { ...facts, reviewCheckRuns: facts.checkRuns.filter((run) => names.includes(run.name)).sort((a, b) => b.id - a.id) };
}

export function gateSettings(changes: Partial<GateSettings> = {}): GateSettings {
  return {
    repository: 'acme/widgets',
    branchPatterns: ['automated/*'],
    blockingLabels: ['do-not-merge', 'agent:blocked'],
    requiredApprovals: 0,
    reviewChecks: ['agentic/cto-review', 'agentic/ciso-review'],
    reviewApp: 'github-actions',
    reviewWorkflows: [
      '.github/workflows/agentic.yml',
      '.github/workflows/agentic-review.yml',
      '.github/workflows/agentic-implement.yml',
      '.github/workflows/agentic-janitor.yml',
    ],
    ownCheckPrefix: 'agentic/',
    minChecks: 1,
    requiredChecks: [],
    requireHumanPaths: ['.github/**', '**/action.yml', '.github/agentic.yml'],
    dependencyManifests: ['**/package.json', '**/package-lock.json'],
    ...changes,
  };
}
