import { ConfigurationError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { ActionOutcome } from '../core/outcome.js';
import { outbound } from '../core/outbound-gate.js';
import * as runner from '../core/runner-protocol.js';
import { fileFromContent } from '../scan/diff.js';
import { scanSecrets } from '../scan/secrets/scan-secrets.js';

/** Tokens the runner gives every step: a step that leaks them can upload artifacts or mint OIDC tokens under the run. */
const RUNNER_TOKENS = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'GITHUB_TOKEN'];

/** The outbound gate for this run: the runner's tokens held, and the secret scanner reading every outgoing text. */
function guardWrites(env: NodeJS.ProcessEnv): void {
  for (const name of RUNNER_TOKENS) outbound.hold(env[name]);
  outbound.detectWith((text) => scanSecrets([fileFromContent('outbound', text)]).secrets);
}

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
  guardWrites(process.env);
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
