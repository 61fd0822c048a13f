import { ConfigurationError, describeValue } from './errors.js';

/**
 * Action inputs arrive as strings (INPUT_<NAME> on a runner). Each setting is declared once as a parser
 * from that string to a typed value; `parseInputs` reads them all and names the input, the value and what
 * was expected when one is wrong.
 *
 * Kept free of heavy imports (no zod, no Octokit): a bad input must fail within moments of the step starting.
 */
export interface InputParser<T> {
  parse(raw: string): T;
  /** What a valid value looks like, for error messages. */
  expected: string;
}

export type InputReader = (name: string) => string;

function parser<T>(expected: string, parse: (raw: string) => T): InputParser<T> {
  return { expected, parse };
}

function fail(expected: string): never {
  throw new InputValueError(expected);
}

class InputValueError extends Error {}

export const input = {
  /** A required string: an empty value is "missing". */
  required: (): InputParser<string> => parser('a non-empty value', (raw) => (raw === '' ? fail('a non-empty value') : raw)),
  optional: (): InputParser<string | undefined> => parser('a string', (raw) => (raw === '' ? undefined : raw)),
  string: (fallback: string): InputParser<string> => parser('a string', (raw) => (raw === '' ? fallback : raw)),
  boolean: (fallback: boolean): InputParser<boolean> =>
    parser('true or false', (raw) => {
      if (raw === '') return fallback;
      const lower = raw.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      return fail('true or false');
    }),
  integer: (fallback: number | undefined, min = 0, max = Number.MAX_SAFE_INTEGER): InputParser<number> => {
    const expected = `an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}`;
    return parser(expected, (raw) => {
      if (raw === '') return fallback ?? fail(expected);
      const value = Number(raw);
      return Number.isInteger(value) && value >= min && value <= max ? value : fail(expected);
    });
  },
  number: (fallback: number | undefined, min = 0): InputParser<number> => {
    const expected = `a number of at least ${min}`;
    return parser(expected, (raw) => {
      if (raw === '') return fallback ?? fail(expected);
      const value = Number(raw);
      return Number.isFinite(value) && value >= min ? value : fail(expected);
    });
  },
  oneOf: <const T extends string>(values: readonly T[], fallback?: T): InputParser<T> => {
    const expected = `one of ${values.join(', ')}`;
    return parser(expected, (raw) => {
      if (raw === '' && fallback !== undefined) return fallback;
      return (values as readonly string[]).includes(raw) ? (raw as T) : fail(expected);
    });
  },
  optionalOneOf: <const T extends string>(values: readonly T[]): InputParser<T | undefined> => {
    const expected = `one of ${values.join(', ')} (or empty)`;
    return parser(expected, (raw) => {
      if (raw === '') return undefined;
      return (values as readonly string[]).includes(raw) ? (raw as T) : fail(expected);
    });
  },
  /** A list separated by commas or newlines; blanks dropped. */
  list: (fallback: string[] = []): InputParser<string[]> =>
    parser('a comma- or newline-separated list', (raw) => {
      const items = raw
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter(Boolean);
      return items.length === 0 ? fallback : items;
    }),
  /** An optional number within [min, max], such as a confidence threshold; empty is undefined. */
  optionalNumber: (min: number, max: number): InputParser<number | undefined> => {
    const expected = `a number from ${min} to ${max} (or empty)`;
    return parser(expected, (raw) => {
      if (raw === '') return undefined;
      const value = Number(raw);
      return Number.isFinite(value) && value >= min && value <= max ? value : fail(expected);
    });
  },
  /** An optional positive integer such as an issue or PR number. */
  optionalInteger: (min = 1): InputParser<number | undefined> => {
    const expected = `an integer of at least ${min} (or empty)`;
    return parser(expected, (raw) => {
      if (raw === '') return undefined;
      const value = Number(raw);
      return Number.isInteger(value) && value >= min ? value : fail(expected);
    });
  },
};

type Parsed<S> = { [K in keyof S]: S[K] extends InputParser<infer T> ? T : never };

/** Reads every declared input; the first bad one fails with `input '<name>' is <value>; expected <what>`. */
export function parseInputs<S extends Record<string, InputParser<unknown>>>(spec: S, read: InputReader): Parsed<S> {
  const result: Record<string, unknown> = {};
  for (const [name, inputParser] of Object.entries(spec)) {
    const raw = read(name).trim();
    try {
      result[name] = inputParser.parse(raw);
    } catch (error) {
      if (!(error instanceof InputValueError)) throw error;
      if (raw === '') throw new ConfigurationError(`Input required and not supplied: ${name}`);
      throw new ConfigurationError(`input '${name}' is ${describeValue(raw)}; expected ${error.message}`);
    }
  }
  return result as Parsed<S>;
}

/** Reads INPUT_<NAME> the way @actions/core does, without loading it (keeps cold start small). */
export function envInputReader(env: NodeJS.ProcessEnv = process.env): InputReader {
  return (name) => env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
}
