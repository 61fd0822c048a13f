import { input, parseInputs, type InputReader } from '../../core/inputs.js';
import { MERGE_METHODS } from '../../merge/merge-method.js';
import type { AutoMergeInputs } from '../../merge/settings.js';

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

export function readAutoMergeInputs(read: InputReader): AutoMergeInputs {
  return parseInputs(AUTO_MERGE_INPUT_SPEC, read);
}
