/**
 * May this pull request merge? A pure function of the fetched facts and the settings, so every gate is tested without fakes. Every
 * gate reports pass, fail (a human must act: refuse) or wait (the next event may change it), with its reason.
 */
import { minimatch } from 'minimatch';
import { isBot } from '../core/identity.js';
import { checksGate } from './check-gate.js';
import { code, shortSha } from './display.js';
import type { MergeFacts } from './facts.js';
import { fail, HUMAN_MUST_MERGE, pass, wait, type Evaluation, type Gate, type GateSettings, type GateStatus, type Verdict } from './gate.js';
import { pathsGate } from './path-gate.js';
import { agentReviewsGate, humanReviewsGate } from './review-gates.js';

function stateGate(facts: MergeFacts): Gate {
  const { pull, commits } = facts;
  if (pull.merged) return fail('state', 'already merged');
  if (pull.state !== 'open') return fail('state', 'closed without merging');
  // The commit list is read after the head: if it ends elsewhere, the branch moved while we were reading.
  const last = commits.at(-1);
  const moved = facts.headSeenLater ?? (last && commits.length === pull.commitCount && last.sha !== pull.headSha ? last.sha : undefined);
  if (moved !== undefined && moved !== pull.headSha) {
    return wait('state', `the branch moved while it was read (head ${shortSha(pull.headSha)}, now ${shortSha(moved)}); the next event re-evaluates`);
  }
  return pass('state', `open; evaluated head ${shortSha(pull.headSha)}`);
}

/** The patterns a branch name does not match (`*` does not cross a `/`). */
export function unmatchedPatterns(branch: string, patterns: readonly string[]): string[] {
  return patterns.filter((pattern) => !minimatch(branch, pattern, { dot: true }));
}

function branchGate(facts: MergeFacts, settings: GateSettings): Gate {
  const { pull } = facts;
  const unmatched = unmatchedPatterns(pull.headRef, settings.branchPatterns);
  if (unmatched.length > 0) return fail('branch', `head branch ${code(pull.headRef)} does not match ${code(unmatched.join(', '))}`);
  // A fork can name a branch like an agent branch; only the repository's own branches are the agent's.
  if (pull.headRepo === null) return fail('branch', `the head repository of ${code(pull.headRef)} no longer exists`);
  if (pull.headRepo.toLowerCase() !== settings.repository.toLowerCase()) {
    return fail('branch', `${code(pull.headRef)} comes from the fork ${code(pull.headRepo)}; only branches of ${code(settings.repository)} are merged`);
  }
  return pass('branch', `${code(pull.headRef)} in ${code(settings.repository)}`);
}

/**
 * A commit is the bot's only when GitHub proves it: authored and committed by the bot's account and signed
 * (`verification.verified`; GitHub signs what the bot commits through the API). An author e-mail proves nothing:
 * anyone can push a commit naming the bot's noreply address, and GitHub then shows the bot's account.
 */
function notProvenBot(commit: MergeFacts['commits'][number], bot: MergeFacts['bot']): string | null {
  if (!commit.author || !isBot(commit.author, bot))
    return `was authored by ${commit.author ? code(commit.author.login) : code(commit.authorEmail ?? 'an unknown author')}, not ${code(bot.login)}`;
  if (!commit.committer || !isBot(commit.committer, bot))
    return `was committed by ${commit.committer ? code(commit.committer.login) : 'an account GitHub does not know'}, not ${code(bot.login)}`;
  if (!commit.verified) return `names ${code(bot.login)} as its author but is not verified (GitHub signs only what the bot commits through the API)`;
  return null;
}

function authorGate(facts: MergeFacts): Gate {
  const { pull, commits, bot } = facts;
  if (!isBot(pull.author, bot)) {
    const who = pull.author ? `${code(pull.author.login)} (${pull.author.type} ${pull.author.id})` : 'a deleted account';
    return fail('author', `opened by ${who}, not by ${code(bot.login)}: ${HUMAN_MUST_MERGE}`);
  }
  if (commits.length < pull.commitCount || commits.length === 0) {
    return fail('author', `only ${commits.length} of ${pull.commitCount} commits could be read, so their authors cannot be checked: ${HUMAN_MUST_MERGE}`);
  }
  for (const commit of commits) {
    const problem = notProvenBot(commit, bot);
    if (problem) return fail('author', `commit ${shortSha(commit.sha)} ${problem}: ${HUMAN_MUST_MERGE}`);
  }
  return pass('author', `opened by ${code(bot.login)}; all ${commits.length} commits are the bot's, verified`);
}

function draftGate(facts: MergeFacts): Gate {
  return facts.pull.draft ? fail('draft', 'the pull request is a draft (marking it draft is how a human stops auto-merge)') : pass('draft', 'ready for review');
}

function labelsGate(facts: MergeFacts, settings: GateSettings): Gate {
  const blocking = new Set(settings.blockingLabels.map((name) => name.toLowerCase()));
  const found = facts.pull.labels.filter((name) => blocking.has(name.toLowerCase()));
  if (found.length > 0) return fail('labels', `labelled ${found.map((name) => code(name)).join(', ')}`);
  return pass('labels', `none of ${settings.blockingLabels.map((name) => code(name)).join(', ')}`);
}

function mergeableGate(facts: MergeFacts): Gate {
  const state = facts.pull.mergeableState;
  switch (state) {
    case 'clean':
    case 'has_hooks':
      return pass('mergeable', `mergeable (${state})`);
    case 'dirty':
      return fail('mergeable', 'conflicts with the base branch');
    case 'unstable':
      return fail('mergeable', 'GitHub reports a failing commit status or check (unstable)');
    case 'draft':
      return fail('mergeable', 'GitHub reports the pull request as a draft');
    case 'blocked':
      return wait('mergeable', 'branch protection or a ruleset does not allow the merge yet (blocked)');
    case 'behind':
      return wait('mergeable', 'the branch is behind its base and branch protection requires it up to date (behind)');
    case null:
    case 'unknown':
      return wait('mergeable', `GitHub had not computed mergeability after ${facts.pullReads} reads`);
    default:
      return wait('mergeable', `mergeable_state is ${code(state)}`);
  }
}

export type { Evaluation, Gate, GateName, GateSettings, GateStatus, Verdict } from './gate.js';

const FIRST_OF: Record<Verdict, GateStatus | undefined> = { refuse: 'fail', wait: 'wait', merge: undefined };

/** Pure: the verdict and every gate with its reason, in a fixed order. */
export function evaluateGates(facts: MergeFacts, settings: GateSettings): Evaluation {
  const agentReviews = agentReviewsGate(facts, settings);
  const gates: Gate[] = [
    stateGate(facts),
    branchGate(facts, settings),
    authorGate(facts),
    draftGate(facts),
    labelsGate(facts, settings),
    humanReviewsGate(facts, settings),
    agentReviews.gate,
    checksGate(facts, settings),
    mergeableGate(facts),
    pathsGate(facts, settings, agentReviews.newDependencies),
  ];
  const verdict: Verdict = gates.some((gate) => gate.status === 'fail') ? 'refuse' : gates.some((gate) => gate.status === 'wait') ? 'wait' : 'merge';
  const first = gates.find((gate) => gate.status === FIRST_OF[verdict]);
  const reason = first ? `${first.name}: ${first.reason}` : 'every gate holds';
  return { verdict, gates, reason, headSha: facts.pull.headSha };
}
