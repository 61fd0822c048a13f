import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { readCommonConfig, requireModelKey } from '../../core/config.js';
import { outbound } from '../../core/outbound-gate.js';
import { envInputReader, parseInputs } from '../../core/inputs.js';
import { runnerPrivatePaths } from '../../core/sandbox/runner-paths.js';
import { runEntry, runnerLogger } from '../entry.js';
import { JANITOR_INPUT_SPEC } from './inputs.js';

/**
 * janitor: inputs → policy from the default branch → settings → the updates, one at a time, in the sandbox →
 * one pull request. No model, unless changelog-summary is on. Inputs are checked before the rest of the action loads.
 */
/** A summary restates the changelog: as little invention as the model allows. */
const SUMMARY_TEMPERATURE = 0.1;

export async function run(): Promise<void> {
  await runEntry('janitor', async () => {
    const read = envInputReader();
    const config = readCommonConfig(read);
    const inputs = parseInputs(JANITOR_INPUT_SPEC, read);
    // The model key is needed only for changelog summaries: without it, that input fails here, before any work.
    if (inputs['changelog-summary']) requireModelKey(config.primaryModel);
    const [{ prepare }, { resolveJanitorSettings }, { runJanitor }, { clockFrom }, { modelFromConfig, pricesFromPolicy }] = await Promise.all([
      import(/* webpackChunkName: "janitor" */ '../prepare.js'),
      import(/* webpackChunkName: "janitor" */ '../../janitor/settings.js'),
      import(/* webpackChunkName: "janitor" */ '../../janitor/run.js'),
      import(/* webpackChunkName: "janitor" */ '../../triage/trigger.js'),
      import(/* webpackChunkName: "janitor" */ '../model.js'),
    ]);
    const { context, gh, policy, defaultBranch, labels } = await prepare(config, process.env, runnerLogger.info);
    // Off a runner a dry run (agentic run janitor --dry-run) runs the tests as the person who started it, as they
    // would themselves; phase propose holds no write token, so it runs them anyway and says so; in phase all the
    // job holds the write token, and isolation is required unless allowed.
    const local = process.env.GITHUB_ACTIONS !== 'true';
    const settings = resolveJanitorSettings(
      config,
      { ...inputs, 'allow-unisolated-tests': inputs['allow-unisolated-tests'] || (config.dryRun && local) || inputs.phase === 'propose' },
      policy,
    );
    const clock = clockFrom(process.env);
    return runJanitor(settings, {
      gh,
      repo: context.repo,
      labels,
      defaultBranch,
      workspace: context.workspace,
      ...(context.runUrl ? { runUrl: context.runUrl } : {}),
      // The folder of this bundle holds the action's own code: repository code must not read it either.
      sandboxHost: { env: process.env, privatePaths: runnerPrivatePaths(process.env, process.argv[1] ? dirname(process.argv[1]) : undefined) },
      secrets: [config.githubToken],
      // A pinned clock (tests) names the day; the time budget runs on the real one.
      now: () => (clock.pinned ? clock.now : new Date()),
      elapsed: () => Date.now(),
      tempDir: process.env.RUNNER_TEMP ?? tmpdir(),
      ...(settings.changelogSummary
        ? {
            model: () => modelFromConfig(config, SUMMARY_TEMPERATURE, { prices: pricesFromPolicy(policy, config.configPath), log: runnerLogger.info }),
            redact: (text: string) => outbound.redact(text),
          }
        : {}),
      log: runnerLogger.info,
    });
  });
}
