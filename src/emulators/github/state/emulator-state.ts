import { toGitHubTimestamp } from '../clock.js';
import type { GitIdentity } from '../git/git-runner.js';
import { createCheckRun, createStatus } from './check-actions.js';
import { DiscussionStore } from './discussions.js';
import { identityOf } from './git-identity.js';
import {
  addLabelsToIssue,
  addReaction,
  createComment,
  createIssue,
  createLabel,
  editIssueBody,
  issueLabels,
  renameIssue,
  replaceIssueLabels,
} from './issue-actions.js';
import { createPull } from './pull-actions.js';
import type {
  CheckConclusion,
  CheckRunRecord,
  CheckStatus,
  CommitState,
  IssueCommentRecord,
  IssueRecord,
  IssueState,
  LabelRecord,
  Permission,
  PullRecord,
  ReactionContent,
  ReactionRecord,
  RepoSettings,
  RuleRecord,
  RulesetRecord,
  BranchProtectionRecord,
  ReviewRecord,
  ReviewState,
  StateReason,
  StatusRecord,
  UserRecord,
  UserType,
  WorkflowJobRecord,
  WorkflowRunRecord,
} from './records.js';
import { BOT_LOGIN, RepositoryState } from './repository-state.js';

export interface CommitOptions {
  /** A login known to the emulator, or an explicit git identity. Defaults to the repo owner. */
  author?: string | GitIdentity;
  message?: string;
  /** Where a new branch starts; defaults to the default branch. */
  from?: string;
  /**
   * Whether GitHub signed the commit, as it does for commits an app makes through the API as itself. Defaults
   * to true when the author is a bot account (the bot committed through the API) and false otherwise (a push).
   */
  signed?: boolean;
}

/**
 * `gh.state`: the emulator's data plus synchronous seeding helpers. Seeded objects go through
 * the same code paths as API writes, so they obey the same rules.
 */
export class EmulatorState extends RepositoryState {
  /** Discussions (GraphQL only): off until `discussions.enable()`, as on a new repository. */
  readonly discussions = new DiscussionStore(this, this.clock);

  addUser(input: { login: string; type?: UserType; id?: number; name?: string; email?: string }): UserRecord {
    return this.putUser(input.login, input.type ?? 'User', input.id, input.name, input.email);
  }

  setPermission(login: string, permission: Permission): void {
    if (!this.user(login)) this.addUser({ login });
    this.permissions.set(login.toLowerCase(), permission);
  }

  setRepoSettings(settings: Partial<RepoSettings>): void {
    Object.assign(this.settings, settings);
  }

  /** A branch ruleset; `include` defaults to the default branch, `enforcement` to active. */
  addRuleset(input: { name: string; rules: RuleRecord[]; include?: string[]; exclude?: string[]; enforcement?: RulesetRecord['enforcement'] }): RulesetRecord {
    const record: RulesetRecord = {
      id: this.nextId(),
      name: input.name,
      enforcement: input.enforcement ?? 'active',
      include: input.include ?? ['~DEFAULT_BRANCH'],
      exclude: input.exclude ?? [],
      rules: input.rules,
    };
    this.rulesets.set(record.id, record);
    return record;
  }

  /** Classic branch protection of `branch`; `requiredChecks` null protects it without required status checks. */
  protectBranch(
    branch: string,
    input: { requiredChecks: Array<string | { context: string; appId: number }> | null; strict?: boolean },
  ): BranchProtectionRecord {
    const record: BranchProtectionRecord = {
      branch,
      requiredStatusChecks:
        input.requiredChecks === null
          ? null
          : {
              strict: input.strict ?? false,
              checks: input.requiredChecks.map((check) => (typeof check === 'string' ? { context: check, appId: null } : check)),
            },
    };
    this.branchProtections.set(branch, record);
    return record;
  }

  addLabel(input: { name: string; color?: string; description?: string }): LabelRecord {
    return createLabel(this, input);
  }

  addIssue(input: {
    title: string;
    body?: string;
    labels?: string[];
    assignees?: string[];
    user?: string;
    created_at?: string | Date;
    updated_at?: string | Date;
    state?: IssueState;
    state_reason?: StateReason;
    /** Who added the labels (their `labeled` events); the repository owner by default, as a maintainer filing it would. */
    labeled_by?: string;
  }): IssueRecord {
    const author = input.user ?? this.repo.owner;
    this.requireUser(author);
    const labeledBy = this.requireUser(input.labeled_by ?? this.repo.owner).login;
    return createIssue(this, {
      title: input.title,
      body: input.body ?? null,
      labels: input.labels ?? [],
      assignees: input.assignees ?? [],
      author,
      labeledBy,
      ...(input.created_at ? { createdAt: isoOf(input.created_at) } : {}),
      ...(input.updated_at ? { updatedAt: isoOf(input.updated_at) } : {}),
      ...(input.state ? { state: input.state } : {}),
      ...(input.state_reason ? { stateReason: input.state_reason } : {}),
    });
  }

  /** `user` adds labels to an issue, as the labels API would (a `labeled` event each). */
  labelIssue(issueNumber: number, labels: string[], user: string): void {
    const issue = this.issue(issueNumber);
    if (!issue) throw new Error(`No issue #${issueNumber}`);
    addLabelsToIssue(this, issue, labels, this.requireUser(user).login);
  }

  /** `user` edits an issue's title or body, as the issues API would (a new title records a `renamed` event). */
  editIssue(issueNumber: number, changes: { title?: string; body?: string }, user: string): void {
    const issue = this.issue(issueNumber);
    if (!issue) throw new Error(`No issue #${issueNumber}`);
    const login = this.requireUser(user).login;
    if (changes.title !== undefined) renameIssue(this, issue, changes.title, login);
    if (changes.body !== undefined) editIssueBody(this, issue, changes.body);
  }

  addComment(input: { issue_number: number; body: string; user?: string; created_at?: string | Date }): IssueCommentRecord {
    const issue = this.issue(input.issue_number);
    if (!issue) throw new Error(`No issue #${input.issue_number}`);
    const author = input.user ?? this.repo.owner;
    this.requireUser(author);
    return createComment(this, issue, input.body, author, input.created_at ? isoOf(input.created_at) : undefined);
  }

  addReaction(input: { issue_number?: number; comment_id?: number; content: ReactionContent; user?: string }): ReactionRecord {
    const user = this.requireUser(input.user ?? this.repo.owner).login;
    if (input.comment_id !== undefined) {
      if (!this.comments.has(input.comment_id)) throw new Error(`No issue comment ${input.comment_id}`);
      return addReaction(this, { kind: 'issue-comment', id: input.comment_id }, input.content, user).reaction;
    }
    if (input.issue_number === undefined || !this.issue(input.issue_number)) throw new Error('addReaction needs an existing issue_number or comment_id');
    return addReaction(this, { kind: 'issue', number: input.issue_number }, input.content, user).reaction;
  }

  addPullRequest(input: {
    head: string;
    base?: string;
    title: string;
    body?: string;
    user?: string;
    draft?: boolean;
    labels?: string[];
    /** Opens the PR from a fork owned by `owner`; the head branch must exist in the bare repo. */
    headRepo?: { owner: string; name?: string };
  }): PullRecord {
    const author = input.user ?? this.repo.owner;
    this.requireUser(author);
    const pull = createPull(this, {
      head: input.head,
      base: input.base ?? this.repo.defaultBranch,
      title: input.title,
      body: input.body ?? null,
      author,
      draft: input.draft ?? false,
      ...(input.headRepo ? { fork: input.headRepo } : {}),
    });
    const issue = this.issue(pull.number);
    if (issue && input.labels) replaceIssueLabels(this, issue, input.labels, author);
    return pull;
  }

  /** Makes the fork behind a PR disappear: `head.repo` becomes null. */
  deleteFork(pullNumber: number): void {
    const fork = this.pull(pullNumber)?.fork;
    if (!fork) throw new Error(`#${pullNumber} is not a pull request from a fork`);
    fork.deleted = true;
  }

  addReview(input: { pull_number: number; user: string; state: Exclude<ReviewState, 'PENDING'>; body?: string; commit_id?: string }): ReviewRecord {
    const pull = this.pull(input.pull_number);
    if (!pull) throw new Error(`No pull request #${input.pull_number}`);
    const review: ReviewRecord = {
      id: this.nextId(),
      pullNumber: pull.number,
      author: this.requireUser(input.user).login,
      body: input.body ?? '',
      state: input.state,
      commitId: input.commit_id ?? pull.headSha,
      submittedAt: this.clock.iso(),
    };
    this.reviews.set(review.id, review);
    return review;
  }

  addCheckRun(input: {
    head_sha: string;
    name: string;
    status?: CheckStatus;
    conclusion?: CheckConclusion;
    app?: string;
    summary?: string;
    external_id?: string;
    details_url?: string;
    started_at?: string;
  }): CheckRunRecord {
    return createCheckRun(this, {
      name: input.name,
      headSha: input.head_sha,
      app: input.app ?? BOT_LOGIN,
      ...(input.external_id !== undefined ? { externalId: input.external_id } : {}),
      ...(input.details_url !== undefined ? { detailsUrl: input.details_url } : {}),
      ...(input.started_at !== undefined ? { startedAt: input.started_at } : {}),
      ...(input.status ? { status: input.status } : {}),
      ...(input.conclusion ? { conclusion: input.conclusion } : {}),
      ...(input.summary ? { output: { title: input.name, summary: input.summary } } : {}),
    });
  }

  addStatus(input: { sha: string; state: CommitState; context?: string; description?: string; target_url?: string; creator?: string }): StatusRecord {
    return createStatus(this, {
      sha: input.sha,
      state: input.state,
      creator: input.creator ?? BOT_LOGIN,
      ...(input.context ? { context: input.context } : {}),
      ...(input.description ? { description: input.description } : {}),
      ...(input.target_url ? { targetUrl: input.target_url } : {}),
    });
  }

  addWorkflowRun(input: {
    id?: number;
    name?: string;
    workflow?: string;
    status: WorkflowRunRecord['status'];
    conclusion?: CheckConclusion | null;
    head_sha?: string;
    head_branch?: string;
    event?: string;
    actor?: string;
    created_at?: string;
    run_attempt?: number;
  }): WorkflowRunRecord {
    const branch = input.head_branch ?? this.repo.defaultBranch;
    const now = input.created_at ?? this.clock.iso();
    const run: WorkflowRunRecord = {
      id: input.id ?? this.nextId(),
      name: input.name ?? 'CI',
      workflowFile: input.workflow ?? 'ci.yml',
      workflowId: this.nextId(),
      status: input.status,
      conclusion: input.conclusion ?? null,
      headSha: input.head_sha ?? this.git.resolve(branch) ?? '0'.repeat(40),
      headBranch: branch,
      event: input.event ?? 'push',
      runNumber: this.workflowRuns.size + 1,
      runAttempt: input.run_attempt ?? 1,
      actor: input.actor ?? BOT_LOGIN,
      createdAt: now,
      updatedAt: now,
    };
    this.workflowRuns.set(run.id, run);
    return run;
  }

  removeWorkflowRun(id: number): void {
    this.workflowRuns.delete(id);
  }

  /** A job of a run: completed with `conclusion` (default failure) in attempt `run_attempt` (default the run's). */
  addWorkflowJob(input: {
    run_id: number;
    name: string;
    conclusion?: CheckConclusion | null;
    status?: WorkflowJobRecord['status'];
    run_attempt?: number;
    log?: string;
    log_expired?: boolean;
  }): WorkflowJobRecord {
    const run = this.workflowRuns.get(input.run_id);
    if (!run) throw new Error(`no workflow run ${input.run_id}`);
    const status = input.status ?? 'completed';
    const job: WorkflowJobRecord = {
      id: this.nextId(),
      runId: run.id,
      runAttempt: input.run_attempt ?? run.runAttempt,
      name: input.name,
      status,
      conclusion: status === 'completed' ? (input.conclusion === undefined ? 'failure' : input.conclusion) : null,
      headSha: run.headSha,
      headBranch: run.headBranch,
      workflowName: run.name,
      createdAt: run.createdAt,
      completedAt: status === 'completed' ? run.updatedAt : null,
      log: input.log ?? '',
      logExpired: input.log_expired ?? false,
    };
    this.workflowJobs.set(job.id, job);
    return job;
  }

  /**
   * Commits `files` (path → content; null deletes) on `branch` as one real commit and moves the
   * branch. A missing branch starts from `options.from` or the default branch; a full ref name
   * (`refs/pull/3/head`) is used as given.
   */
  commitFiles(branch: string, files: Record<string, string | Buffer | null>, options: CommitOptions = {}): string {
    const ref = branch.startsWith('refs/') ? branch : `refs/heads/${branch}`;
    const current = this.git.readRef(ref);
    const parent = current ?? this.git.resolve(options.from ?? this.repo.defaultBranch);
    const parentTree = parent ? this.git.readCommit(parent)?.tree : undefined;
    const changes = Object.entries(files).map(([path, content]) => ({
      path,
      sha: content === null ? null : this.git.writeBlob(typeof content === 'string' ? Buffer.from(content, 'utf8') : content),
    }));
    const tree = this.git.makeTree(parentTree, changes);
    const author = this.authorIdentity(options.author);
    const sha = this.git.commitTree(tree, parent ? [parent] : [], options.message ?? `Update ${Object.keys(files).join(', ')}`, author);
    const byBot = typeof options.author === 'string' && this.user(options.author)?.type === 'Bot';
    if (options.signed ?? byBot) this.signedCommits.add(sha);
    this.git.updateRef(ref, sha, current ?? '0'.repeat(40));
    return sha;
  }

  /** Names of the labels on an issue or pull request, in the order they were added. */
  labelNames(issueNumber: number): string[] {
    const issue = this.issue(issueNumber);
    if (!issue) throw new Error(`No issue #${issueNumber}`);
    return issueLabels(this, issue).map((label) => label.name);
  }

  /** The sha a branch (or any ref or sha) points at, read from the bare repository. */
  branchSha(name: string): string | undefined {
    return this.git.resolve(name);
  }

  private authorIdentity(author: string | GitIdentity | undefined): GitIdentity {
    const date = this.clock.now();
    if (author === undefined) return identityOf(this.requireUser(this.repo.owner), date);
    if (typeof author === 'string') return identityOf(this.requireUser(author), date);
    return { date, ...author };
  }
}

function isoOf(value: string | Date): string {
  return toGitHubTimestamp(new Date(value));
}
