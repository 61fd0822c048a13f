import { readCommonConfig, requireModelKey } from '../../core/config.js';
import { envInputReader, parseInputs } from '../../core/inputs.js';
import { runEntry } from '../entry.js';
import { CTO_REVIEW_INPUT_SPEC, toReviewInputs } from './inputs.js';

// Inputs are checked before the rest of the action loads, so a bad input fails at once.
export async function run(): Promise<void> {
  await runEntry('cto-review', async () => {
    const read = envInputReader();
    const config = readCommonConfig(read);
    const inputs = toReviewInputs(parseInputs(CTO_REVIEW_INPUT_SPEC, read));
    requireModelKey(config.primaryModel);
    const { runCtoReview } = await import('../../review/cto-review.js');
    return runCtoReview(config, inputs);
  });
}
