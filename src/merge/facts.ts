/**
 * What auto-merge knows about a pull request, as plain data: everything the gates decide on is in here and
 * nothing else, so `evaluateGates` can be tested exhaustively without any fake (STYLE rule 5).
 */
import type { BotIdentity, Permission } from '../core/identity.js';

export interface Account {
  login: string;
  id: number;
  type: string;
}

export interface PullFacts {
  number: number;
  state: 'open' | 'closed';
  merged: boolean;
  mergedBy: Account | null;
  mergeCommitSha: string | null;
  draft: boolean;
  title: string;
  body: string;
  author: Account | null;
  headRef: string;
  headSha: string;
  /** `owner/name` of the head repository; null when a fork was deleted. */
  headRepo: string | null;
  baseRepo: string;
  baseRef: string;
  /** The base repository's default branch: the review workflow counts only as it is there. */
  defaultBranch: string;
  labels: string[];
  /** GitHub's `mergeable_state` (clean, dirty, blocked, behind, unstable, has_hooks, draft, unknown), null when not computed. */
  mergeableState: string | null;
  /** Totals GitHub states for the PR: the lists below must be this long to be complete. */
  commitCount: number;
  changedFiles: number;
}

export interface CommitFacts {
  sha: string;
  /** The GitHub account the commit's author email belongs to, or null when GitHub maps it to none. */
  author: Account | null;
  authorEmail: string | null;
  /** The GitHub account the committer email belongs to, or null. */
  committer: Account | null;
  /** GitHub's `verification.verified`: a valid signature; GitHub signs what an app commits through the API. */
  verified: boolean;
}

export interface ReviewFacts {
  id: number;
  user: Account | null;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING. */
  state: string;
  commitId: string | null;
}

export interface CheckRunFacts {
  id: number;
  name: string;
  /** queued, in_progress, completed, waiting, requested, pending. */
  status: string;
  conclusion: string | null;
  /** Slug of the GitHub App that created the run; null when GitHub does not say. */
  appSlug: string | null;
  /** Id of that app (GitHub Actions is 15368); null when GitHub does not say. */
  appId: number | null;
  /** What the creator stored in `external_id`; the reviews store the workflow run that wrote them. */
  externalId: string | null;
  startedAt: string | null;
  summary: string | null;
  detailsUrl: string | null;
  htmlUrl: string | null;
}

/** A workflow run a review check names, as the Actions API reports it. */
export interface WorkflowRunFacts {
  id: number;
  /** The workflow file, e.g. `.github/workflows/agentic-review.yml`. */
  path: string;
  event: string;
  /** The branch the workflow file was read from (the pull request's branch for pull_request events). */
  headBranch: string | null;
  headSha: string;
  /** The latest attempt of the run. */
  attempt: number;
  status: string;
  /** When the latest attempt started. */
  startedAt: string | null;
  updatedAt: string | null;
}

/** A status check the repository requires before a merge. */
export interface RequiredCheck {
  context: string;
  /** The app that must report it (a ruleset's `integration_id`); null for any. */
  appId: number | null;
  source: 'ruleset' | 'protection' | 'config';
}

export interface StatusFacts {
  context: string;
  /** success, pending, failure, error. */
  state: string;
}

export interface FileFacts {
  filename: string;
  /** The old name of a renamed file: moving a protected file out of place counts as touching it. */
  previousFilename: string | null;
  /**
   * Both versions of a file whose content decides what runs (package.json, lockfiles), read for the paths gate;
   * null where the file does not exist on that side. Absent for other files, and when too many such files changed.
   */
  versions?: { before: string | null; after: string | null };
}

export interface MergeFacts {
  bot: BotIdentity;
  pull: PullFacts;
  commits: CommitFacts[];
  reviews: ReviewFacts[];
  /** The latest run of each check (per app and name) on the head commit. */
  checkRuns: CheckRunFacts[];
  /** Every run of the review checks' names on the head commit, from any app, newest first. */
  reviewCheckRuns: CheckRunFacts[];
  /**
   * The workflow runs the review checks name in their `external_id`, by run id; a string says why a run could
   * not be read. Empty when the reviews are bound to a GitHub App id instead.
   */
  reviewRuns: Readonly<Record<number, WorkflowRunFacts | string>>;
  /** The latest status of each context on the head commit. */
  statuses: StatusFacts[];
  files: FileFacts[];
  /**
   * The required status checks of the base branch's rulesets and of its classic branch protection, and why
   * either could not be read (null when both were).
   */
  requiredChecks: { fromRulesets: RequiredCheck[]; fromProtection: RequiredCheck[]; unreadable: string | null };
  /** Permissions of the reviewers who approved the head (lower-case login → permission); only read when approvals are required. */
  permissions: Readonly<Record<string, Permission>>;
  /** How many times the pull request was read to learn its mergeability. */
  pullReads: number;
  /** A different head seen on a later read: the branch moved during the evaluation. */
  headSeenLater?: string;
}
