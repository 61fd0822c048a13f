/**
 * The inputs of ciso-review besides the common ones: the review inputs every reviewer has, and the scanner's
 * own. Zod-free, so a bad input fails before the action loads anything heavy.
 */
import { input } from '../../core/inputs.js';
import { REVIEW_INPUT_SPEC } from '../../review/review-inputs.js';

export const CISO_INPUT_SPEC = {
  ...REVIEW_INPUT_SPEC,
  // Lower than the policy's only: an input may make the review stricter, never looser.
  'min-confidence': input.optionalNumber(0, 1),
  // Longer than the policy's only.
  'min-package-age-days': input.optionalInteger(0),
  'sarif-file': input.string('ciso-review.sarif'),
};
