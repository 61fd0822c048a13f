import { input } from '../../core/inputs.js';
import { JANITOR_PHASES } from '../../janitor/types.js';

/** The janitor inputs (names as in action.yml). Kept free of heavy imports so a bad value fails at once. */
export const JANITOR_INPUT_SPEC = {
  ecosystems: input.list(['npm', 'python', 'go']),
  'janitor-majors': input.boolean(false),
  'max-updates': input.integer(10, 1, 200),
  'time-budget-minutes': input.number(45, 1),
  'test-command': input.optional(),
  'install-command': input.optional(),
  'test-timeout-minutes': input.number(15, 0.1),
  'install-timeout-minutes': input.number(10, 0.1),
  'allow-unisolated-tests': input.boolean(false),
  'max-new-issues': input.integer(5, 0, 100),
  'changelog-summary': input.boolean(false),
  phase: input.oneOf(JANITOR_PHASES, 'all'),
  'bundle-path': input.optional(),
  'bundle-digest': input.optional(),
};
