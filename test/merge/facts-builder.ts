import { GITHUB_ACTIONS_BOT } from '../../src/core/identity.js';
import { formatMarker } from '../../src/core/marker.js';
import type { CheckRunFacts, MergeFacts } from '../../src/merge/facts.js';
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

let nextId = 100;
export function checkRun(name: string, changes: Partial<CheckRunFacts> = {}): CheckRunFacts {
  nextId += 1;
  return { id: nextId, name, status: 'completed', conclusion: 'success', appSlug: 'github-actions', summary: null, detailsUrl: null, htmlUrl: null, ...changes };
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
    checkRuns: [
      checkRun('agentic/cto-review', { summary: reviewSummary() }),
      checkRun('agentic/ciso-review', { summary: reviewSummary() }),
      checkRun('test'),
    ],
    statuses: [],
    files: [
      { filename: 'src/widget.ts', previousFilename: null },
      { filename: 'test/widget.test.ts', previousFilename: null },
    ],
    permissions: {},
    pullReads: 1,
  };
}

export function gateSettings(changes: Partial<GateSettings> = {}): GateSettings {
  return {
    repository: 'acme/widgets',
    branchPatterns: ['automated/*'],
    blockingLabels: ['do-not-merge', 'agent:blocked'],
    requiredApprovals: 0,
    reviewChecks: ['agentic/cto-review', 'agentic/ciso-review'],
    reviewApp: 'github-actions',
    ownCheckPrefix: 'agentic/',
    minChecks: 1,
    requireHumanPaths: ['.github/**', '**/action.yml', '.github/agentic.yml'],
    dependencyManifests: ['**/package.json', '**/package-lock.json'],
    ...changes,
  };
}
