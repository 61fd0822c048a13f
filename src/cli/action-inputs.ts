/** The inputs each action accepts, for checking `agentic run --input name=value` before anything runs. */
import type { AgentName } from '../actions/entry.js';
import { AUTO_MERGE_INPUT_SPEC } from '../actions/auto-merge/inputs.js';
import { CISO_INPUT_SPEC } from '../actions/ciso-review/inputs.js';
import { CTO_REVIEW_INPUT_SPEC } from '../actions/cto-review/inputs.js';
import { DISCOVER_INPUT_SPEC } from '../actions/discover/inputs.js';
import { IMPLEMENT_INPUT_SPEC } from '../actions/implement/inputs.js';
import { JANITOR_INPUT_SPEC } from '../actions/janitor/inputs.js';
import { TRIAGE_INPUT_SPEC } from '../actions/triage-report/inputs.js';
import { commonInputSpec } from '../core/config.js';

const OWN: Record<AgentName, Record<string, unknown>> = {
  implement: IMPLEMENT_INPUT_SPEC,
  'cto-review': CTO_REVIEW_INPUT_SPEC,
  'ciso-review': CISO_INPUT_SPEC,
  'triage-report': TRIAGE_INPUT_SPEC,
  'auto-merge': AUTO_MERGE_INPUT_SPEC,
  discover: DISCOVER_INPUT_SPEC,
  janitor: JANITOR_INPUT_SPEC,
};

export function inputNames(agent: AgentName): string[] {
  return [...new Set([...Object.keys(commonInputSpec), ...Object.keys(OWN[agent])])].sort();
}

/** Actions that cannot run without a model key (ciso-review runs its deterministic pass without one). */
export const NEEDS_MODEL: readonly AgentName[] = ['implement', 'cto-review'];
