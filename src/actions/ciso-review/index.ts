import { readCommonConfig } from '../../core/config.js';
import { envInputReader, parseInputs } from '../../core/inputs.js';
import { toReviewInputs } from '../../review/review-inputs.js';
import { runEntry, runnerLogger } from '../entry.js';
import { CISO_INPUT_SPEC } from './inputs.js';

/**
 * ciso-review: inputs → policy from the default branch → the review engine with the security profile, the
 * deterministic scanners (package registries) and a model client when a key is set → review, check run,
 * suggestion issues and the SARIF file. Inputs are checked before the rest of the action loads, so a bad
 * input fails at once.
 */
export async function run(): Promise<void> {
  await runEntry('ciso-review', async () => {
    const read = envInputReader();
    const config = readCommonConfig(read);
    const inputs = parseInputs(CISO_INPUT_SPEC, read);
    const [{ prepare }, { modelFromConfig, pricesFromPolicy }, { createRegistries }, { runCisoReview }] = await Promise.all([
      import(/* webpackChunkName: "ciso-review" */ '../prepare.js'),
      import(/* webpackChunkName: "ciso-review" */ '../model.js'),
      import(/* webpackChunkName: "ciso-review" */ '../../scan/deps/registries.js'),
      import(/* webpackChunkName: "ciso-review" */ '../../ciso/run.js'),
    ]);
    const logger = runnerLogger;
    const { gh, context, policy, labels } = await prepare(config, process.env, logger.info);
    const prices = pricesFromPolicy(policy, config.configPath);
    return runCisoReview(
      {
        inputs: { ...toReviewInputs(inputs), minConfidence: inputs['min-confidence'] },
        policy,
        configPath: config.configPath,
        primaryModel: config.primaryModel,
        dryRun: config.dryRun,
        scanner: { minPackageAgeDays: inputs['min-package-age-days'] },
        sarifFile: inputs['sarif-file'],
        actionRepository: process.env.GITHUB_ACTION_REPOSITORY,
      },
      {
        gh,
        context,
        labels,
        logger,
        model: ({ temperature, maxInputTokensPerCall }) => modelFromConfig(config, temperature, { maxInputTokensPerCall, prices, log: logger.info }),
        registries: createRegistries,
        now: Date.now,
      },
    );
  });
}
