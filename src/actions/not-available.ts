import type { CommonConfig } from '../core/config.js';
import { ConfigurationError } from '../core/errors.js';
import { ensureLabels } from '../core/labels.js';
import type { ActionOutcome } from '../core/outcome.js';
import type { AgentName } from './entry.js';
import { prepare } from './prepare.js';

/**
 * Entry for an action whose behaviour has not shipped in this version: it still validates its settings and
 * prepares the repository's labels, then says plainly that it did nothing.
 */
export async function notAvailable(agent: AgentName, config: CommonConfig): Promise<ActionOutcome> {
  const { gh, context, labels } = await prepare(config);
  await ensureLabels(gh, context.repo, Object.values(labels));
  throw new ConfigurationError(`the ${agent} action is not available yet in this version of agentic-workflow`);
}
