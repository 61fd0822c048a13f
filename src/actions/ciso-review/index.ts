import { readCommonConfig } from '../../core/config.js';
import { envInputReader, parseInputs } from '../../core/inputs.js';
import { toReviewInputs } from '../../review/review-inputs.js';
import { runEntry } from '../entry.js';
import { CISO_INPUT_SPEC } from './inputs.js';

// Inputs are checked before the rest of the action loads, so a bad input fails at once.
export async function run(): Promise<void> {
  await runEntry('ciso-review', async () => {
    const read = envInputReader();
    const config = readCommonConfig(read);
    const inputs = parseInputs(CISO_INPUT_SPEC, read);
    const { runCisoReview } = await import('../../ciso/run.js');
    return runCisoReview(config, {
      review: { ...toReviewInputs(inputs), minConfidence: inputs['min-confidence'] },
      scanner: { minPackageAgeDays: inputs['min-package-age-days'] },
      sarifFile: inputs['sarif-file'],
    });
  });
}
