import type { AnalystContext } from './analyst-context.js';
import type { AnalystName, AnalystReport } from './candidate.js';
import { runCoverageAnalyst } from './coverage/index.js';
import { runDependencyWatchdog } from './dependencies/index.js';
import { runDocsDrift } from './docs-drift/index.js';
import { runLogMiner } from './log-miner/index.js';

export type Analyst = (context: AnalystContext) => Promise<AnalystReport>;

/** Every analyst by name. None of them calls a model: each reads facts and decides with plain code. */
export const ANALYST_RUNNERS: Readonly<Record<AnalystName, Analyst>> = {
  'log-miner': runLogMiner,
  coverage: runCoverageAnalyst,
  dependencies: runDependencyWatchdog,
  docs: runDocsDrift,
};
