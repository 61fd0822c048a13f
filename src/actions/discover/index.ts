import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readCommonConfig } from '../../core/config.js';
import { envInputReader, parseInputs } from '../../core/inputs.js';
import { runnerPrivatePaths } from '../../core/sandbox/runner-paths.js';
import { runEntry, runnerLogger } from '../entry.js';
import { DISCOVER_INPUT_SPEC } from './inputs.js';

// Inputs are checked before the rest of the action loads, so a bad input fails at once.
export async function run(): Promise<void> {
  await runEntry('discover', async () => {
    const read = envInputReader();
    const config = readCommonConfig(read);
    const inputs = parseInputs(DISCOVER_INPUT_SPEC, read);
    const [{ parseAnalysts, parseSentry, coverageSettingsFrom, refuseRepositoryCodeWhenFiling }, { runDiscover }, { prepare }, { clockFrom }, { openSandbox }] =
      await Promise.all([
        import(/* webpackChunkName: "discover" */ '../../discover/settings.js'),
        import(/* webpackChunkName: "discover" */ '../../discover/run.js'),
        import(/* webpackChunkName: "discover" */ '../prepare.js'),
        import(/* webpackChunkName: "discover" */ '../../triage/trigger.js'),
        import(/* webpackChunkName: "discover" */ '../../core/sandbox/index.js'),
      ]);
    const analysts = parseAnalysts(inputs.analysts);
    refuseRepositoryCodeWhenFiling(analysts, inputs.phase);
    const sentry = parseSentry({ url: inputs['sentry-url'], org: inputs['sentry-org'], project: inputs['sentry-project'], token: inputs['sentry-token'] });
    const { context, gh, policy, defaultBranch, labels } = await prepare(config, process.env, runnerLogger.info);
    const coverage = coverageSettingsFrom(policy, inputs, config.configPath);
    const path = inputs['candidates-path'] ?? join(process.env.RUNNER_TEMP ?? tmpdir(), 'agentic-discover', 'analysis.json');
    const phase =
      inputs.phase === 'analyse'
        ? { kind: 'analyse' as const, path }
        : inputs.phase === 'file'
          ? { kind: 'file' as const, path, digest: inputs['candidates-digest'] }
          : { kind: 'all' as const };
    return runDiscover(
      {
        analysts,
        maxNewIssues: inputs['max-new-issues'],
        lookbackDays: inputs['lookback-days'],
        maxApiRequests: inputs['max-api-requests'],
        ...(inputs['log-file'] ? { logFile: inputs['log-file'] } : {}),
        ...(inputs['log-source-root'] ? { logSourceRoot: inputs['log-source-root'] } : {}),
        ...(sentry ? { sentry } : {}),
        ...coverage,
        coverageTimeoutMs: Math.round(inputs['coverage-timeout-minutes'] * 60_000),
        snippetTimeoutMs: Math.round(inputs['snippet-timeout-seconds'] * 1000),
        registries: { npm: inputs['npm-registry'], osv: inputs['osv-url'] },
        majorsBehind: inputs['majors-behind'],
        registryTimeoutMs: 15_000,
        dryRun: config.dryRun,
        ...(policy.bot?.login ? { botLogin: policy.bot.login } : {}),
      },
      {
        gh,
        repo: context.repo,
        serverUrl: context.serverUrl,
        defaultBranch,
        labels,
        workspace: context.workspace,
        now: clockFrom(process.env).now,
        ...(context.runUrl ? { runUrl: context.runUrl } : {}),
        secrets: [config.githubToken, ...(sentry?.token ? [sentry.token] : [])],
        // Repository code (the coverage command, code blocks from the docs) runs only in the sandbox. Off a
        // runner a dry run (agentic run discover --dry-run) runs it as the person who started it.
        openSandbox: () =>
          openSandbox({
            workspace: context.workspace,
            network: 'allow',
            env: process.env,
            // The folder of this bundle holds the action's own code: repository code must not read it either.
            privatePaths: runnerPrivatePaths(process.env, process.argv[1] ? dirname(process.argv[1]) : undefined),
            allowUnisolated: inputs['allow-unisolated-tests'] || (config.dryRun && process.env.GITHUB_ACTIONS !== 'true'),
            log: runnerLogger.info,
          }),
      },
      phase,
    );
  });
}
