import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { readCommonConfig, requireModelKey } from '../../core/config.js';
import { envInputReader } from '../../core/inputs.js';
import { runnerPrivatePaths } from '../../core/sandbox/runner-paths.js';
import { runEntry, runnerLogger, sleep } from '../entry.js';
import { readImplementInputs } from './inputs.js';

/**
 * implement: inputs → policy from the default branch → implement settings → the phase the workflow asks for
 * (pick, propose, publish, or all three), with a model client per issue and the package registries new
 * dependencies are checked against. Inputs are checked before the rest of the action loads, so a bad input
 * fails at once.
 */
export async function run(): Promise<void> {
  await runEntry('implement', async () => {
    const startedAt = Date.now();
    const read = envInputReader();
    const config = readCommonConfig(read);
    const inputs = readImplementInputs(read);
    const [
      { prepare },
      { modelFromConfig, pricesFromPolicy },
      { DEFAULT_BOT_LOGIN },
      { IMPLEMENT_TEMPERATURE },
      { createRegistries },
      { resolveSettings },
      { runImplement },
    ] = await Promise.all([
      import(/* webpackChunkName: "implement" */ '../prepare.js'),
      import(/* webpackChunkName: "implement" */ '../model.js'),
      import(/* webpackChunkName: "implement" */ '../../core/identity.js'),
      import(/* webpackChunkName: "implement" */ '../../core/llm/index.js'),
      import(/* webpackChunkName: "implement" */ '../../scan/deps/registries.js'),
      import(/* webpackChunkName: "implement" */ '../../implement/settings.js'),
      import(/* webpackChunkName: "implement" */ '../../implement/run.js'),
    ]);
    const logger = runnerLogger;
    const { gh, context, policy, labels, defaultBranch } = await prepare(config, process.env, logger.info);
    const settings = resolveSettings(config, inputs, policy, labels);
    const prices = pricesFromPolicy(policy, config.configPath);
    return runImplement(
      { settings, botLogin: policy.bot?.login ?? DEFAULT_BOT_LOGIN, startedAt },
      {
        gh,
        context,
        labels,
        defaultBranch,
        logger,
        model: (maxCostUsd) => {
          requireModelKey(config.primaryModel);
          return modelFromConfig({ ...config, maxCostUsd }, IMPLEMENT_TEMPERATURE, { prices, log: logger.info });
        },
        registries: createRegistries(settings.dependencies.endpoints),
        tempDir: process.env.RUNNER_TEMP ?? tmpdir(),
        now: () => new Date(),
        sleep,
        // The folder of this bundle holds the action's own code: repository code must not read it either.
        sandboxHost: { env: process.env, privatePaths: runnerPrivatePaths(process.env, process.argv[1] ? dirname(process.argv[1]) : undefined) },
      },
    );
  });
}
