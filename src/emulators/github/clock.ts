/**
 * The emulator's notion of "now". Tests move it to age issues, comments and claims without
 * waiting; every timestamp the emulator writes comes from here.
 */
export class EmulatorClock {
  private current: number | undefined;

  now(): Date {
    return new Date(this.current ?? Date.now());
  }

  iso(): string {
    return toGitHubTimestamp(this.now());
  }

  /** Freeze time at `date`; later calls to `advance` move it forward from there. */
  set(date: Date | string): void {
    this.current = new Date(date).getTime();
  }

  advance(ms: number): void {
    this.current = (this.current ?? Date.now()) + ms;
  }

  /** Return to the wall clock. */
  reset(): void {
    this.current = undefined;
  }
}

/** GitHub writes timestamps without milliseconds: 2024-01-02T03:04:05Z. */
export function toGitHubTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
