/**
 * What started the run, and whether triage has anything to do with it. Pure. A comment without `/approve` or
 * `/reject`, a label other than roadmap, or a comment by a bot ends the run before any listing is read.
 */
import { ConfigurationError } from '../core/errors.js';
import { isEvent, labelNames, type EventUser, type WorkflowEvent } from '../core/event.js';
import type { LabelNames } from '../core/labels.js';
import { hasTriageCommand } from './commands.js';

export type Trigger =
  | { kind: 'report' }
  | { kind: 'comment'; issue: number; comment: { id: number; body: string; user: EventUser } }
  /** A label or close on an issue: decisions by hand, attributed to the sender. */
  | { kind: 'issue-change'; issue: number; sender: EventUser | undefined }
  | { kind: 'skip'; reason: string };

export function triggerFrom(event: WorkflowEvent, names: LabelNames): Trigger {
  if (isEvent(event, 'schedule', 'workflow_dispatch')) return { kind: 'report' };
  if (isEvent(event, 'issue_comment')) {
    const { action, issue, comment } = event.payload;
    if (action !== 'created') return { kind: 'skip', reason: `issue_comment ${action}: only new comments carry decisions` };
    if (issue.pull_request) return { kind: 'skip', reason: `#${issue.number} is a pull request; triage commands are for suggestion issues and the report` };
    if (!comment.user) return { kind: 'skip', reason: 'the comment has no author (deleted account)' };
    // Bots never decide, and answering them could start a conversation between bots.
    if (comment.user.type === 'Bot') return { kind: 'skip', reason: `the comment is by a bot (${comment.user.login})` };
    if (!hasTriageCommand(comment.body)) return { kind: 'skip', reason: 'the comment holds no /approve or /reject command' };
    return { kind: 'comment', issue: issue.number, comment: { id: comment.id, body: comment.body ?? '', user: comment.user } };
  }
  if (isEvent(event, 'issues')) {
    const { action, issue, label } = event.payload;
    if (!labelNames(issue.labels).some((name) => name.toLowerCase() === names.agentSuggestion.toLowerCase())) {
      return { kind: 'skip', reason: `#${issue.number} is not an agent suggestion` };
    }
    if (action === 'labeled' && label?.name.toLowerCase() === names.roadmap.toLowerCase())
      return { kind: 'issue-change', issue: issue.number, sender: event.sender };
    if (action === 'closed') return { kind: 'issue-change', issue: issue.number, sender: event.sender };
    return { kind: 'skip', reason: `issues ${action}${label ? ` (${label.name})` : ''} is not a decision` };
  }
  const name = event.name === 'other' ? event.eventName : event.name;
  return {
    kind: 'skip',
    reason: `the ${name} event is not supported; run triage-report on schedule, workflow_dispatch, issue_comment or issues (labeled, closed)`,
  };
}

/** Only for tests and reproducible local runs: pins "now" (an ISO 8601 time). Never set it on a runner. */
export const NOW_VARIABLE = 'AGENTIC_WORKFLOW_NOW';

export function clockFrom(env: NodeJS.ProcessEnv): { now: Date; pinned: boolean } {
  const pinned = env[NOW_VARIABLE];
  if (pinned === undefined || pinned === '') return { now: new Date(), pinned: false };
  const at = Date.parse(pinned);
  if (Number.isNaN(at))
    throw new ConfigurationError(`${NOW_VARIABLE} is ${JSON.stringify(pinned)}; expected an ISO 8601 time such as 2026-11-25T09:00:00Z, or unset`);
  return { now: new Date(at), pinned: true };
}
