/**
 * Every change a triage run makes, as data: decisions and the report are planned as lists of these, counted
 * against the write budget, and only then sent (or, in a dry run, listed).
 */
export type Write =
  | { op: 'create-label'; name: string }
  | { op: 'add-labels'; issue: number; labels: string[] }
  | { op: 'remove-label'; issue: number; label: string }
  | { op: 'comment'; issue: number; body: string }
  /** Close as not planned, with the label set it should keep. */
  | { op: 'close'; issue: number; labels: string[] }
  | { op: 'create-report'; title: string; body: string; label: string }
  | { op: 'update-body'; issue: number; body: string }
  /** Close an earlier week's report as completed. */
  | { op: 'close-report'; issue: number };

/** One line per write, for the job summary (and the whole plan in a dry run). */
export function describeWrite(write: Write): string {
  switch (write.op) {
    case 'create-label':
      return `create label \`${write.name}\``;
    case 'add-labels':
      return `#${write.issue}: add ${write.labels.map((label) => `\`${label}\``).join(', ')}`;
    case 'remove-label':
      return `#${write.issue}: remove \`${write.label}\``;
    case 'comment':
      return `#${write.issue}: comment`;
    case 'close':
      return `#${write.issue}: close as not planned`;
    case 'create-report':
      return `create the report issue "${write.title}"`;
    case 'update-body':
      return `#${write.issue}: update the report`;
    case 'close-report':
      return `#${write.issue}: close last period's report`;
  }
}
