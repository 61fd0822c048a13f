import { readCommonConfig } from '../../core/config.js';
import { envInputReader } from '../../core/inputs.js';
import { runEntry, runnerLogger, sleep } from '../entry.js';
import { readAutoMergeInputs } from './inputs.js';

/**
 * auto-merge: inputs → policy from the default branch → merge settings → every gate for each pull request the
 * event names → merge or wait. Inputs are checked before the rest of the action loads, so a bad input fails at once.
 */
export async function run(): Promise<void> {
  await runEntry('auto-merge', async () => {
    const read = envInputReader();
    const config = readCommonConfig(read);
    const inputs = readAutoMergeInputs(read);
    const [{ prepare }, { mergeSettingsFrom }, { runAutoMerge }] = await Promise.all([
      import(/* webpackChunkName: "auto-merge" */ '../prepare.js'),
      import(/* webpackChunkName: "auto-merge" */ '../../merge/settings.js'),
      import(/* webpackChunkName: "auto-merge" */ '../../merge/run.js'),
    ]);
    const logger = runnerLogger;
    const { gh, context, policy, labels } = await prepare(config, process.env, logger.info);
    const settings = mergeSettingsFrom(policy, inputs, config.configPath);
    return runAutoMerge(
      { settings, pullRequestNumber: inputs['pull-request-number'], dryRun: config.dryRun },
      { gh, context, labels, logger, sleep, mergeabilityDelaysMs: [1000, 2000, 3000] },
    );
  });
}
