/**
 * The tools offered to the model (read_file, edit_file, run_tests and the rest). Each tool's arguments are a zod
 * schema: the model is offered the JSON Schema generated from it, and its arguments are checked with the same
 * schema before they become a typed call. Bad arguments become an error the model reads.
 */
import { z } from 'zod';
import type { ToolCall, ToolSpec } from '../../core/llm/index.js';

export type AgentToolCall =
  | { tool: 'read_file'; path: string; lineStart?: number; lineEnd?: number }
  | { tool: 'list_directory'; path: string; recursive: boolean }
  | { tool: 'search_files'; pattern: string; glob?: string }
  | { tool: 'edit_file'; path: string; oldString: string; newString: string }
  | { tool: 'create_file'; path: string; content: string }
  | { tool: 'delete_file'; path: string }
  | { tool: 'run_tests' }
  | { tool: 'finish'; summary: string; rootCause?: string };

export type ParsedCall = { ok: true; call: AgentToolCall } | { ok: false; message: string };

/** A string argument; its messages name the argument. */
function text(name: string, description?: string) {
  const schema = z.string({ error: (issue) => (issue.input === undefined ? `'${name}' is required` : `'${name}' must be a string`) });
  return description === undefined ? schema : schema.describe(description);
}

/** A 1-based line number; a numeric string (`"12"`) is taken as the number. */
function lineNumber(name: string, description: string) {
  const error = `'${name}' must be a positive integer`;
  return z
    .preprocess((value) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value), z.number({ error }).int({ error }).min(1, { error }))
    .describe(description);
}

/**
 * The arguments object: no other keys than the tool's (the JSON Schema says `additionalProperties: false`), and
 * a `null` the model sends for an optional argument counts as leaving it out.
 */
function toolArguments<Shape extends z.ZodRawShape>(shape: Shape) {
  const withoutNulls = (value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null))
      : value;
  return z.preprocess(
    withoutNulls,
    z.strictObject(shape, {
      error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown argument ${issue.keys.map((key) => `'${key}'`).join(', ')}` : undefined),
    }),
  );
}

interface AgentTool<Input extends z.ZodType> {
  description: string;
  input: Input;
  toCall: (args: z.output<Input>) => AgentToolCall;
}

function tool<Input extends z.ZodType>(description: string, input: Input, toCall: (args: z.output<Input>) => AgentToolCall): AgentTool<Input> {
  return { description, input, toCall };
}

const TOOLS = {
  read_file: tool(
    'Read a text file of the repository with line numbers. Optionally a 1-based inclusive line range; at most 400 lines per call.',
    toolArguments({
      path: text('path', 'Path relative to the repository root'),
      line_start: lineNumber('line_start', 'First line to read (1-based)').optional(),
      line_end: lineNumber('line_end', 'Last line to read (inclusive)').optional(),
    }),
    (args) => ({ tool: 'read_file', path: args.path, lineStart: args.line_start, lineEnd: args.line_end }),
  ),
  list_directory: tool(
    'List the files and folders of a directory of the repository (folders end with /).',
    toolArguments({
      path: text('path', 'Directory relative to the repository root; "." for the root').optional(),
      recursive: z.boolean({ error: "'recursive' must be a boolean" }).describe('Include everything below (at most 500 entries)').optional(),
    }),
    (args) => ({ tool: 'list_directory', path: args.path ?? '.', recursive: args.recursive === true }),
  ),
  search_files: tool(
    'Search file contents with a JavaScript regular expression, line by line, like grep. Returns path:line: text.',
    toolArguments({
      pattern: text('pattern', 'Regular expression'),
      glob: text('glob', 'Only files matching this glob, e.g. "src/**/*.ts" or "*.py"').optional(),
    }),
    (args) => ({ tool: 'search_files', pattern: args.pattern, glob: args.glob || undefined }),
  ),
  edit_file: tool(
    'Replace old_string with new_string in a file. old_string must match the file exactly (whitespace included) and exactly once.',
    toolArguments({
      path: text('path'),
      old_string: text('old_string', 'Exact text to replace; include enough context to be unique'),
      new_string: text('new_string', 'Replacement text'),
    }),
    (args) => ({ tool: 'edit_file', path: args.path, oldString: args.old_string, newString: args.new_string }),
  ),
  create_file: tool(
    'Create a new file with the given content (fails if it exists; use edit_file to change a file).',
    toolArguments({ path: text('path'), content: text('content') }),
    (args) => ({ tool: 'create_file', path: args.path, content: args.content }),
  ),
  delete_file: tool('Delete a file the plan says to delete.', toolArguments({ path: text('path') }), (args) => ({ tool: 'delete_file', path: args.path })),
  run_tests: tool("Run the repository's test suite and get the result and (truncated) output.", toolArguments({}), () => ({ tool: 'run_tests' })),
  finish: tool(
    'Finish the task with a short summary of what changed and why. Accepted only once the tests pass.',
    toolArguments({
      summary: text('summary', 'What was changed and why, for the pull request'),
      root_cause: text('root_cause', 'For a bug: what failed, why, and where in the code (file and line)').optional(),
    }),
    (args) => ({ tool: 'finish', summary: args.summary, ...(args.root_cause ? { rootCause: args.root_cause } : {}) }),
  ),
} satisfies Record<string, AgentTool<z.ZodType>>;

type ToolName = keyof typeof TOOLS;

function isToolName(name: string): name is ToolName {
  return Object.hasOwn(TOOLS, name);
}

/** The JSON Schema the model is offered for a tool's arguments: generated from the schema that checks them. */
export function toolParameters(input: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(input, { io: 'input' }) as Record<string, unknown>;
  return schema;
}

export const TOOL_SPECS: ToolSpec[] = Object.entries(TOOLS).map(([name, { description, input }]) => ({ name, description, parameters: toolParameters(input) }));

/** Pure: the model's tool call as a typed call, or the message that tells the model what was wrong. */
export function parseToolCall(call: ToolCall): ParsedCall {
  if (call.invalidArguments !== undefined) {
    return {
      ok: false,
      message: `The arguments of ${call.name} were not a JSON object (${call.invalidArguments.slice(0, 200)}). Send a JSON object matching the tool's schema.`,
    };
  }
  if (!isToolName(call.name)) {
    return { ok: false, message: `There is no tool named '${call.name}'. Available: ${TOOL_SPECS.map((spec) => spec.name).join(', ')}.` };
  }
  const { input, toCall } = TOOLS[call.name] as AgentTool<z.ZodType>;
  const parsed = input.safeParse(call.arguments);
  if (!parsed.success) return { ok: false, message: `Invalid arguments for ${call.name}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}.` };
  return { ok: true, call: toCall(parsed.data) };
}
