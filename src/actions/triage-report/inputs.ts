import { input, parseInputs, type InputReader } from '../../core/inputs.js';
import type { TriageInputs } from '../../triage/settings.js';

/** The triage-report inputs (names as in action.yml). Kept free of heavy imports so a bad value fails at once. */
export const TRIAGE_INPUT_SPEC = {
  'stale-after-days': input.integer(14, 1, 3650),
  'max-operations': input.integer(50, 0, 10_000),
  dashboard: input.boolean(true),
  'dashboard-dir': input.optional(),
  'dashboard-url': input.optional(),
  report: input.oneOf(['weekly', 'nightly'] as const, 'weekly'),
  'daily-budget-usd': input.number(0, 0),
  'nightly-discussion-category': input.optional(),
};

export function readTriageInputs(read: InputReader): TriageInputs {
  return parseInputs(TRIAGE_INPUT_SPEC, read);
}
