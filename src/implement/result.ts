/** What one implement run reports per issue: the status output and the lines of the job summary. */
/** `interrupted`: GitHub failed while publishing; the issue stays claimable and the next run finishes it. */
export const STATUSES = ['opened', 'no-work', 'needs-clarification', 'awaiting-spec-approval', 'interrupted', 'failed'] as const;
export type ImplementStatus = (typeof STATUSES)[number];

export interface IssueResult {
  status: ImplementStatus;
  issueNumber?: number;
  prNumber?: number;
  prUrl?: string;
  branch?: string;
  /** One line: what happened, or why not. */
  message: string;
  /** Markdown lines for the job summary. */
  details: string[];
}
