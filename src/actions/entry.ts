import { ConfigurationError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { ActionOutcome } from '../core/outcome.js';
import * as runner from '../core/runner-protocol.js';

export const AGENTS = ['implement', 'cto-review', 'ciso-review', 'triage-report', 'auto-merge'] as const;
export type AgentName = (typeof AGENTS)[number];

/** The run's log, written to the runner: plain lines and warning annotations. */
export const runnerLogger: Logger = { info: (message) => runner.info(message), warning: (message) => runner.warning(message) };

/** Waits between retries and re-reads; the one timer every action is given. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The only place that talks to the runner: step outputs, the job summary and the step result. A
 * ConfigurationError fails the step with its message alone; anything else is an internal error with its
 * stack, so a bug is never mistaken for a settings problem.
 */
export async function runEntry(agent: AgentName, body: () => Promise<ActionOutcome>): Promise<void> {
  try {
    const result = await body();
    for (const [name, value] of Object.entries(result.outputs)) {
      if (value !== undefined) runner.setOutput(name, String(value));
    }
    if (result.summary) runner.appendSummary(result.summary);
    if (result.conclusion === 'failure') runner.setFailed(result.message);
    else if (result.conclusion === 'neutral') runner.warning(result.message);
    else runner.info(result.message);
  } catch (error) {
    const configuration = error instanceof ConfigurationError;
    const message = configuration ? error.message : `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    const heading = configuration ? 'configuration error' : 'internal error';
    runner.appendSummary(`## agentic-workflow ${agent}: ${heading}\n\n${configuration ? message : message.split('\n')[0]}\n`);
    runner.setFailed(message);
  }
}
