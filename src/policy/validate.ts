/**
 * Checks a whole policy file and reports every problem in it at once: the YAML errors with their line and a
 * caret, or else each value that does not fit, with its path, its line, what was expected, and a "did you
 * mean" for a mistyped key.
 */
import { closest, distance } from 'fastest-levenshtein';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigurationError, describeValue } from '../core/errors.js';
import type { Policy } from '../core/policy.js';
import { policyJsonSchema } from './json-schema.js';
import { wholePolicySchema } from './schema.js';

export interface PolicyProblem {
  /** Dotted key path (`implement.max-turns`); '' for the file itself. */
  path: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** The whole problem, path included, in one line (a YAML error adds its source line and a caret). */
  message: string;
}

export interface PolicyCheck {
  policy: Policy;
  problems: PolicyProblem[];
}

type JsonSchema = { properties?: Record<string, JsonSchema>; additionalProperties?: JsonSchema | boolean; items?: JsonSchema; anyOf?: JsonSchema[] };

let jsonSchema: JsonSchema | undefined;

/** The keys the schema knows at a path, for suggestions. */
function keysAt(path: readonly PropertyKey[]): string[] {
  let node: JsonSchema | undefined = (jsonSchema ??= policyJsonSchema() as JsonSchema);
  for (const part of path) {
    node = node?.anyOf?.find((option) => option.properties) ?? node;
    if (typeof part === 'number') node = node?.items;
    else node = node?.properties?.[String(part)] ?? (typeof node?.additionalProperties === 'object' ? node.additionalProperties : undefined);
  }
  node = node?.anyOf?.find((option) => option.properties) ?? node;
  return Object.keys(node?.properties ?? {});
}

/** The closest known key, when it is close enough to be what was meant. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const best = closest(key.toLowerCase(), [...known]);
  return distance(key.toLowerCase(), best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function dotted(path: readonly PropertyKey[]): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : String(part)))
    .join('.')
    .replace(/\.\[/g, '[');
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'object') return 'a mapping';
  return describeValue(value);
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping (key: value lines)',
  array: 'a list ("- item" lines)',
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[part] : undefined), root);
}

function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_WORDS[issue.expected] ?? `a ${issue.expected}`;
    case 'invalid_value':
      return `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'array') return `at least ${minimum} item${minimum === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return minimum === 1 ? 'a non-empty string' : `at least ${minimum} characters`;
      return issue.inclusive === false ? `more than ${minimum}` : `at least ${minimum}`;
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'array') return `at most ${maximum} items`;
      if (issue.origin === 'string') return `at most ${maximum} characters`;
      return issue.inclusive === false ? `less than ${maximum}` : `at most ${maximum}`;
    }
    default:
      return issue.message.replace(/^expected /i, '');
  }
}

/** One problem per issue; an unknown-keys issue gives one per key, each with its suggestion. */
function problemsOf(issue: z.core.$ZodIssue, value: unknown, line: (path: readonly PropertyKey[]) => number | undefined): PolicyProblem[] {
  if (issue.code === 'unrecognized_keys') {
    const known = keysAt(issue.path);
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      const guess = suggestKey(key, known);
      const where = issue.path.length === 0 ? 'at the top level' : `in ${dotted(issue.path)}`;
      return {
        path: dotted(path),
        line: line(path),
        message: `${dotted(path)} is not a known key ${where}${guess ? ` (did you mean '${guess}'?)` : ''}; expected one of ${known.join(', ')}`,
      };
    });
  }
  const actual = valueAt(value, issue.path);
  if (issue.path.length === 0 && issue.code === 'invalid_type') {
    const kind = kindOf(actual);
    const hint = Array.isArray(actual) ? ' (remove the "- " in front of the top-level keys)' : '';
    return [{ path: '', line: 1, message: `the file is ${kind}; expected a mapping of sections such as implement:, review: and auto-merge:${hint}` }];
  }
  if (issue.code === 'custom' && /unknown label key/.test(issue.message)) {
    const key = String(issue.path[issue.path.length - 1]);
    const guess = suggestKey(key, keysAt(issue.path.slice(0, -1)));
    return [
      {
        path: dotted(issue.path),
        line: line(issue.path),
        message: `${dotted(issue.path)} is not a known label role${guess ? ` (did you mean '${guess}'?)` : ''}; ${issue.message.replace(/^unknown label key; /, '')}`,
      },
    ];
  }
  const shown = issue.code === 'invalid_type' ? kindOf(actual) : describeValue(actual);
  return [{ path: dotted(issue.path), line: line(issue.path), message: `${dotted(issue.path)} is ${shown}; expected ${expectation(issue)}` }];
}

/** The line of the key a path names, or of its nearest ancestor that exists. */
function lineFinder(document: Document, counter: LineCounter): (path: readonly PropertyKey[]) => number | undefined {
  return (path) => {
    let node: unknown = document.contents;
    let offset: number | undefined = document.contents?.range?.[0];
    for (const part of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
        if (!pair) break;
        offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
        node = pair.value;
      } else if (isSeq(node) && typeof part === 'number') {
        const item = node.items[part] as { range?: [number, number, number] } | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else break;
    }
    return offset === undefined ? undefined : counter.linePos(offset).line;
  };
}

/** Pure: every problem in the text of a policy file. An empty file is the all-defaults policy. */
export function checkPolicyText(text: string): PolicyCheck {
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => ({
      path: '',
      line: error.linePos?.[0].line,
      // yaml's message ends with the offending line and a caret under the column.
      message: `invalid YAML: ${error.message.trimEnd().replace(/\n\n/, '\n')}`,
    }));
    return { policy: {}, problems };
  }
  const value: unknown = document.toJS();
  if (value === null || value === undefined) return { policy: {}, problems: [] };
  const result = wholePolicySchema.safeParse(value);
  if (result.success) return { policy: value as Policy, problems: [] };
  const line = lineFinder(document, counter);
  const problems = result.error.issues.flatMap((issue) => problemsOf(issue, value, line));
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { policy: {}, problems };
}

/** `<file>:<line>: <problem>` lines, continuation lines (a YAML excerpt) indented under them. */
export function formatProblems(file: string, problems: readonly PolicyProblem[]): string {
  return problems
    .map((problem) => {
      const [first, ...rest] = problem.message.split('\n');
      const head = `${file}${problem.line ? `:${problem.line}` : ''}: ${first ?? ''}`;
      return [head, ...rest.map((text) => `    ${text}`)].join('\n');
    })
    .join('\n');
}

/** For the actions: the policy, or a ConfigurationError that lists every problem. `where` names the file, e.g. ".github/agentic.yml on main". */
export function parsePolicyText(text: string, configPath: string, where = configPath): Policy {
  const { policy, problems } = checkPolicyText(text);
  if (problems.length === 0) return policy;
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  throw new ConfigurationError(`${where} has ${count}:\n${formatProblems(configPath, problems)}`);
}
