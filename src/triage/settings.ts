/**
 * The settings of a triage run. Inputs are run parameters (how long before a suggestion is flagged, how many
 * writes one run may make); the `triage:` section of the policy file holds what belongs to the repository.
 * Who may decide is not a setting: write, maintain or admin, always.
 */
import { z } from 'zod';
import { DEFAULT_STALE_CLAIM_HOURS } from '../core/claims.js';
import { DEFAULT_BOT_LOGIN } from '../core/identity.js';
import { policySection, type Policy } from '../core/policy.js';

export const triagePolicySchema = z
  .object({
    /** Age after which an in-progress issue with no activity is shown as a stale claim (implement reclaims those). */
    'stale-claim-hours': z.number().int().min(1).optional(),
    /** Post the nightly report as a discussion in this category (its name or slug) instead of an issue; the weekly report links those. */
    'nightly-discussion-category': z.string().trim().min(1).optional(),
  })
  .strict();

/** The run parameters the workflow sets (the action's inputs, parsed). */
export interface TriageInputs {
  'stale-after-days': number;
  'max-operations': number;
  dashboard: boolean;
  'dashboard-dir': string | undefined;
  /** Where readers find the dashboard (a Pages URL); empty means the run's artifacts. */
  'dashboard-url': string | undefined;
  /** `weekly`: decisions and the week's triage report; `nightly`: the report of the last 24 hours. */
  report: 'weekly' | 'nightly';
  /** The nightly report's daily spend budget in US dollars; 0 means none. */
  'daily-budget-usd': number;
  /** The Discussion category of the nightly report; empty means the policy file's, else an issue. */
  'nightly-discussion-category': string | undefined;
}

export interface TriageSettings {
  staleAfterDays: number;
  maxOperations: number;
  staleClaimHours: number;
  botLogin: string;
  /** The nightly report is a discussion in this category (absent: an issue). */
  nightlyDiscussionCategory?: string;
}

export function triageSettingsFrom(policy: Policy, inputs: TriageInputs, configPath: string): TriageSettings {
  const section = policySection(policy, 'triage', triagePolicySchema, configPath);
  const settings: TriageSettings = {
    staleAfterDays: inputs['stale-after-days'],
    maxOperations: inputs['max-operations'],
    staleClaimHours: section['stale-claim-hours'] ?? DEFAULT_STALE_CLAIM_HOURS,
    botLogin: policy.bot?.login ?? DEFAULT_BOT_LOGIN,
  };
  // The input wins over the policy file, as everywhere.
  const category = inputs['nightly-discussion-category'] ?? section['nightly-discussion-category'];
  return category ? { ...settings, nightlyDiscussionCategory: category } : settings;
}
