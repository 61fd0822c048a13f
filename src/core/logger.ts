/**
 * Where a run's log lines go. The action entry builds one from the runner protocol and passes it down; code
 * below the entries writes through it and never to stdout itself, so a test or the CLI can catch the lines.
 */
export interface Logger {
  /** A plain line in the step log. */
  info(message: string): void;
  /** A warning annotation on the run. */
  warning(message: string): void;
}

/** Drops every line. */
export const silentLogger: Logger = { info: () => undefined, warning: () => undefined };
