/**
 * Which pull request a run reviews, from the event. Supported: pull_request (opened, synchronize, reopened,
 * ready_for_review), a `/review` comment on a pull request, and any event with the `pull-request-number`
 * input (workflow_dispatch, workflow_call). Anything else is refused by name. Pure; whether the event's
 * sender may command the bot is checked by the caller (src/core/authority.ts) whatever this returns: the
 * number input names the pull request, it never vouches for who asked.
 */
import { parseCommand } from '../core/commands.js';
import { isEvent, type WorkflowEvent } from '../core/event.js';

export const PULL_REQUEST_ACTIONS = ['opened', 'synchronize', 'reopened', 'ready_for_review'] as const;

export type ReviewTarget =
  | { kind: 'pull-request'; number: number; trigger: string }
  /** A `/review` comment: review if its author can write to the repository. */
  | { kind: 'command'; number: number; trigger: string; commenter: { login: string; id: number; type?: string | undefined } }
  | { kind: 'refused'; reason: string };

function eventLabel(event: WorkflowEvent): string {
  return event.name === 'other' ? event.eventName : event.name;
}

export function resolveTarget(event: WorkflowEvent, inputNumber: number | undefined): ReviewTarget {
  if (inputNumber !== undefined) {
    if (isEvent(event, 'issue_comment') && event.payload.action !== 'created')
      return { kind: 'refused', reason: `issue_comment.${event.payload.action} is not a command` };
    return { kind: 'pull-request', number: inputNumber, trigger: `input pull-request-number (${eventLabel(event)})` };
  }
  if (isEvent(event, 'pull_request')) {
    const action = event.payload.action;
    if (!(PULL_REQUEST_ACTIONS as readonly string[]).includes(action)) {
      return { kind: 'refused', reason: `pull_request.${action} is not reviewed (only ${PULL_REQUEST_ACTIONS.join(', ')})` };
    }
    return { kind: 'pull-request', number: event.payload.pull_request.number, trigger: `pull_request.${action}` };
  }
  if (isEvent(event, 'issue_comment')) {
    const { issue, comment, action } = event.payload;
    if (action !== 'created') return { kind: 'refused', reason: `issue_comment.${action} is not a command` };
    if (!issue.pull_request) return { kind: 'refused', reason: `#${issue.number} is an issue, not a pull request` };
    if (parseCommand(comment.body)?.name !== 'review') return { kind: 'refused', reason: 'the comment holds no /review command' };
    if (!comment.user) return { kind: 'refused', reason: 'the comment has no author' };
    return { kind: 'command', number: issue.number, trigger: `/review by @${comment.user.login}`, commenter: comment.user };
  }
  if (isEvent(event, 'workflow_dispatch')) return { kind: 'refused', reason: 'workflow_dispatch needs the pull-request-number input' };
  return { kind: 'refused', reason: `the ${eventLabel(event)} event is not supported (use pull_request, a /review comment, or pull-request-number)` };
}
