import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Parses one subcommand's flags; unknown flags and missing values are reported as usage errors. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
