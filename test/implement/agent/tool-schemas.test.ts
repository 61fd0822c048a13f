import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parseToolCall, TOOL_SPECS } from '../../../src/implement/agent/index.js';

const spec = (name: string) => TOOL_SPECS.find((tool) => tool.name === name)?.parameters;
const call = (name: string, args: Record<string, unknown>) => parseToolCall({ id: '1', name, arguments: args });

describe('agent tool schemas, generated from the zod schemas that check the arguments', () => {
  it('offers every tool with an object schema: its arguments, their types and descriptions, which are required, nothing else', () => {
    const shape = Object.fromEntries(
      TOOL_SPECS.map(({ name, parameters }) => {
        const properties = parameters.properties as Record<string, { type?: string }>;
        return [
          name,
          {
            type: parameters.type,
            extra: parameters.additionalProperties,
            required: parameters.required ?? [],
            args: Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, value.type])),
          },
        ];
      }),
    );
    expect(shape).toEqual({
      read_file: { type: 'object', extra: false, required: ['path'], args: { path: 'string', line_start: 'integer', line_end: 'integer' } },
      list_directory: { type: 'object', extra: false, required: [], args: { path: 'string', recursive: 'boolean' } },
      search_files: { type: 'object', extra: false, required: ['pattern'], args: { pattern: 'string', glob: 'string' } },
      edit_file: {
        type: 'object',
        extra: false,
        required: ['path', 'old_string', 'new_string'],
        args: { path: 'string', old_string: 'string', new_string: 'string' },
      },
      create_file: { type: 'object', extra: false, required: ['path', 'content'], args: { path: 'string', content: 'string' } },
      delete_file: { type: 'object', extra: false, required: ['path'], args: { path: 'string' } },
      run_tests: { type: 'object', extra: false, required: [], args: {} },
      finish: { type: 'object', extra: false, required: ['summary'], args: { summary: 'string', root_cause: 'string' } },
    });
    expect(spec('read_file')?.properties).toMatchObject({
      path: { description: 'Path relative to the repository root' },
      line_start: { minimum: 1, description: 'First line to read (1-based)' },
    });
    expect(JSON.stringify(TOOL_SPECS)).not.toContain('$schema');
  });

  it('accepts exactly what the offered JSON Schema accepts (checked with a JSON Schema validator)', () => {
    const ajv = new Ajv2020({ strict: false });
    const samples: Array<[string, Record<string, unknown>]> = [
      ['read_file', { path: 'a.ts' }],
      ['read_file', { path: 'a.ts', line_start: 3, line_end: 9 }],
      ['read_file', { path: 'a.ts', line_start: 0 }],
      ['read_file', { path: 'a.ts', line_start: 2.5 }],
      ['read_file', { line_start: 1 }],
      ['read_file', { path: 'a.ts', lines: 3 }],
      ['list_directory', {}],
      ['list_directory', { path: 'src', recursive: true }],
      ['list_directory', { recursive: 'yes' }],
      ['search_files', { pattern: 'x', glob: '*.ts' }],
      ['search_files', { glob: '*.ts' }],
      ['edit_file', { path: 'a', old_string: 'x', new_string: 'y' }],
      ['edit_file', { path: 'a', old_string: 'x' }],
      ['edit_file', { path: 'a', old_string: 'x', new_string: 5 }],
      ['create_file', { path: 'a', content: '' }],
      ['create_file', { path: 'a', content: 3 }],
      ['delete_file', { path: 'a' }],
      ['delete_file', { path: ['a'] }],
      ['run_tests', {}],
      ['run_tests', { all: true }],
      ['finish', { summary: 'done', root_cause: 'x' }],
      ['finish', { root_cause: 'x' }],
    ];
    const verdicts = samples.map(([name, args]) => {
      const validate = ajv.compile(spec(name) ?? {});
      return [name, args, validate(args), call(name, args).ok];
    });
    expect(verdicts.filter(([, , jsonSchema, zod]) => jsonSchema !== zod)).toEqual([]);
    // The samples hold both verdicts, so agreement is not agreement on everything passing.
    expect(new Set(verdicts.map(([, , jsonSchema]) => jsonSchema))).toEqual(new Set([true, false]));
  });

  it('forgives two slips the schema does not invite: a line number as a numeric string, null for an optional argument', () => {
    expect(call('read_file', { path: 'a', line_start: '3', line_end: null })).toEqual({ ok: true, call: { tool: 'read_file', path: 'a', lineStart: 3 } });
    expect(call('finish', { summary: 'done', root_cause: null })).toEqual({ ok: true, call: { tool: 'finish', summary: 'done' } });
  });

  it('refuses a call that fails the schema with a tool error naming each bad argument', () => {
    expect(call('edit_file', { path: 'a', old_string: 1 })).toEqual({
      ok: false,
      message: "Invalid arguments for edit_file: 'old_string' must be a string; 'new_string' is required.",
    });
    expect(call('read_file', { path: 'a', line_start: 'first' })).toEqual({
      ok: false,
      message: "Invalid arguments for read_file: 'line_start' must be a positive integer.",
    });
    expect(call('run_tests', { all: true, fast: 1 })).toEqual({ ok: false, message: "Invalid arguments for run_tests: unknown argument 'all', 'fast'." });
    expect(call('list_directory', { recursive: 'yes' })).toEqual({
      ok: false,
      message: "Invalid arguments for list_directory: 'recursive' must be a boolean.",
    });
    // Control: the same tools with good arguments.
    expect(call('edit_file', { path: 'a', old_string: 'x', new_string: 'y' })).toEqual({
      ok: true,
      call: { tool: 'edit_file', path: 'a', oldString: 'x', newString: 'y' },
    });
    expect(call('run_tests', {})).toEqual({ ok: true, call: { tool: 'run_tests' } });
  });

  it('an unknown tool is refused with the list of tools', () => {
    expect(call('rm_rf', {})).toEqual({
      ok: false,
      message: "There is no tool named 'rm_rf'. Available: read_file, list_directory, search_files, edit_file, create_file, delete_file, run_tests, finish.",
    });
  });
});
