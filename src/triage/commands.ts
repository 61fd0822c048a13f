/**
 * The triage commands in a comment. On a suggestion, `/approve [high|medium|low]` and `/reject <reason>`
 * decide that suggestion. On the report, each command names its suggestion right after the command word
 * (`/approve #12 low`, `/reject #13 duplicate of #7`), and one comment may hold many, one per line. Pure.
 */
import { commandBlocks, parseCommand, type Command } from '../core/commands.js';

export type TriageVerb = 'approve' | 'reject';

export interface TriageCommand {
  /** The suggestion it decides; null on the report when the command named none. */
  target: number | null;
  /** approve or reject as parsed, or `invalid` with the problem (e.g. /reject without a reason). */
  command: Extract<Command, { name: 'approve' } | { name: 'reject' } | { name: 'invalid' }>;
  verb: TriageVerb;
}

const TARGETED = /^( {0,3}\/[A-Za-z][A-Za-z-]*)[ \t]+#(\d+)(?=\s|$)[ \t]*(.*)$/;

function verbOf(block: string): TriageVerb | null {
  const word = /^ {0,3}\/([A-Za-z][A-Za-z-]*)/.exec(block)?.[1]?.toLowerCase();
  return word === 'approve' || word === 'reject' ? word : null;
}

/**
 * Pure: the approve and reject commands in `body`, in order. `onReport` says whether the comment is on the
 * triage report (targets required) or on suggestion `issue` (the target is the issue itself; a `#N` after
 * `/reject` there is part of the reason, e.g. `/reject #7 already covers this`).
 */
export function triageCommands(body: string, where: { issue: number; onReport: boolean }): TriageCommand[] {
  const commands: TriageCommand[] = [];
  for (const block of commandBlocks(body)) {
    const verb = verbOf(block);
    if (!verb) continue;
    const [firstLine = '', ...rest] = block.split('\n');
    const targeted = TARGETED.exec(firstLine);
    const named = targeted ? Number(targeted[2]) : null;
    const stripTarget = targeted !== null && (where.onReport || named === where.issue);
    const text = stripTarget ? [`${targeted[1]} ${targeted[3] ?? ''}`.trimEnd(), ...rest].join('\n') : block;
    const command = parseCommand(text);
    if (!command || (command.name !== 'approve' && command.name !== 'reject' && command.name !== 'invalid')) continue;
    const target = where.onReport ? (stripTarget ? named : null) : where.issue;
    commands.push({ target, command, verb });
  }
  return commands;
}

/** Pure: whether a comment holds anything triage acts on, before any API call is spent on it. */
export function hasTriageCommand(body: string | null | undefined): boolean {
  return commandBlocks(body).some((block) => verbOf(block) !== null);
}
