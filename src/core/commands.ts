/**
 * Slash commands in comment bodies. A command counts only where a reader sees it as one: at the start of a
 * line, outside fenced or indented code, block quotes and HTML comments. Quoting someone's `/approve` in a
 * reply, or showing it in an example, must not approve anything.
 */
import type { Priority } from './labels.js';

export type Command =
  | { name: 'approve'; priority: Priority | undefined }
  | { name: 'reject'; reason: string }
  | { name: 'approve-spec' }
  | { name: 'reject-spec'; reason: string }
  | { name: 'review' }
  | { name: 'retry' }
  /** A known command written wrongly (`/reject` without a reason, `/approve urgent`): worth a reply, not an action. */
  | { name: 'invalid'; command: CommandName; problem: string };

export const COMMAND_NAMES = ['approve', 'reject', 'approve-spec', 'reject-spec', 'review', 'retry'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

const PRIORITIES: readonly Priority[] = ['high', 'medium', 'low'];

// Up to three spaces of indentation, as in Markdown; four or more is an indented code block.
const COMMAND_LINE = /^ {0,3}\/([A-Za-z][A-Za-z-]*)(?=\s|$)[ \t]*(.*)$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const QUOTE = /^ {0,3}>/;
const INDENTED_CODE = /^( {4}|\t)/;

function isCommandName(value: string): value is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(value);
}

interface CandidateLine {
  text: string;
  /** The lines after it up to the next blank line, for a reason written below the command. */
  paragraph: string[];
}

/** Lines a reader sees as plain text, with the paragraph that follows each one. */
function visibleLines(body: string): CandidateLine[] {
  // An unclosed `<!--` hides the rest of the body when rendered, so it hides commands too.
  const withoutComments = body.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  const lines = withoutComments.replace(/\r\n?/g, '\n').split('\n');
  const visible: Array<string | null> = [];
  let fence: string | null = null;
  let previousBlank = true;
  for (const line of lines) {
    const fenceMatch = FENCE.exec(line);
    if (fence !== null) {
      // A fence closes with the same character, at least as long, and nothing else on the line.
      const close = fenceMatch?.[1];
      if (close && close[0] === fence[0] && close.length >= fence.length && line.trim() === close) fence = null;
      visible.push(null);
      continue;
    }
    if (fenceMatch?.[1]) {
      fence = fenceMatch[1];
      visible.push(null);
      continue;
    }
    const blank = line.trim() === '';
    // Indented code needs a blank line before it; otherwise the indent continues a paragraph.
    const hidden = QUOTE.test(line) || (previousBlank && !blank && INDENTED_CODE.test(line));
    visible.push(hidden ? null : line);
    previousBlank = blank;
  }
  return visible.flatMap((text, index) => {
    if (text === null) return [];
    const paragraph: string[] = [];
    for (let next = index + 1; next < visible.length; next++) {
      const following = visible[next];
      if (following === null || following === undefined || following.trim() === '') break;
      paragraph.push(following.trim());
    }
    return [{ text, paragraph }];
  });
}

function interpret(name: CommandName, argument: string, paragraph: string[]): Command {
  switch (name) {
    case 'approve': {
      if (argument === '') return { name, priority: undefined };
      // The first word is the priority (`/approve high`, `/approve priority-high`); words after it are a remark.
      const word = argument.split(/[\s,.;:!]+/)[0] ?? '';
      const priority = word.toLowerCase().replace(/^priority-/, '');
      const known = PRIORITIES.find((p) => p === priority);
      if (known) return { name, priority: known };
      return { name: 'invalid', command: name, problem: `unknown priority ${JSON.stringify(word)}; expected high, medium or low` };
    }
    case 'reject':
    case 'reject-spec': {
      // The reason is required (it closes the issue or the SPEC with it); it may follow on the next lines.
      const reason = (argument || paragraph.join(' ')).trim();
      if (reason === '') return { name: 'invalid', command: name, problem: `/${name} needs a reason, e.g. /${name} out of scope for this quarter` };
      return { name, reason };
    }
    // These take no argument; text after them is a remark to the humans reading the thread.
    case 'approve-spec':
    case 'review':
    case 'retry':
      return { name };
  }
}

/** The first command in a comment body, or null when it contains none. */
export function parseCommand(body: string | null | undefined): Command | null {
  if (typeof body !== 'string') return null;
  for (const line of visibleLines(body)) {
    const match = COMMAND_LINE.exec(line.text);
    const name = match?.[1]?.toLowerCase();
    if (!match || !name || !isCommandName(name)) continue;
    const argument = (match[2] ?? '').trim();
    // A command followed by the reason's next lines: only a command with nothing else on its line takes them.
    const paragraph: string[] = [];
    if (argument === '') {
      for (const text of line.paragraph) {
        if (COMMAND_LINE.test(text)) break;
        paragraph.push(text);
      }
    }
    return interpret(name, argument, paragraph);
  }
  return null;
}

/**
 * Every command in a comment body, in order: each visible command line with the paragraph below it, as text
 * `parseCommand` reads. For callers that accept several commands in one comment (the triage report, where a
 * product owner decides many suggestions at once) and read arguments of their own (`/approve #12 low`).
 */
export function commandBlocks(body: string | null | undefined): string[] {
  if (typeof body !== 'string') return [];
  const blocks: string[] = [];
  for (const line of visibleLines(body)) {
    const name = COMMAND_LINE.exec(line.text)?.[1]?.toLowerCase();
    if (!name || !isCommandName(name)) continue;
    const paragraph: string[] = [];
    for (const text of line.paragraph) {
      if (COMMAND_LINE.test(text)) break;
      paragraph.push(text);
    }
    blocks.push([line.text, ...paragraph].join('\n'));
  }
  return blocks;
}
