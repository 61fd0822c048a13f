import { debugEnabled, describeFailure, secretsIn } from '../core/failure.js';
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

export const AGENTS = ['implement', 'cto-review', 'ciso-review', 'triage-report', 'auto-merge', 'discover', 'janitor'] as const;
export type AgentName = (typeof AGENTS)[number];

/** The run's log, written to the runner: plain lines and warning annotations. */
export const runnerLogger: Logger = { info: (message) => runner.info(message), warning: (message) => runner.warning(message) };

/** Waits between retries and re-reads; the one timer every action is given. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The only place that talks to the runner: step outputs, the job summary and the step result. Every failure
 * becomes one line saying what failed and what to do (src/core/failure.ts), its category heads the job
 * summary, and a stack trace is printed only with debug logging, as a debug message.
 */
export async function runEntry(agent: AgentName, body: () => Promise<ActionOutcome>, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  guardWrites(env);
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
    const report = describeFailure(error, secretsIn(env));
    runner.appendSummary(
      `## agentic-workflow ${agent}: ${report.category} error\n\n${report.message}\n\nCategory \`${report.category}\`: docs/troubleshooting.md of agentic-workflow explains it and its fix.\n`,
    );
    if (debugEnabled(env)) runner.debug(report.trace);
    runner.setFailed(report.message);
  }
}
