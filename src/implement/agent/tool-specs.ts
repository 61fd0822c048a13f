/**
 * The tools offered to the model (read_file, edit_file, run_tests and the rest) with JSON-schema parameters, and the
 * checks that turn the model's arguments into typed calls. Bad arguments become an error the model reads.
 */
import type { ToolCall, ToolSpec } from '../../core/llm/index.js';

export const TOOL_SPECS: ToolSpec[] = [
  {
    name: 'read_file',
    description: 'Read a text file of the repository with line numbers. Optionally a 1-based inclusive line range; at most 400 lines per call.',
    parameters: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Path relative to the repository root' },
        line_start: { type: 'integer', minimum: 1, description: 'First line to read (1-based)' },
        line_end: { type: 'integer', minimum: 1, description: 'Last line to read (inclusive)' },
      },
      required: ['path'],
      additionalProperties: false,
    },
  },
  {
    name: 'list_directory',
    description: 'List the files and folders of a directory of the repository (folders end with /).',
    parameters: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Directory relative to the repository root; "." for the root' },
        recursive: { type: 'boolean', description: 'Include everything below (at most 500 entries)' },
      },
      required: ['path'],
      additionalProperties: false,
    },
  },
  {
    name: 'search_files',
    description: 'Search file contents with a JavaScript regular expression, line by line, like grep. Returns path:line: text.',
    parameters: {
      type: 'object',
      properties: {
        pattern: { type: 'string', description: 'Regular expression' },
        glob: { type: 'string', description: 'Only files matching this glob, e.g. "src/**/*.ts" or "*.py"' },
      },
      required: ['pattern'],
      additionalProperties: false,
    },
  },
  {
    name: 'edit_file',
    description: 'Replace old_string with new_string in a file. old_string must match the file exactly (whitespace included) and exactly once.',
    parameters: {
      type: 'object',
      properties: {
        path: { type: 'string' },
        old_string: { type: 'string', description: 'Exact text to replace; include enough context to be unique' },
        new_string: { type: 'string', description: 'Replacement text' },
      },
      required: ['path', 'old_string', 'new_string'],
      additionalProperties: false,
    },
  },
  {
    name: 'create_file',
    description: 'Create a new file with the given content (fails if it exists; use edit_file to change a file).',
    parameters: {
      type: 'object',
      properties: { path: { type: 'string' }, content: { type: 'string' } },
      required: ['path', 'content'],
      additionalProperties: false,
    },
  },
  {
    name: 'delete_file',
    description: 'Delete a file the plan says to delete.',
    parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'], additionalProperties: false },
  },
  {
    name: 'run_tests',
    description: "Run the repository's test suite and get the result and (truncated) output.",
    parameters: { type: 'object', properties: {}, additionalProperties: false },
  },
  {
    name: 'finish',
    description: 'Finish the task with a short summary of what changed and why. Accepted only once the tests pass.',
    parameters: {
      type: 'object',
      properties: {
        summary: { type: 'string', description: 'What was changed and why, for the pull request' },
        root_cause: { type: 'string', description: 'For a bug: what failed, why, and where in the code (file and line)' },
      },
      required: ['summary'],
      additionalProperties: false,
    },
  },
];

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

function text(args: Record<string, unknown>, name: string, required: true): string | Error;
function text(args: Record<string, unknown>, name: string, required: false): string | undefined | Error;
function text(args: Record<string, unknown>, name: string, required: boolean): string | undefined | Error {
  const value = args[name];
  if (value === undefined || value === null) return required ? new Error(`'${name}' is required`) : undefined;
  return typeof value === 'string' ? value : new Error(`'${name}' must be a string`);
}

function lineNumber(args: Record<string, unknown>, name: string): number | undefined | Error {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 1 ? number : new Error(`'${name}' must be a positive integer`);
}

/** Pure: the model's tool call as a typed call, or the message that tells the model what was wrong. */
export function parseToolCall(call: ToolCall): ParsedCall {
  if (call.invalidArguments !== undefined) {
    return {
      ok: false,
      message: `The arguments of ${call.name} were not a JSON object (${call.invalidArguments.slice(0, 200)}). Send a JSON object matching the tool's schema.`,
    };
  }
  if (!TOOL_SPECS.some((spec) => spec.name === call.name)) {
    return { ok: false, message: `There is no tool named '${call.name}'. Available: ${TOOL_SPECS.map((spec) => spec.name).join(', ')}.` };
  }
  const args = call.arguments;
  const fields: Array<string | number | boolean | undefined | Error> = [];
  const result = ((): AgentToolCall | Error => {
    switch (call.name) {
      case 'read_file': {
        const path = text(args, 'path', true);
        const lineStart = lineNumber(args, 'line_start');
        const lineEnd = lineNumber(args, 'line_end');
        fields.push(path, lineStart, lineEnd);
        if (path instanceof Error || lineStart instanceof Error || lineEnd instanceof Error) break;
        return { tool: 'read_file', path, lineStart, lineEnd };
      }
      case 'list_directory': {
        const path = text(args, 'path', false);
        const recursive = args.recursive;
        if (recursive !== undefined && typeof recursive !== 'boolean') return new Error("'recursive' must be a boolean");
        fields.push(path);
        if (path instanceof Error) break;
        return { tool: 'list_directory', path: path ?? '.', recursive: recursive === true };
      }
      case 'search_files': {
        const pattern = text(args, 'pattern', true);
        const glob = text(args, 'glob', false);
        fields.push(pattern, glob);
        if (pattern instanceof Error || glob instanceof Error) break;
        return { tool: 'search_files', pattern, glob: glob || undefined };
      }
      case 'edit_file': {
        const path = text(args, 'path', true);
        const oldString = text(args, 'old_string', true);
        const newString = text(args, 'new_string', true);
        fields.push(path, oldString, newString);
        if (path instanceof Error || oldString instanceof Error || newString instanceof Error) break;
        return { tool: 'edit_file', path, oldString, newString };
      }
      case 'create_file': {
        const path = text(args, 'path', true);
        const content = text(args, 'content', true);
        fields.push(path, content);
        if (path instanceof Error || content instanceof Error) break;
        return { tool: 'create_file', path, content };
      }
      case 'delete_file': {
        const path = text(args, 'path', true);
        fields.push(path);
        if (path instanceof Error) break;
        return { tool: 'delete_file', path };
      }
      case 'run_tests':
        return { tool: 'run_tests' };
      case 'finish': {
        const summary = text(args, 'summary', true);
        const rootCause = text(args, 'root_cause', false);
        fields.push(summary, rootCause);
        if (summary instanceof Error || rootCause instanceof Error) break;
        return { tool: 'finish', summary, ...(rootCause ? { rootCause } : {}) };
      }
      default:
        break;
    }
    return new Error(
      fields
        .filter((field): field is Error => field instanceof Error)
        .map((field) => field.message)
        .join('; '),
    );
  })();
  if (result instanceof Error) return { ok: false, message: `Invalid arguments for ${call.name}: ${result.message}.` };
  return { ok: true, call: result };
}
