/** The emulator's stored objects: plain data, serialised into GitHub's shapes on the way out. */

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';
export type UserType = 'User' | 'Bot' | 'Organization';

export interface UserRecord {
  id: number;
  login: string;
  type: UserType;
  name: string | null;
  email: string | null;
  createdAt: string;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export type IssueState = 'open' | 'closed';
export type StateReason = 'completed' | 'not_planned' | 'reopened' | 'duplicate';

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: IssueState;
  stateReason: StateReason | null;
  /** Label ids, so renaming a label shows everywhere as on GitHub. */
  labelIds: number[];
  assignees: string[];
  author: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  /** When the body was last edited (GraphQL `lastEditedAt`); null until someone edits it. Titles and labels do not count. */
  lastEditedAt: string | null;
  locked: boolean;
  /** Set when this issue number belongs to a pull request. */
  isPullRequest: boolean;
}

/** An issue event (`GET /repos/{owner}/{repo}/issues/{n}/events`): who added or removed a label, or renamed the issue. */
export interface IssueEventRecord {
  id: number;
  issueNumber: number;
  event: 'labeled' | 'unlabeled' | 'renamed';
  actor: string;
  label?: { name: string; color: string };
  rename?: { from: string; to: string };
  createdAt: string;
}

export interface IssueCommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

export type ReactionContent = '+1' | '-1' | 'laugh' | 'confused' | 'heart' | 'hooray' | 'rocket' | 'eyes';
export const REACTION_CONTENTS: readonly ReactionContent[] = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'];

export type ReactionSubject = { kind: 'issue'; number: number } | { kind: 'issue-comment'; id: number };

export interface ReactionRecord {
  id: number;
  subject: ReactionSubject;
  content: ReactionContent;
  user: string;
  createdAt: string;
}

export interface ForkRecord {
  id: number;
  owner: string;
  name: string;
  /** A deleted fork shows as `head.repo: null`. */
  deleted: boolean;
}

export interface PullRecord {
  number: number;
  id: number;
  headRef: string;
  /** Last head sha seen; the live value is read from the ref while the PR is open. */
  headSha: string;
  baseRef: string;
  /** Base tip when the PR was merged or closed (open PRs read the live branch). */
  baseShaAtClose: string | null;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  /** Undefined for a branch of this repository. */
  fork?: ForkRecord;
  maintainerCanModify: boolean;
  requestedReviewers: string[];
  /** `${base}:${head}` whose mergeability was already computed (see `mergeableUnknownFirst`). */
  mergeabilityComputedFor?: string;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface ReviewRecord {
  id: number;
  pullNumber: number;
  author: string;
  body: string;
  state: ReviewState;
  commitId: string;
  submittedAt: string;
}

export type DiffSide = 'LEFT' | 'RIGHT';

export interface ReviewCommentRecord {
  id: number;
  pullNumber: number;
  reviewId: number;
  path: string;
  line: number | null;
  side: DiffSide;
  startLine: number | null;
  startSide: DiffSide | null;
  position: number | null;
  commitId: string;
  originalCommitId: string;
  diffHunk: string;
  body: string;
  author: string;
  inReplyTo: number | null;
  subjectType: 'line' | 'file';
  createdAt: string;
  updatedAt: string;
}

export type CheckStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
export type CheckConclusion = 'action_required' | 'cancelled' | 'failure' | 'neutral' | 'success' | 'skipped' | 'stale' | 'timed_out';

export interface CheckAnnotationRecord {
  path: string;
  startLine: number;
  endLine: number;
  startColumn: number | null;
  endColumn: number | null;
  level: 'notice' | 'warning' | 'failure';
  title: string | null;
  message: string;
  rawDetails: string | null;
}

export interface CheckRunRecord {
  id: number;
  name: string;
  headSha: string;
  status: CheckStatus;
  conclusion: CheckConclusion | null;
  startedAt: string;
  completedAt: string | null;
  detailsUrl: string | null;
  externalId: string;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: CheckAnnotationRecord[];
  /** The GitHub App (bot user) that owns the run. */
  app: string;
  checkSuiteId: number;
}

export type CommitState = 'error' | 'failure' | 'pending' | 'success';

export interface StatusRecord {
  id: number;
  sha: string;
  state: CommitState;
  description: string | null;
  targetUrl: string | null;
  context: string;
  creator: string;
  createdAt: string;
  updatedAt: string;
}

export interface WorkflowRunRecord {
  id: number;
  name: string;
  workflowFile: string;
  workflowId: number;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: CheckConclusion | null;
  headSha: string;
  headBranch: string;
  event: string;
  runNumber: number;
  runAttempt: number;
  actor: string;
  createdAt: string;
  updatedAt: string;
}

/** A job of a workflow run (one per attempt), with the plain-text log GitHub keeps until retention ends. */
export interface WorkflowJobRecord {
  id: number;
  runId: number;
  runAttempt: number;
  name: string;
  status: WorkflowRunRecord['status'];
  conclusion: CheckConclusion | null;
  headSha: string;
  headBranch: string;
  workflowName: string;
  createdAt: string;
  completedAt: string | null;
  /** The job's log as GitHub serves it: one line per output line, each prefixed with its timestamp. */
  log: string;
  /** Past the repository's log retention: the log endpoint answers 410 Gone. */
  logExpired: boolean;
}

export interface DispatchRecord {
  workflow: string;
  ref: string;
  inputs: Record<string, unknown>;
  actor: string;
  at: string;
}

/** Settings → Actions → General → Workflow permissions. */
export interface WorkflowPermissions {
  /** What GITHUB_TOKEN may do when a workflow does not say (`read` is GitHub's default for new repositories). */
  defaultWorkflowPermissions: 'read' | 'write';
  /** "Allow GitHub Actions to create and approve pull requests"; off by default on GitHub. */
  canApprovePullRequestReviews: boolean;
}

/** One rule of a ruleset, as `GET /repos/{owner}/{repo}/rules/branches/{branch}` lists it. */
export interface RuleRecord {
  type: string;
  parameters?: Record<string, unknown>;
}

/** A repository ruleset targeting branches (Settings → Rules → Rulesets). */
export interface RulesetRecord {
  id: number;
  name: string;
  enforcement: 'active' | 'evaluate' | 'disabled';
  /** Ref patterns: `~DEFAULT_BRANCH`, `~ALL` or `refs/heads/<glob>`. */
  include: string[];
  exclude: string[];
  rules: RuleRecord[];
}

/** Settings → Actions → General → Actions permissions: which actions and reusable workflows may run. */
export interface ActionsPermissions {
  enabled: boolean;
  /** `all`, only this repository's and its owner's (`local_only`), or a list (`selected`). */
  allowedActions: 'all' | 'local_only' | 'selected';
  /** With `selected`: actions made by GitHub, by verified creators, and patterns such as `owner/*` or `owner/repo/path@ref`. */
  githubOwnedAllowed: boolean;
  verifiedAllowed: boolean;
  patternsAllowed: string[];
}

/** Classic branch protection's required status checks (Settings → Branches), the part auto-merge reads. */
export interface BranchProtectionRecord {
  branch: string;
  /** Null when the branch is protected without required status checks. */
  requiredStatusChecks: { strict: boolean; checks: Array<{ context: string; appId: number | null }> } | null;
}

export interface RepoSettings {
  workflowPermissions: WorkflowPermissions;
  actionsPermissions: ActionsPermissions;
  private: boolean;
  description: string | null;
  archived: boolean;
  hasIssues: boolean;
  allowMergeCommit: boolean;
  allowSquashMerge: boolean;
  allowRebaseMerge: boolean;
  deleteBranchOnMerge: boolean;
  /** Answer `mergeable: null` / `unknown` on the first read after each push, as GitHub often does. */
  mergeableUnknownFirst: boolean;
}
