/** cto-review's inputs: the review inputs shared with ciso-review (zod-free, parsed before anything loads). */
export { REVIEW_INPUT_SPEC as CTO_REVIEW_INPUT_SPEC, toReviewInputs } from '../../review/review-inputs.js';
