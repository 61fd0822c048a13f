import { input, parseInputs, type InputReader } from '../../core/inputs.js';
import { PHASES, SCOPE_MODES, TEST_NETWORKS } from '../../implement/run-modes.js';
import type { ImplementInputs } from '../../implement/settings.js';

/**
 * The implement action's own inputs (the common ones are in src/core/config.ts). Kept free of heavy imports:
 * a bad value must fail before the rest of the action loads. Run parameters only: anything that loosens a
 * security rule comes from .github/agentic.yml, and these can only tighten it (src/implement/settings.ts).
 */
export const IMPLEMENT_INPUT_SPEC = {
  'issue-number': input.optionalInteger(1),
  phase: input.oneOf(PHASES, 'all'),
  'max-parallel': input.integer(1, 1, 20),
  'bundle-path': input.optional(),
  'bundle-digest': input.optional(),
  'test-command': input.optional(),
  'test-network': input.oneOf(TEST_NETWORKS, 'allow'),
  'allow-unisolated-tests': input.boolean(false),
  'install-command': input.optional(),
  'install-timeout-minutes': input.number(10, 0.1),
  'scope-mode': input.optionalOneOf(SCOPE_MODES),
  'require-spec-approval': input.boolean(false),
  'protected-paths': input.list([]),
  'max-turns': input.integer(40, 1, 500),
  'max-iterations': input.integer(5, 1, 50),
  'max-cost-usd-per-issue': input.number(10, 0),
  'max-prs-per-day': input.integer(10, 0, 1000),
  'timeout-minutes': input.number(30, 0.1),
  'stale-claim-hours': input.number(6, 0),
  'context-tokens': input.integer(13_000, 500, 200_000),
  'claim-settle-ms': input.integer(2000, 0, 60_000),
};

export function readImplementInputs(read: InputReader): ImplementInputs {
  return parseInputs(IMPLEMENT_INPUT_SPEC, read);
}
