/**
 * The janitor's settings: its inputs, and the repository's test and install commands from the implement section
 * of `.github/agentic.yml` when the inputs leave them out (the same tests judge the agent's changes and the
 * janitor's updates).
 */
import type { CommonConfig } from '../core/config.js';
import { ConfigurationError } from '../core/errors.js';
import type { Policy } from '../core/policy.js';
import { policySection } from '../core/policy.js';
import { DEFAULT_BOT_LOGIN } from '../core/identity.js';
import { implementPolicySchema } from '../implement/settings.js';
import { ECOSYSTEMS, type JanitorEcosystem, type JanitorPhase } from './types.js';

/** The janitor inputs as parsed (names as in action.yml). */
export interface JanitorInputs {
  ecosystems: string[];
  'janitor-majors': boolean;
  'max-updates': number;
  'time-budget-minutes': number;
  'test-command': string | undefined;
  'install-command': string | undefined;
  'test-timeout-minutes': number;
  'install-timeout-minutes': number;
  'allow-unisolated-tests': boolean;
  'max-new-issues': number;
  'changelog-summary': boolean;
  phase: JanitorPhase;
  'bundle-path': string | undefined;
  'bundle-digest': string | undefined;
}

export interface JanitorSettings {
  ecosystems: JanitorEcosystem[];
  majors: boolean;
  maxUpdates: number;
  timeBudgetMs: number;
  testCommand: string | undefined;
  installCommand: string | undefined;
  testTimeoutMs: number;
  installTimeoutMs: number;
  /** Run repository code as the action's own user when no sandbox can be made (the job holds the write token). */
  allowUnisolated: boolean;
  /** Most [Dependency] suggestions filed in one run. */
  maxNewIssues: number;
  /** Ask the model for a short summary of each kept update's changelog (off: no model call at all). */
  changelogSummary: boolean;
  dryRun: boolean;
  botLogin: string;
  phase: JanitorPhase;
  /** Where propose writes the bundle and publish reads it. */
  bundlePath: string | undefined;
  /** The propose step's bundle-digest output (publish). */
  bundleDigest: string | undefined;
}

export function parseEcosystems(values: readonly string[]): JanitorEcosystem[] {
  const chosen: JanitorEcosystem[] = [];
  for (const value of values) {
    const name = value.trim().toLowerCase();
    if (!(ECOSYSTEMS as readonly string[]).includes(name))
      throw new ConfigurationError(`input 'ecosystems' has "${value}"; expected any of ${ECOSYSTEMS.join(', ')}`);
    if (!chosen.includes(name as JanitorEcosystem)) chosen.push(name as JanitorEcosystem);
  }
  if (chosen.length === 0) throw new ConfigurationError(`input 'ecosystems' is empty; expected any of ${ECOSYSTEMS.join(', ')}`);
  return chosen;
}

export function resolveJanitorSettings(config: Pick<CommonConfig, 'dryRun' | 'configPath'>, inputs: JanitorInputs, policy: Policy): JanitorSettings {
  const implement = policySection(policy, 'implement', implementPolicySchema, config.configPath);
  const minutes = (value: number) => Math.round(value * 60_000);
  return {
    ecosystems: parseEcosystems(inputs.ecosystems),
    majors: inputs['janitor-majors'],
    maxUpdates: inputs['max-updates'],
    timeBudgetMs: minutes(inputs['time-budget-minutes']),
    testCommand: inputs['test-command'] ?? implement['test-command'],
    installCommand: inputs['install-command'] ?? implement['install-command'],
    testTimeoutMs: minutes(inputs['test-timeout-minutes']),
    installTimeoutMs: minutes(inputs['install-timeout-minutes']),
    allowUnisolated: inputs['allow-unisolated-tests'],
    maxNewIssues: inputs['max-new-issues'],
    changelogSummary: inputs['changelog-summary'],
    dryRun: config.dryRun,
    botLogin: policy.bot?.login ?? DEFAULT_BOT_LOGIN,
    phase: inputs.phase,
    bundlePath: inputs['bundle-path'],
    bundleDigest: inputs['bundle-digest'],
  };
}
