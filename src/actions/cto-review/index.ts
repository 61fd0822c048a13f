import { readCommonConfig, requireModelKey } from '../../core/config.js';
import { envInputReader, parseInputs } from '../../core/inputs.js';
import { runEntry, runnerLogger } from '../entry.js';
import { CTO_REVIEW_INPUT_SPEC, toReviewInputs } from './inputs.js';

/**
 * cto-review: inputs → policy from the default branch → the review engine with the CTO profile and a model
 * client → review, check run and suggestion issues. Inputs are checked before the rest of the action loads,
 * so a bad input fails at once.
 */
export async function run(): Promise<void> {
  await runEntry('cto-review', async () => {
    const read = envInputReader();
    const config = readCommonConfig(read);
    const inputs = toReviewInputs(parseInputs(CTO_REVIEW_INPUT_SPEC, read));
    requireModelKey(config.primaryModel);
    const [{ prepare }, { modelFromConfig, pricesFromPolicy }, { runCtoReview }] = await Promise.all([
      import(/* webpackChunkName: "cto-review" */ '../prepare.js'),
      import(/* webpackChunkName: "cto-review" */ '../model.js'),
      import(/* webpackChunkName: "cto-review" */ '../../review/cto-review.js'),
    ]);
    const logger = runnerLogger;
    const { gh, context, policy, labels } = await prepare(config, process.env, logger.info);
    const prices = pricesFromPolicy(policy, config.configPath);
    return runCtoReview(
      { inputs, policy, configPath: config.configPath, primaryModel: config.primaryModel, dryRun: config.dryRun },
      {
        gh,
        context,
        labels,
        logger,
        model: ({ temperature, maxInputTokensPerCall }) => modelFromConfig(config, temperature, { maxInputTokensPerCall, prices, log: logger.info }),
      },
    );
  });
}
