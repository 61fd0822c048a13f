import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigurationError } from '../core/errors.js';
import { parseRepository, type RepoRef } from '../core/repo.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `--pr -1` would otherwise read as a flag named `-1` ("argument is ambiguous"): a value that looks like a
 * negative number is joined to its flag, so the flag's own check can say what it expects.
 */
function joinNegativeValues(argv: string[], options: Options): string[] {
  const result: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    const next = argv[i + 1];
    const name = token.startsWith('--') ? token.slice(2) : undefined;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d|^-\.\d/.test(next)) {
      result.push(`${token}=${next}`);
      i++;
    } else result.push(token);
  }
  return result;
}

/** Parses one subcommand's flags; unknown flags and missing values are reported as usage errors. */
export function parseFlags<T extends Options>(argv: string[], options: T) {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as T & { help: { type: 'boolean'; short: 'h' } };
  return parseArgs({ args: joinNegativeValues(argv, all), options: all, allowPositionals: true, strict: true });
}

/** A flag that takes a whole number of at least 1 (an issue or PR number, a budget). */
export function positiveInteger(flag: string, value: string | undefined, what = 'a positive whole number'): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--${flag} is "${value}"; expected ${what}`);
  }
  return Number(value);
}

/** No stray words after a command's flags. */
export function noPositionals(positionals: string[], command: string): void {
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' for agentic ${command}`);
}

/** `--repo owner/name`; a malformed one is a usage error. */
export function repositoryFlag(value: string): RepoRef {
  try {
    return parseRepository(value, '--repo');
  } catch (error) {
    if (error instanceof ConfigurationError) throw new UsageError(error.message);
    throw error;
  }
}
