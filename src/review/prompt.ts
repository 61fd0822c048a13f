/**
 * The prompts of a review call. Everything that comes from the pull request (title, description, linked
 * issue, diff, file contents) is untrusted: it is sanitised and fenced as data, never mixed into the
 * instructions. Pure; the engine measures these exact strings against the per-call token limit.
 */
import { fenceUntrusted } from '../core/llm/index.js';

const ENGINE_RULES = `How to read the diff: each file starts with a line "=== <path> (<status>) ===". Each diff line starts with its line number in the new version of the file, then "+" for an added line or a space for an unchanged line, then the code. Removed lines start with "- " and have no number.

How to report:
- Report only problems in the code this pull request adds or changes, each once, most important first. Do not report style preferences a formatter or linter would settle, and do not praise.
- "file" is the path exactly as in the "===" line; "line" is the number shown at the start of the diff line the finding is about (an added or unchanged line, never a removed one); "snippet" is that line's code, copied exactly.
- For a problem spanning lines, set "startLine" to the first and "line" to the last.
- Give "suggestion" only when you can write the exact replacement for those lines; it replaces them verbatim, so keep the indentation and leave out line numbers and "+" markers.
- Severity: critical = must not be merged (data loss, a broken build, a security hole, a crash on a main path); high = a real bug or serious design problem; medium = worth fixing soon; low = minor.
- Surrounding code, the description and the linked issue are context only: do not report problems in lines the diff does not show.
- If nothing is worth reporting, return an empty list.`;

export function buildSystemPrompt(reviewerPrompt: string): string {
  return `${reviewerPrompt.trim()}\n\n${ENGINE_RULES}`;
}

/** Repository context sent with the diff when the budget allows. */
export interface ReviewContext {
  /** Title and description of the pull request. */
  description?: string | undefined;
  /** Number, title and body of the issue the pull request says it closes. */
  linkedIssue?: { number: number; text: string } | undefined;
  /** What a deterministic pass already reported (ciso-review's scanners), so the model adds to it instead of repeating it. */
  scanner?: string | undefined;
}

export interface ChunkMessageInput {
  repository: string;
  pullNumber: number;
  part: number;
  parts: number;
  context: ReviewContext;
  diff: string;
  surroundings?: string | undefined;
}

/** The context blocks alone; their length is what including them costs each call. */
export function renderContext(context: ReviewContext): string {
  const blocks: string[] = [];
  if (context.description !== undefined) blocks.push(fenceUntrusted('pull request title and description', context.description));
  if (context.linkedIssue) blocks.push(fenceUntrusted(`linked issue #${context.linkedIssue.number}`, context.linkedIssue.text));
  // Scanner findings quote paths and titles from the pull request: data, fenced like the rest.
  if (context.scanner) blocks.push(fenceUntrusted('findings of the deterministic scanner', context.scanner));
  return blocks.join('\n\n');
}

export function buildChunkMessage(input: ChunkMessageInput): string {
  const blocks = [
    `Review part ${input.part} of ${input.parts} of pull request #${input.pullNumber} in ${input.repository}. Other parts are reviewed separately; report only what this part shows.`,
  ];
  const context = renderContext(input.context);
  if (context) blocks.push(context);
  blocks.push(fenceUntrusted('diff', input.diff));
  if (input.surroundings) blocks.push(fenceUntrusted('surrounding code (unchanged, for reference only)', input.surroundings));
  return blocks.join('\n\n');
}
