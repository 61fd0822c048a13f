/**
 * A `roadmap` label added by hand approves a suggestion only when the issue's events show that someone with write
 * access added it (core/authority.ts labelAuthority, one events request per suggestion). Anyone else's label comes
 * off, and they are told once why; a writer's approval is recorded under the writer's name even on a scheduled run.
 */
import { labelAuthority } from '../core/authority.js';
import type { GitHub } from '../core/github.js';
import { isBot, type BotIdentity } from '../core/identity.js';
import { readIssueEvents } from '../core/issue-events.js';
import type { LabelNames } from '../core/labels.js';
import type { RepoRef } from '../core/repo.js';
import { planApproval, type Decision } from './decide.js';
import { hasRepliedTo } from './fetch.js';
import { labelRefusedComment } from './messages.js';
import type { Snapshot } from './snapshot.js';
import type { Write } from './writes.js';

export interface HandApprovalDeps {
  gh: GitHub;
  repo: RepoRef;
  bot: BotIdentity;
  names: LabelNames;
  now: Date;
}

/** The decision to carry out for a planned hand approval: the approval by the writer who labelled it, or a refusal. */
export async function vetHandApproval(deps: HandApprovalDeps, snapshot: Snapshot, decision: Decision): Promise<Decision> {
  const suggestion = snapshot.suggestions.find((entry) => entry.number === decision.issue);
  if (decision.kind !== 'approve' || !suggestion) return decision;
  const { gh, repo, bot, names } = deps;
  const events = await readIssueEvents(gh, repo, suggestion.number);
  const authority = await labelAuthority(gh, repo, events, { added: [names.roadmap], removed: [] }, bot);
  if (authority.allowed) {
    // The bot's own label is a command's approval recorded without its comment (a run stopped half-way): keep who
    // the run was told about.
    const byBot = authority.by.id !== undefined && isBot({ id: authority.by.id, type: authority.by.type }, bot);
    const by = byBot ? (decision.approval?.by ?? null) : authority.by.login;
    const planned = planApproval(suggestion, { by, via: 'label', priority: undefined, now: deps.now }, names);
    return 'decision' in planned ? planned.decision : decision;
  }
  const login = authority.by?.login ?? 'someone';
  const writes: Write[] = [{ op: 'remove-label', issue: suggestion.number, label: names.roadmap }];
  const userId = authority.by?.id;
  if (userId !== undefined && !(await hasRepliedTo(gh, repo, suggestion.number, bot, userId)))
    writes.push({ op: 'comment', issue: suggestion.number, body: labelRefusedComment(login, userId, names.roadmap) });
  return { kind: 'reply', issue: suggestion.number, summary: `#${suggestion.number}: not approved, ${authority.reason}; the label was taken off`, writes };
}
