import { z } from 'zod';
import { ConfigurationError, describeValue } from '../core/errors.js';
import { policySection, type Policy } from '../core/policy.js';
import type { AnalystSettings } from './analyst-context.js';
import { ANALYSTS, type AnalystName } from './candidate.js';
import type { SentrySettings } from './log-miner/sentry-source.js';

export interface DiscoverSettings extends AnalystSettings {
  analysts: AnalystName[];
  maxNewIssues: number;
  dryRun: boolean;
  botLogin?: string;
}

/** Analysts that run the repository's code (in the sandbox): they belong where the token cannot write. */
export const REPOSITORY_CODE_ANALYSTS: readonly AnalystName[] = ['coverage', 'docs'];

/**
 * The `discover:` section of the policy file: how this repository measures its coverage, a fact of the
 * repository rather than of one workflow. An action input of the same name wins over the file.
 */
export const discoverPolicySchema = z
  .object({
    /** Command that writes a coverage report, run in the sandbox from the repository root. */
    'coverage-command': z.string().trim().min(1).optional(),
    /** Where the coverage command writes its report, relative to the repository root. */
    'coverage-report': z.string().trim().min(1).optional(),
  })
  .strict();

export interface CoverageSettings {
  coverageCommand?: string;
  coverageReport?: string;
}

/** The coverage command and report: the action's input when given, else the policy file's `discover:` key, else detection. */
export function coverageSettingsFrom(
  policy: Policy,
  inputs: { 'coverage-command': string | undefined; 'coverage-report': string | undefined },
  configPath: string,
): CoverageSettings {
  const section = policySection(policy, 'discover', discoverPolicySchema, configPath);
  const command = inputs['coverage-command'] ?? section['coverage-command'];
  const report = inputs['coverage-report'] ?? section['coverage-report'];
  return { ...(command ? { coverageCommand: command } : {}), ...(report ? { coverageReport: report } : {}) };
}

/**
 * The analysts of a filing step: it holds a token that can write issues and runs no repository code, so
 * coverage and docs are refused there (they run in phase analyse, in the read-only job).
 */
export function refuseRepositoryCodeWhenFiling(analysts: readonly AnalystName[], phase: 'all' | 'analyse' | 'file'): void {
  if (phase !== 'file') return;
  const code = analysts.filter((name) => REPOSITORY_CODE_ANALYSTS.includes(name));
  if (code.length === 0) return;
  throw new ConfigurationError(
    `input 'analysts' names ${code.join(', ')} with phase file, which runs no repository code; run ${code.join(' and ')} in phase analyse (the read-only job) and name only log-miner or dependencies here`,
  );
}

/** The analysts to run, in the order given; an unknown name is a configuration error that names the known ones. */
export function parseAnalysts(names: readonly string[]): AnalystName[] {
  const chosen: AnalystName[] = [];
  for (const name of names) {
    const known = (ANALYSTS as readonly string[]).includes(name);
    if (!known) throw new ConfigurationError(`input 'analysts' names ${describeValue(name)}; expected some of ${ANALYSTS.join(', ')}`);
    if (!chosen.includes(name as AnalystName)) chosen.push(name as AnalystName);
  }
  if (chosen.length === 0) throw new ConfigurationError(`input 'analysts' is empty; expected some of ${ANALYSTS.join(', ')}`);
  return chosen;
}

export interface SentryInputs {
  url: string;
  org: string | undefined;
  project: string | undefined;
  token: string | undefined;
}

/**
 * Sentry as a log miner source: off unless `sentry-org` and `sentry-project` are set. A token without them is a
 * configuration error; the two without a token (a secret this run cannot see) leave the source to say so.
 */
export function parseSentry(inputs: SentryInputs): SentrySettings | undefined {
  const { org, project, token } = inputs;
  if (!org && !project) {
    if (token) throw new ConfigurationError("input 'sentry-token' is set but 'sentry-org' and 'sentry-project' are not; set both to read Sentry's issues");
    return undefined;
  }
  if (!org || !project)
    throw new ConfigurationError(`input '${org ? 'sentry-project' : 'sentry-org'}' is empty; Sentry needs both sentry-org and sentry-project`);
  for (const [name, value] of [
    ['sentry-org', org],
    ['sentry-project', project],
  ] as const)
    if (!/^[\w.-]{1,100}$/.test(value))
      throw new ConfigurationError(`input '${name}' is ${describeValue(value)}; expected a Sentry slug (letters, digits, -, _, .)`);
  let url: URL;
  try {
    url = new URL(inputs.url);
  } catch {
    throw new ConfigurationError(`input 'sentry-url' is ${describeValue(inputs.url)}; expected a URL such as https://sentry.io`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigurationError(`input 'sentry-url' is ${describeValue(inputs.url)}; expected an http(s) URL such as https://sentry.io`);
  return { url: url.toString().replace(/\/+$/, ''), org, project, token: token ?? '' };
}
