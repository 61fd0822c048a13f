import { input } from '../../core/inputs.js';

/** The triage-report inputs (names as in action.yml). Kept free of heavy imports so a bad value fails at once. */
export const TRIAGE_INPUT_SPEC = {
  'stale-after-days': input.integer(14, 1, 3650),
  'max-operations': input.integer(50, 0, 10_000),
};

export interface TriageInputs {
  'stale-after-days': number;
  'max-operations': number;
}
