import { parseDiff, type DiffFile } from '../git/diff-files.js';
import { conflict, methodNotAllowed, validationFailed } from '../http/api-error.js';
import { checkRunsFor, combinedStatus } from './check-actions.js';
import { createIssue, setIssueState } from './issue-actions.js';
import { identityOf, webCommitter } from './git-identity.js';
import type { ForkRecord, IssueRecord, PullRecord } from './records.js';
import type { RepositoryState } from './repository-state.js';

export interface NewPull {
  head: string;
  base: string;
  title: string;
  body?: string | null;
  author: string;
  draft?: boolean;
  fork?: { owner: string; name?: string };
  maintainerCanModify?: boolean;
}

function headRefName(pull: PullRecord): string {
  // Like GitHub, every PR's head is mirrored at refs/pull/N/head; a fork's branch lives only there.
  return pull.fork ? `refs/pull/${pull.number}/head` : `refs/heads/${pull.headRef}`;
}

export function pullIssue(state: RepositoryState, pull: PullRecord): IssueRecord {
  const issue = state.issue(pull.number);
  if (!issue) throw new Error(`pull request #${pull.number} has no issue record`);
  return issue;
}

export function isOpen(state: RepositoryState, pull: PullRecord): boolean {
  return pullIssue(state, pull).state === 'open';
}

/** The head sha, following pushes while the PR is open; a push also bumps `updated_at`. */
export function liveHeadSha(state: RepositoryState, pull: PullRecord): string {
  if (!isOpen(state, pull)) return pull.headSha;
  const current = state.git.readRef(headRefName(pull));
  if (current && current !== pull.headSha) {
    pull.headSha = current;
    if (!pull.fork) state.git.updateRef(`refs/pull/${pull.number}/head`, current);
    state.touch(pullIssue(state, pull));
  }
  return pull.headSha;
}

export function liveBaseSha(state: RepositoryState, pull: PullRecord): string {
  if (pull.baseShaAtClose && !isOpen(state, pull)) return pull.baseShaAtClose;
  const sha = state.git.resolve(`refs/heads/${pull.baseRef}`);
  return sha ?? pull.baseShaAtClose ?? pull.headSha;
}

const parsedDiffs = new WeakMap<RepositoryState, Map<string, DiffFile[]>>();

/** Files changed between the merge base of `base` and `head`, as GitHub's three-dot diff. */
export function diffFiles(state: RepositoryState, base: string, head: string): DiffFile[] {
  let cache = parsedDiffs.get(state);
  if (!cache) {
    cache = new Map();
    parsedDiffs.set(state, cache);
  }
  const key = `${base}...${head}`;
  let files = cache.get(key);
  if (!files) {
    files = parseDiff(threeDotDiff(state, base, head));
    cache.set(key, files);
  }
  return files;
}

export function threeDotDiff(state: RepositoryState, base: string, head: string): string {
  const mergeBase = state.git.mergeBase(base, head) ?? base;
  return state.git.diff(mergeBase, head);
}

export function pullFiles(state: RepositoryState, pull: PullRecord): DiffFile[] {
  return diffFiles(state, liveBaseSha(state, pull), liveHeadSha(state, pull));
}

export function pullCommits(state: RepositoryState, pull: PullRecord): string[] {
  return state.git.commitsBetween(liveBaseSha(state, pull), liveHeadSha(state, pull));
}

export function createPull(state: RepositoryState, input: NewPull): PullRecord {
  const baseSha = state.git.resolve(`refs/heads/${input.base}`);
  if (!baseSha) throw validationFailed([{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
  const headSha = state.git.resolve(`refs/heads/${input.head}`);
  if (!headSha) throw validationFailed([{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
  if (state.git.commitsBetween(baseSha, headSha).length === 0) {
    throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: `No commits between ${input.base} and ${input.head}` }]);
  }
  const headOwner = input.fork?.owner ?? state.repo.owner;
  for (const other of state.pulls.values()) {
    const otherOwner = other.fork?.owner ?? state.repo.owner;
    if (other.headRef === input.head && other.baseRef === input.base && otherOwner === headOwner && isOpen(state, other)) {
      throw validationFailed([{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${headOwner}:${input.head}.` }]);
    }
  }
  if (input.fork) state.putUser(input.fork.owner, 'User');
  const issue = createIssue(state, { title: input.title, body: input.body ?? null, author: input.author, isPullRequest: true });
  const fork: ForkRecord | undefined = input.fork
    ? { id: state.nextId(), owner: input.fork.owner, name: input.fork.name ?? state.repo.name, deleted: false }
    : undefined;
  const pull: PullRecord = {
    number: issue.number,
    id: state.nextId(),
    headRef: input.head,
    headSha,
    baseRef: input.base,
    baseShaAtClose: null,
    draft: input.draft ?? false,
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    ...(fork ? { fork } : {}),
    maintainerCanModify: input.maintainerCanModify ?? !fork,
    requestedReviewers: [],
  };
  state.git.updateRef(`refs/pull/${pull.number}/head`, headSha);
  state.pulls.set(pull.number, pull);
  return pull;
}

export interface Mergeability {
  mergeable: boolean | null;
  state: 'clean' | 'dirty' | 'draft' | 'unstable' | 'unknown';
}

/** GitHub computes mergeability lazily; with `mergeableUnknownFirst` the first look after a push says "unknown". */
export function mergeability(state: RepositoryState, pull: PullRecord): Mergeability {
  if (!isOpen(state, pull)) return { mergeable: null, state: 'unknown' };
  const base = liveBaseSha(state, pull);
  const head = liveHeadSha(state, pull);
  const key = `${base}:${head}`;
  if (state.settings.mergeableUnknownFirst && pull.mergeabilityComputedFor !== key) {
    pull.mergeabilityComputedFor = key;
    return { mergeable: null, state: 'unknown' };
  }
  pull.mergeabilityComputedFor = key;
  if (!state.git.mergeTree(base, head).clean) return { mergeable: false, state: 'dirty' };
  if (pull.draft) return { mergeable: true, state: 'draft' };
  return { mergeable: true, state: hasFailingChecks(state, head) ? 'unstable' : 'clean' };
}

/** As GitHub rolls them up: the latest run of each check and the latest status of each context; a re-run replaces a failure. */
function hasFailingChecks(state: RepositoryState, sha: string): boolean {
  const bad = new Set(['failure', 'cancelled', 'timed_out', 'action_required', 'error']);
  for (const run of checkRunsFor(state, sha, { latestOnly: true })) if (run.conclusion && bad.has(run.conclusion)) return true;
  for (const status of combinedStatus(state, sha).latest) if (bad.has(status.state)) return true;
  return false;
}

export type MergeMethod = 'merge' | 'squash' | 'rebase';

export interface MergeRequest {
  method: MergeMethod;
  sha?: string;
  commitTitle?: string;
  commitMessage?: string;
  actor: string;
}

const METHOD_SETTING: Record<MergeMethod, 'allowMergeCommit' | 'allowSquashMerge' | 'allowRebaseMerge'> = {
  merge: 'allowMergeCommit',
  squash: 'allowSquashMerge',
  rebase: 'allowRebaseMerge',
};

const METHOD_REFUSAL: Record<MergeMethod, string> = {
  merge: 'Merge commits are not allowed on this repository.',
  squash: 'Squash merges are not allowed on this repository.',
  rebase: 'Rebase merges are not allowed on this repository.',
};

/** Merges for real in the bare repository and records the outcome on the PR and linked issues. */
export function mergePull(state: RepositoryState, pull: PullRecord, request: MergeRequest): string {
  if (pull.merged || !isOpen(state, pull)) throw methodNotAllowed('Pull Request is not mergeable');
  if (!state.settings[METHOD_SETTING[request.method]]) throw methodNotAllowed(METHOD_REFUSAL[request.method]);
  const head = liveHeadSha(state, pull);
  if (request.sha !== undefined && request.sha !== head) throw conflict('Head branch was modified. Review and try the merge again.');
  if (pull.draft) throw methodNotAllowed('Pull Request is still a draft');
  const baseRef = `refs/heads/${pull.baseRef}`;
  const base = state.git.resolve(baseRef);
  if (!base) throw methodNotAllowed('Base branch was deleted');
  const merged = state.git.mergeTree(base, head);
  if (!merged.clean) throw methodNotAllowed('Pull Request is not mergeable');

  const now = state.clock.now();
  const actor = state.requireUser(request.actor);
  const author = state.requireUser(pullIssue(state, pull).author);
  const issue = pullIssue(state, pull);
  const headLabel = `${pull.fork?.owner ?? state.repo.owner}/${pull.headRef}`;
  let sha: string;
  if (request.method === 'merge') {
    const title = request.commitTitle ?? `Merge pull request #${pull.number} from ${headLabel}`;
    const message = `${title}\n\n${request.commitMessage ?? issue.title}\n`;
    sha = state.git.commitTree(merged.tree, [base, head], message, identityOf(actor, now), webCommitter(now));
  } else if (request.method === 'squash') {
    const title = request.commitTitle ?? `${issue.title} (#${pull.number})`;
    const details =
      request.commitMessage ??
      pullCommits(state, pull)
        .map((commit) => `* ${state.git.readCommit(commit)?.message.split('\n')[0] ?? ''}`)
        .join('\n');
    sha = state.git.commitTree(merged.tree, [base], `${title}\n\n${details}\n`, identityOf(author, now), webCommitter(now));
  } else {
    const replayed = state.git.replay(base, state.git.commitsBetween(base, head), webCommitter(now));
    if (!replayed) throw methodNotAllowed("This branch can't be rebased");
    sha = replayed;
  }
  state.git.updateRef(baseRef, sha, base);

  pull.merged = true;
  pull.mergedAt = state.clock.iso();
  pull.mergedBy = actor.login;
  pull.mergeCommitSha = sha;
  pull.baseShaAtClose = base;
  setIssueState(state, issue, 'closed', 'completed', actor.login);
  if (pull.baseRef === state.repo.defaultBranch) closeLinkedIssues(state, issue.body ?? '', actor.login);
  if (state.settings.deleteBranchOnMerge && !pull.fork && state.git.readRef(`refs/heads/${pull.headRef}`)) {
    state.git.deleteRef(`refs/heads/${pull.headRef}`);
  }
  return sha;
}

const CLOSING_KEYWORDS = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+#(\d+)\b/gi;

/** Issues named with GitHub's closing keywords ("Fixes #12") in a merged PR's body. */
export function linkedIssueNumbers(body: string): number[] {
  return [...body.matchAll(CLOSING_KEYWORDS)].map((match) => Number(match[1]));
}

function closeLinkedIssues(state: RepositoryState, body: string, actor: string): void {
  for (const number of linkedIssueNumbers(body)) {
    const linked = state.issue(number);
    if (linked && !linked.isPullRequest && linked.state === 'open') setIssueState(state, linked, 'closed', 'completed', actor);
  }
}

/** Closing (or reopening) without merging; the base tip is frozen while closed. */
export function setPullOpen(state: RepositoryState, pull: PullRecord, open: boolean, actor: string): void {
  const issue = pullIssue(state, pull);
  if (open) {
    if (pull.merged)
      throw validationFailed([
        { resource: 'PullRequest', code: 'custom', field: 'state', message: 'state cannot be changed. The pull request has been merged.' },
      ]);
    pull.baseShaAtClose = null;
    setIssueState(state, issue, 'open', null, actor);
  } else if (issue.state === 'open') {
    pull.baseShaAtClose = liveBaseSha(state, pull);
    liveHeadSha(state, pull);
    setIssueState(state, issue, 'closed', null, actor);
  }
}
