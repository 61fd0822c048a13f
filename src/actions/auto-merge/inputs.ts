import { input } from '../../core/inputs.js';

export const MERGE_METHODS = ['squash', 'merge', 'rebase'] as const;
export type MergeMethod = (typeof MERGE_METHODS)[number];

/**
 * The auto-merge inputs. Kept free of heavy imports so a bad value fails at once. The security-relevant ones
 * (branch pattern, checks, approvals, paths, review checks, bot) come from the policy file on the default
 * branch; these inputs can only make them stricter (see src/merge/settings.ts).
 */
export const AUTO_MERGE_INPUT_SPEC = {
  'pull-request-number': input.optionalInteger(1),
  'merge-method': input.oneOf(MERGE_METHODS, 'squash'),
  'bot-login': input.optional(),
  'branch-pattern': input.optional(),
  'min-checks': input.optionalInteger(1),
  'required-approvals': input.optionalInteger(0),
  'require-human-paths': input.list(),
  'review-checks': input.list(),
};

export interface AutoMergeInputs {
  'pull-request-number': number | undefined;
  'merge-method': MergeMethod;
  'bot-login': string | undefined;
  'branch-pattern': string | undefined;
  'min-checks': number | undefined;
  'required-approvals': number | undefined;
  'require-human-paths': string[];
  'review-checks': string[];
}
