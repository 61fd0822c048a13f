/**
 * What an action reports when it ends. Domain code returns this; only the entry turns it into step
 * outputs, a job summary and the step's result, so domain code never touches the runner.
 *
 * `neutral` is for runs that did not do their work for a reason that is not an error (skipped, nothing to
 * do, rate-limited, truncated): the step passes with a warning that says why, so it is never a silent green.
 */
export type Conclusion = 'success' | 'neutral' | 'failure';

export type OutputValue = string | number | boolean | undefined;

export interface ActionOutcome {
  conclusion: Conclusion;
  /** One line: what happened, or why not. */
  message: string;
  outputs: Record<string, OutputValue>;
  /** Markdown for the job summary. */
  summary: string;
}

export function outcome(conclusion: Conclusion, message: string, outputs: Record<string, OutputValue>, summary: string): ActionOutcome {
  return { conclusion, message, outputs, summary };
}
