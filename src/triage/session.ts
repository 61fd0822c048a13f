/**
 * One run's decisions, in order: carry out a planned decision within the budget and keep the snapshot, the
 * ledger of approvals and the account for the summary up to date; handle the commands of one comment.
 */
import type { GitHub } from '../core/github.js';
import { personAuthority } from '../core/authority.js';
import type { BotIdentity } from '../core/identity.js';
import type { LabelNames } from '../core/labels.js';
import type { RepoRef } from '../core/repo.js';
import type { Sender } from './apply.js';
import { triageCommands } from './commands.js';
import { applyDecision, planCommand, withLabelCreation, type Decision } from './decide.js';
import { hasRepliedTo } from './fetch.js';
import type { RecordedApproval, ResumePoint } from './markers.js';
import { notAllowedComment, REASON_REQUIRED, refusalComment } from './messages.js';
import type { Snapshot } from './snapshot.js';

export interface CommentInput {
  id: number;
  issue: number;
  body: string;
  user: { login: string; id: number; type?: string };
  /** Commands already handled by an earlier run (resuming). */
  skip: number;
}

export class TriageSession {
  snapshot: Snapshot;
  readonly ledger: RecordedApproval[];
  readonly resume: ResumePoint[] = [];
  readonly notes: string[] = [];
  approved = 0;
  rejected = 0;
  deferred = 0;

  constructor(
    private readonly gh: GitHub,
    private readonly repo: RepoRef,
    private readonly bot: BotIdentity,
    private readonly names: LabelNames,
    private readonly sender: Sender,
    private readonly now: Date,
    snapshot: Snapshot,
    ledger: readonly RecordedApproval[],
  ) {
    this.snapshot = snapshot;
    this.ledger = [...ledger];
  }

  /** Sends a decision's writes if they all fit the budget; false when it had to wait for the next run. */
  async carryOut(decision: Decision): Promise<boolean> {
    const writes = withLabelCreation(decision.writes, this.snapshot.seenLabels);
    const sent = await this.sender.send(writes);
    if (sent.status === 'deferred') {
      this.deferred++;
      this.notes.push(`left for the next run (write budget used up): ${decision.summary}`);
      return false;
    }
    this.snapshot = applyDecision(this.snapshot, { ...decision, writes }, this.now);
    this.notes.push(sent.status === 'planned' ? `dry run, would do: ${decision.summary}` : decision.summary);
    if (sent.status === 'done') {
      if (decision.kind === 'approve') this.approved++;
      if (decision.kind === 'reject') this.rejected++;
    }
    if (decision.approval && !this.ledger.some((entry) => entry.issue === decision.approval?.issue)) this.ledger.push(decision.approval);
    return true;
  }

  private isReport(issue: number): boolean {
    return this.snapshot.reports.some((report) => report.number === issue);
  }

  /**
   * The commands of one comment. People without write access change nothing and get one polite reply per
   * issue; for the others each command is planned against the snapshot and carried out in turn. When the
   * budget runs out the comment is remembered with how far it got, and the next run resumes there.
   */
  async handleComment(comment: CommentInput): Promise<void> {
    const onReport = this.isReport(comment.issue);
    if (!onReport && !this.snapshot.suggestions.some((s) => s.number === comment.issue)) {
      // `/approve` elsewhere may be meant for another tool; triage answers only where it is addressed.
      this.notes.push(`#${comment.issue} is neither a suggestion nor a triage report; its commands are not for triage`);
      return;
    }
    const commands = triageCommands(comment.body, { issue: comment.issue, onReport }).slice(comment.skip);
    if (commands.length === 0) return;
    const { login } = comment.user;
    const { allowed, permission } = await personAuthority(this.gh, this.repo, comment.user, this.bot);
    if (!allowed) {
      this.notes.push(`${login} (permission: ${permission}) may not decide; their commands on #${comment.issue} changed nothing`);
      if (await hasRepliedTo(this.gh, this.repo, comment.issue, this.bot, comment.user.id)) return;
      await this.carryOut({
        kind: 'reply',
        issue: comment.issue,
        summary: `replied once to ${login} on #${comment.issue}: only writers decide`,
        writes: [{ op: 'comment', issue: comment.issue, body: notAllowedComment(login, comment.user.id) }],
      });
      return;
    }
    const problems: string[] = [];
    const decided = new Set<number>();
    for (const [index, { command, target, verb }] of commands.entries()) {
      if (command.name === 'invalid') {
        problems.push(verb === 'reject' ? REASON_REQUIRED : `\`/${verb}\`: ${command.problem}.`);
        continue;
      }
      if (target === null) {
        problems.push(`\`/${verb}\` on the report needs the suggestion's number right after it, e.g. \`/${verb} #12${verb === 'reject' ? ' <reason>' : ''}\`.`);
        continue;
      }
      const suggestion = this.snapshot.suggestions.find((s) => s.number === target);
      if (!suggestion) {
        problems.push(`#${target} is not an agent suggestion (an issue the agents opened with the \`${this.names.agentSuggestion}\` label).`);
        continue;
      }
      if (decided.has(target)) {
        problems.push(`#${target} was already decided earlier in this comment; \`/${verb}\` was ignored.`);
        continue;
      }
      decided.add(target);
      const result = planCommand(command, suggestion, login, this.now, this.names);
      if ('refused' in result) problems.push(result.refused);
      else if ('unchanged' in result) this.notes.push(result.unchanged);
      else if (!(await this.carryOut(result.decision))) {
        this.resume.push({ issue: comment.issue, comment: comment.id, skip: comment.skip + index });
        break;
      }
    }
    if (problems.length > 0) {
      await this.carryOut({
        kind: 'reply',
        issue: comment.issue,
        summary: `replied to ${login} on #${comment.issue}: ${problems.length} command(s) not carried out`,
        writes: [{ op: 'comment', issue: comment.issue, body: refusalComment(login, problems) }],
      });
    }
  }
}
