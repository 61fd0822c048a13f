/**
 * Which work an event asks for (pure): one named issue, the next issues from the backlog, a review
 * follow-up on one of the agent's pull requests, or nothing (an event this action does not handle, said by
 * name). The `issue-number` input wins over the event.
 */
import { isEvent, type WorkflowEvent } from '../core/event.js';
import { issueOfBranch } from './branch.js';

export type Route =
  | { kind: 'issue'; issueNumber: number; source: string }
  | { kind: 'pick' }
  | {
      kind: 'follow-up';
      pullNumber: number;
      headRef: string;
      headSha: string;
      reviewId?: number;
      commentId?: number;
      sender: { login: string; id: number; type: string } | null;
    }
  | { kind: 'ignore'; reason: string };

export function routeEvent(event: WorkflowEvent, issueNumberInput: number | undefined, repository: string): Route {
  if (issueNumberInput !== undefined) return { kind: 'issue', issueNumber: issueNumberInput, source: 'the issue-number input' };
  if (isEvent(event, 'schedule', 'workflow_dispatch')) return { kind: 'pick' };
  if (isEvent(event, 'issues')) {
    if (event.payload.issue.pull_request) return { kind: 'ignore', reason: 'the issues event is about a pull request' };
    return { kind: 'issue', issueNumber: event.payload.issue.number, source: `the issues.${event.payload.action} event` };
  }
  if (isEvent(event, 'issue_comment')) {
    const { issue, comment } = event.payload;
    if (issue.pull_request) return { kind: 'ignore', reason: 'comments on pull requests are not commands for implement (review follow-up listens to reviews)' };
    if (comment.user?.type === 'Bot') return { kind: 'ignore', reason: `the comment is by a bot (${comment.user.login})` };
    if (event.payload.action !== 'created' && event.payload.action !== 'edited')
      return { kind: 'ignore', reason: `issue_comment.${event.payload.action} carries no command` };
    return { kind: 'issue', issueNumber: issue.number, source: `a comment by @${comment.user?.login ?? 'unknown'}` };
  }
  if (isEvent(event, 'pull_request_review', 'pull_request_review_comment')) {
    const pull = event.payload.pull_request;
    if (issueOfBranch(pull.head.ref) === null) return { kind: 'ignore', reason: `${pull.head.ref} is not an automated/<number>-<slug> branch` };
    if (pull.head.repo && pull.head.repo.full_name.toLowerCase() !== repository.toLowerCase())
      return { kind: 'ignore', reason: 'the pull request comes from a fork' };
    if (pull.state !== undefined && pull.state !== 'open') return { kind: 'ignore', reason: `pull request #${pull.number} is ${pull.state}` };
    const sender = (isEvent(event, 'pull_request_review') ? event.payload.review.user : event.payload.comment.user) ?? null;
    const who = sender ? { login: sender.login, id: sender.id, type: sender.type ?? 'User' } : null;
    if (isEvent(event, 'pull_request_review')) {
      const { review } = event.payload;
      if (event.payload.action !== 'submitted') return { kind: 'ignore', reason: `pull_request_review.${event.payload.action} asks for nothing` };
      if (review.state.toLowerCase() !== 'changes_requested')
        return { kind: 'ignore', reason: `the review is ${review.state.toLowerCase()}, not changes_requested` };
      return { kind: 'follow-up', pullNumber: pull.number, headRef: pull.head.ref, headSha: pull.head.sha, reviewId: review.id, sender: who };
    }
    if (event.payload.action !== 'created') return { kind: 'ignore', reason: `pull_request_review_comment.${event.payload.action} asks for nothing` };
    return { kind: 'follow-up', pullNumber: pull.number, headRef: pull.head.ref, headSha: pull.head.sha, commentId: event.payload.comment.id, sender: who };
  }
  return { kind: 'ignore', reason: `implement does not handle the ${event.name === 'other' ? event.eventName : event.name} event` };
}
