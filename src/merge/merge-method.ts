/** How auto-merge merges a pull request (GitHub's merge methods). Import-free: action inputs are checked against it first. */
export const MERGE_METHODS = ['squash', 'merge', 'rebase'] as const;
export type MergeMethod = (typeof MERGE_METHODS)[number];
