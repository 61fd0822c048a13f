/**
 * Which jobs of a workflow an event starts, decided the way GitHub decides it: the `on:` block (event name,
 * activity types, schedule) and then each job's `if:`, evaluated with GitHub's own expression engine. A job
 * that needs others is judged as when they have all succeeded: success() and always() are true, failure() and
 * cancelled() false.
 */
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { parse } from 'yaml';

export interface TriggerEvent {
  name: string;
  payload: Record<string, unknown>;
}

interface WorkflowShape {
  on?: Record<string, { types?: string[] } | Array<{ cron: string }> | null> | string | string[];
  jobs?: Record<string, { if?: string | boolean }>;
}

function triggerAccepts(on: WorkflowShape['on'], event: TriggerEvent): boolean {
  if (typeof on === 'string') return on === event.name;
  if (Array.isArray(on)) return on.includes(event.name);
  if (!on || !(event.name in on)) return false;
  const filter = on[event.name];
  if (event.name === 'schedule') return Array.isArray(filter) && filter.some((entry) => entry.cron === event.payload.schedule);
  const types = filter && !Array.isArray(filter) ? filter.types : undefined;
  return types === undefined || types.includes(String(event.payload.action));
}

const status = (name: string, value: boolean): FunctionDefinition => ({ name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value) });
const STATUS_FUNCTIONS = [status('success', true), status('always', true), status('failure', false), status('cancelled', false)];

function evaluate(condition: string, event: TriggerEvent): boolean {
  const text = condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  // `!(…)` gives a boolean whatever the condition's type, with GitHub's truthiness rules.
  const lexed = new Lexer(`!(${text})`).lex();
  const expression = new Parser(lexed.tokens, ['github', 'inputs'], STATUS_FUNCTIONS).parse();
  const github = { event_name: event.name, event: event.payload, repository: 'acme/shop' };
  const inputs = event.name === 'workflow_dispatch' ? ((event.payload.inputs as Record<string, unknown> | undefined) ?? {}) : {};
  const context = JSON.parse(JSON.stringify({ github, inputs }), data.reviver) as data.Dictionary;
  const functions = new Map(STATUS_FUNCTIONS.map((definition) => [definition.name, definition]));
  return new Evaluator(expression, context, functions).evaluate().coerceString() === 'false';
}

/** The jobs `event` starts in the workflow `content`, by name. */
export function jobsStarted(content: string, event: TriggerEvent): string[] {
  const workflow = parse(content) as WorkflowShape;
  if (!triggerAccepts(workflow.on, event)) return [];
  return Object.entries(workflow.jobs ?? {})
    .filter(([, job]) => job.if === undefined || (typeof job.if === 'boolean' ? job.if : evaluate(job.if, event)))
    .map(([name]) => name);
}
