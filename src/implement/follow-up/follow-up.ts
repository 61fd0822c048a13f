/**
 * Review follow-up: a writer (or the review actions, which post as the bot) requested changes on one of the
 * agent's pull requests. The agent reads the feedback, fixes it in the workspace on the PR head, the change
 * passes the same gates, and a fix commit is pushed through the API (fast-forward only), then every comment
 * gets a reply. Handled reviews and comments are remembered in the issue's marker, so a rerun writes nothing.
 */
import { personAuthority } from '../../core/authority.js';
import { isBot } from '../../core/identity.js';
import { upsertStickyComment } from '../../core/sticky-comment.js';
import { issueOfBranch } from '../branch.js';
import { readIssueThread } from '../issue-thread.js';
import { textBeforeMarkers } from '../../core/marker.js';
import { IMPLEMENT_MARKER_KIND } from '../../core/markers/kinds.js';
import type { ProposeDeps } from '../propose.js';
import { botPerson, writeCommit, writeTree } from '../publish/git-data.js';
import { nextMarker } from '../publish/issue-writes.js';
import { checkoutIsClean, implementChange, knownFailure, runBudget } from '../pipeline.js';
import { inline } from '../render.js';
import type { IssueResult } from '../result.js';
import type { Route } from '../route-event.js';
import { checkoutPullHead } from './checkout.js';
import { feedbackText, followUpPlan, remember, type ReviewFeedback } from './feedback.js';

type FollowUpRoute = Extract<Route, { kind: 'follow-up' }>;

function noWork(message: string, issueNumber?: number): IssueResult {
  return { status: 'no-work', ...(issueNumber !== undefined ? { issueNumber } : {}), message, details: [`- ${message}`] };
}

export async function followUpReview(deps: ProposeDeps & { defaultBranch: string }, route: FollowUpRoute): Promise<IssueResult> {
  const { gh, repo, bot, settings } = deps;
  // The review actions post as the bot; anyone else needs write access; other apps never command the agent.
  if (!route.sender || !(await personAuthority(gh, repo, route.sender, bot)).allowed)
    return noWork(`@${route.sender?.login ?? 'unknown'} may not ask the agent for changes (write access needed)`);
  const { data: pull } = await gh.rest.pulls.get({ owner: repo.owner, repo: repo.repo, pull_number: route.pullNumber });
  if (pull.state !== 'open') return noWork(`pull request #${pull.number} is ${pull.state}`);
  if (!isBot(pull.user, bot)) return noWork(`pull request #${pull.number} was not opened by ${bot.login}`);
  const issueNumber = issueOfBranch(pull.head.ref);
  if (issueNumber === null) return noWork(`${pull.head.ref} is not an automated branch`);
  const thread = await readIssueThread(gh, repo, issueNumber, bot);
  const marker = thread.marker;

  // The feedback: the review with its inline comments, or the one comment.
  const all = await gh.paginate(gh.rest.pulls.listReviewComments, { owner: repo.owner, repo: repo.repo, pull_number: pull.number, per_page: 100 });
  let feedback: ReviewFeedback;
  if (route.reviewId !== undefined) {
    if (marker?.handledReviews?.includes(route.reviewId)) return noWork(`review ${route.reviewId} on #${pull.number} was already addressed`, issueNumber);
    const { data: review } = await gh.rest.pulls.getReview({ owner: repo.owner, repo: repo.repo, pull_number: pull.number, review_id: route.reviewId });
    const comments = all.filter((comment) => comment.pull_request_review_id === route.reviewId && !comment.in_reply_to_id);
    feedback = {
      reviewId: review.id,
      reviewBody: review.body ?? '',
      reviewer: review.user?.login ?? 'unknown',
      comments: comments.map((comment) => ({
        id: comment.id,
        path: comment.path,
        line: comment.line ?? null,
        body: comment.body,
        author: comment.user?.login ?? 'unknown',
      })),
    };
  } else {
    const comment = all.find((candidate) => candidate.id === route.commentId);
    if (!comment) return noWork(`review comment ${route.commentId ?? '?'} is gone`, issueNumber);
    if (marker?.handledComments?.includes(comment.id)) return noWork(`review comment ${comment.id} on #${pull.number} was already addressed`, issueNumber);
    feedback = {
      reviewer: comment.user?.login ?? 'unknown',
      comments: [{ id: comment.id, path: comment.path, line: comment.line ?? null, body: comment.body, author: comment.user?.login ?? 'unknown' }],
    };
  }
  const text = feedbackText(feedback);
  if (!text.trim()) return noWork(`the review on #${pull.number} has no text to act on`, issueNumber);

  const { remaining, costLimitUsd, names } = runBudget(settings, marker?.costUsd ?? 0);
  if (remaining <= 0)
    return reply(
      deps,
      pull.number,
      feedback,
      `The per-issue budget (max-cost-usd-per-issue $${settings.maxCostUsdPerIssue.toFixed(2)}) is used up; a human has to address this review.`,
      issueNumber,
      'failed',
    );
  const files = await gh.paginate(gh.rest.pulls.listFiles, { owner: repo.owner, repo: repo.repo, pull_number: pull.number, per_page: 100 });
  const plan = followUpPlan(
    marker?.plan,
    files.map((file) => file.filename),
    pull.number,
  );
  if (!(await checkoutIsClean(deps.workspace))) {
    return {
      status: 'failed',
      issueNumber,
      prNumber: pull.number,
      message: `the checkout at ${deps.workspace} has local changes; the follow-up needs a clean checkout`,
      details: [],
    };
  }
  await checkoutPullHead(deps.workspace, pull.head.ref, pull.head.sha);
  const model = deps.model(costLimitUsd);
  const recordSpend = async (patch: { handledReviews?: number[]; handledComments?: number[] }, body: string) => {
    await upsertStickyComment(gh, repo, issueNumber, IMPLEMENT_MARKER_KIND, bot.id, body, nextMarker(marker, patch, model.usage.costUsd), {
      existing: thread.sticky,
    });
  };
  const handled = {
    handledReviews: remember(marker?.handledReviews, feedback.reviewId !== undefined ? [feedback.reviewId] : []),
    handledComments: remember(
      marker?.handledComments,
      feedback.comments.map((comment) => comment.id),
    ),
  };
  const stickyText = (thread.sticky ? textBeforeMarkers(thread.sticky.body).trim() : '') || `## Pull request opened\n\n#${pull.number}`;

  let failure: string | undefined;
  try {
    const change = await implementChange(
      deps,
      {
        issue: { number: issueNumber, title: thread.issue.title, body: thread.issue.body },
        plan,
        model,
        ...(settings.testCommand ? { testCommand: settings.testCommand } : {}),
        feedback: text,
      },
      names,
    );
    if (change.kind === 'install-failed') {
      return reply(
        deps,
        pull.number,
        feedback,
        `Dependencies could not be installed: ${change.install.note ?? 'the install failed'}. No change was made; a human has to address this review or fix the install.`,
        issueNumber,
        'failed',
      );
    }
    if (change.kind === 'agent-stopped') failure = change.failure.reason;
    else if (change.kind === 'no-change') failure = 'the agent found nothing to change';
    else if (change.kind === 'blocked') failure = `the fix failed the pre-write gates: ${change.problems.join('; ')}`;
    else {
      const tree = await writeTree(gh, repo, pull.head.sha, change.files);
      const commit = await writeCommit(gh, repo, {
        tree,
        parent: pull.head.sha,
        message: `fix: address review feedback on #${pull.number}\n\nRefs #${issueNumber}`,
        person: botPerson(bot),
        date: deps.now(),
      });
      // Fast-forward only: if someone pushed meanwhile, their commit is not overwritten.
      await gh.rest.git.updateRef({ owner: repo.owner, repo: repo.repo, ref: `heads/${pull.head.ref}`, sha: commit, force: false });
      await recordSpend(handled, stickyText);
      return reply(deps, pull.number, feedback, `Addressed in ${commit.slice(0, 12)}: ${inline(change.result.summary, 1000)}`, issueNumber, 'opened', commit);
    }
  } catch (error) {
    failure = knownFailure(error, names).reason;
  }
  await recordSpend(handled, stickyText);
  return reply(
    deps,
    pull.number,
    feedback,
    `The agent could not address this automatically: ${inline(failure ?? 'unknown reason', 1000)}. A human needs to take it from here.`,
    issueNumber,
    'failed',
  );
}

async function reply(
  deps: ProposeDeps,
  pullNumber: number,
  feedback: ReviewFeedback,
  text: string,
  issueNumber: number,
  status: 'opened' | 'failed',
  commit?: string,
): Promise<IssueResult> {
  const { gh, repo } = deps;
  for (const comment of feedback.comments) {
    await gh.rest.pulls.createReplyForReviewComment({ owner: repo.owner, repo: repo.repo, pull_number: pullNumber, comment_id: comment.id, body: text });
  }
  if (feedback.comments.length === 0 || feedback.reviewBody?.trim()) {
    await gh.rest.issues.createComment({ owner: repo.owner, repo: repo.repo, issue_number: pullNumber, body: `@${feedback.reviewer} ${text}` });
  }
  return {
    status,
    issueNumber,
    prNumber: pullNumber,
    message: `review follow-up on #${pullNumber}: ${status === 'opened' ? `pushed ${commit?.slice(0, 12) ?? ''}` : 'could not address it'}`,
    details: [`- #${pullNumber}: ${inline(text, 500)} (${feedback.comments.length} comment(s) answered)`],
  };
}
