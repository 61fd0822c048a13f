import { toGitHubTimestamp } from '../clock.js';
import type { z } from 'zod';
import { validationFailed, type ValidationErrorItem } from './api-error.js';

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = body;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Validates a request body; failures become GitHub's 422 "Validation Failed" with one error per
 * field (`missing_field` when absent, `invalid` otherwise).
 */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, resource: string): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const errors: ValidationErrorItem[] = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    const value = valueAt(body, issue.path);
    return value === undefined ? { resource, field, code: 'missing_field' } : { resource, field, code: 'invalid', value, message: `${field} ${issue.message}` };
  });
  throw validationFailed(errors);
}

/** Query values GitHub validates with 422 (enumerations such as state or sort). */
export function queryEnum<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[], fallback: T, resource = 'Issue'): T {
  const value = query.get(name);
  if (value === null || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw validationFailed([{ resource, field: name, code: 'invalid', value }]);
}

export function querySince(query: URLSearchParams): string | undefined {
  const since = query.get('since');
  if (!since) return undefined;
  const date = new Date(since);
  if (Number.isNaN(date.getTime())) throw validationFailed([{ resource: 'Issue', field: 'since', code: 'invalid', value: since }]);
  return toGitHubTimestamp(date);
}
