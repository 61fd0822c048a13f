/**
 * The prompts of the thinking steps before the edit loop: clarify (is the issue clear enough to build, as a
 * product owner would ask) and plan (the spec the edits must follow). Pure text builders: everything that came from a human or the repository is sanitised
 * and fenced as data, so an issue body cannot turn itself into instructions.
 */
import { z } from 'zod';
import { fenceUntrusted } from '../core/llm/index.js';

export interface IssueText {
  number: number;
  title: string;
  body: string;
}

export interface Answer {
  author: string;
  body: string;
}

export const MAX_QUESTIONS = 5;

export const clarificationSchema = z.object({
  ambiguous: z.boolean().describe('True only when an engineer would have to guess about something that changes the implementation'),
  questions: z.array(z.string().min(1).max(500)).max(MAX_QUESTIONS).describe('Questions whose answers remove the guesswork; empty when not ambiguous'),
});
export type Clarification = z.infer<typeof clarificationSchema>;

export const CLARIFY_SYSTEM = [
  'You are the product owner of a software repository. An engineer is about to implement the issue below.',
  'Decide whether it says enough to implement it without guessing about behaviour, scope or acceptance.',
  `If it does not, ask at most ${MAX_QUESTIONS} short, specific questions, each answerable in a sentence. Do not ask about`,
  'implementation details an engineer can decide, style, or things the repository map already answers.',
  'Most well-written issues are not ambiguous: when in doubt, answer ambiguous=false.',
].join(' ');

export function issueBlock(issue: IssueText): string {
  return fenceUntrusted(`issue #${issue.number}`, `Title: ${issue.title}\n\n${issue.body.trim() || '(no description)'}`);
}

export function answersBlock(answers: readonly Answer[]): string {
  if (answers.length === 0) return '';
  const text = answers.map((answer) => `@${answer.author} wrote:\n${answer.body.trim()}`).join('\n\n---\n\n');
  return fenceUntrusted('answers from the maintainers', text);
}

export function clarifyMessage(issue: IssueText, repoMap: string): string {
  return [issueBlock(issue), '', 'Repository map (paths and top-level symbols):', fenceUntrusted('repository map', repoMap)].join('\n');
}

export interface PlanPromptInput {
  issue: IssueText;
  answers: readonly Answer[];
  repoMap: string;
  files: ReadonlyArray<{ path: string; content: string }>;
  protectedPaths: readonly string[];
  testCommand: string | undefined;
  /** The issue reports a bug: the plan starts with a regression test. */
  bug?: boolean;
}

export function planSystem(protectedPaths: readonly string[]): string {
  return [
    'You are a senior software engineer planning a change to the repository described below. Produce the plan a',
    'reviewer approves before any code is written: the problem, every file to touch (tests included) with why,',
    'ordered steps, the tests that prove it, a reviewer checklist and the risks. Keep the change as small as the',
    'issue allows; list only files you will really change. Use action "modify" or "delete" only for files that',
    'exist, "create" only for new ones. Mark it architectural only when it changes module boundaries, public',
    `interfaces, dependencies or data flow, and then write a short ADR. Never plan changes to these protected paths: ${protectedPaths.join(', ')}.`,
  ].join(' ');
}

export function planMessage(input: PlanPromptInput): string {
  const parts = [issueBlock(input.issue)];
  const answers = answersBlock(input.answers);
  if (answers) parts.push('', 'The maintainers answered the questions asked about this issue:', answers);
  parts.push('', 'Repository map (paths and top-level symbols, most relevant first):', fenceUntrusted('repository map', input.repoMap));
  for (const file of input.files) parts.push('', `File ${file.path}:`, fenceUntrusted(`file ${file.path}`, file.content));
  parts.push('', input.testCommand ? `The tests run with: ${input.testCommand}` : 'No test command was found; plan tests that the repository can run.');
  if (input.bug)
    parts.push(
      '',
      'This issue reports a bug. Fix it reproduce-first: the plan must list a test file (create or modify) for a regression test that fails on the current code for the reported reason, and then the code to fix.',
    );
  return parts.join('\n');
}
