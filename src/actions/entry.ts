import { ConfigurationError } from '../core/errors.js';
import type { ActionOutcome } from '../core/outcome.js';

export const AGENTS = ['implement', 'cto-review', 'ciso-review', 'triage-report', 'auto-merge'] as const;
export type AgentName = (typeof AGENTS)[number];

/**
 * The only place that talks to the runner: step outputs, the job summary and the step result. A
 * ConfigurationError fails the step with its message alone; anything else is an internal error with its
 * stack, so a bug is never mistaken for a settings problem.
 */
export async function runEntry(agent: AgentName, body: () => Promise<ActionOutcome>): Promise<void> {
  const core = await import('@actions/core');
  const canWriteSummary = Boolean(process.env.GITHUB_STEP_SUMMARY);
  try {
    const result = await body();
    for (const [name, value] of Object.entries(result.outputs)) {
      if (value !== undefined) core.setOutput(name, String(value));
    }
    if (canWriteSummary && result.summary) await core.summary.addRaw(result.summary, true).write();
    if (result.conclusion === 'failure') core.setFailed(result.message);
    else if (result.conclusion === 'neutral') core.warning(result.message);
    else core.info(result.message);
  } catch (error) {
    const configuration = error instanceof ConfigurationError;
    const message = configuration ? error.message : `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    if (canWriteSummary) {
      const heading = configuration ? 'configuration error' : 'internal error';
      const firstLine = configuration ? message : message.split('\n')[0];
      await core.summary.addRaw(`## agentic-workflow ${agent}: ${heading}\n\n${firstLine}\n`, true).write();
    }
    core.setFailed(message);
  }
}
