import type { z } from 'zod';
import { ConfigurationError, describeValue } from './errors.js';

/** Validates a zod schema and turns its first issue into a ConfigurationError naming `<prefix>.<path>`. */
export function parseWithSchema<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new ConfigurationError(`${where} is invalid`);
  const key = [where, ...issue.path.map(String)].filter(Boolean).join('.');
  const actual = issue.path.reduce<unknown>(
    (node, part) => (node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[part as PropertyKey] : undefined),
    value,
  );
  throw new ConfigurationError(`${key} is ${describeValue(actual)}; expected ${expectedFromIssue(issue)}`);
}

function expectedFromIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'array' ? 'a list' : `a ${issue.expected}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `a value of at least ${String(issue.minimum)}`;
    case 'too_big':
      return `a value of at most ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return `no unknown keys (found ${issue.keys.join(', ')})`;
    default:
      return issue.message;
  }
}
