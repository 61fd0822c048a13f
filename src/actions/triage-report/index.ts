import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCommonConfig } from '../../core/config.js';
import type { BotIdentity } from '../../core/identity.js';
import { envInputReader } from '../../core/inputs.js';
import { runEntry, runnerLogger } from '../entry.js';
import { readTriageInputs } from './inputs.js';

/**
 * triage-report: inputs → policy from the default branch → triage settings and the clock → decisions, the
 * week's report and the dashboard; with `report: nightly`, the report of the last 24 hours and the dashboard. Inputs are checked before the rest of the action loads, so a bad input fails at once.
 */
export async function run(): Promise<void> {
  await runEntry('triage-report', async () => {
    const read = envInputReader();
    const config = readCommonConfig(read);
    const inputs = readTriageInputs(read);
    const [{ prepare }, { triageSettingsFrom }, { clockFrom }, { runTriageReport }, { dashboardSettingsFrom }, { policyAndRoadmapReader }] = await Promise.all([
      import(/* webpackChunkName: "triage-report" */ '../prepare.js'),
      import(/* webpackChunkName: "triage-report" */ '../../triage/settings.js'),
      import(/* webpackChunkName: "triage-report" */ '../../triage/trigger.js'),
      import(/* webpackChunkName: "triage-report" */ '../../triage/run.js'),
      import(/* webpackChunkName: "triage-report" */ '../../dashboard/build.js'),
      import(/* webpackChunkName: "triage-report" */ '../../triage/policy-and-roadmap.js'),
    ]);
    // The weekly report reads the open roadmap issues in the policy's request. The client's rate-limit waits go to the step log.
    const weekly = inputs.report === 'weekly' ? policyAndRoadmapReader() : undefined;
    const { gh, context, policy, labels } = await prepare(config, process.env, runnerLogger.info, weekly?.readPolicy);
    const settings = triageSettingsFrom(policy, inputs, config.configPath);
    // The report links the dashboard where readers find it: the Pages site when given, else this run's artifacts.
    const dashboardUrl = inputs['dashboard-url'] ?? (context.runUrl ? `${context.runUrl}#artifacts` : undefined);
    const dashboard = inputs.dashboard
      ? {
          dir: inputs['dashboard-dir'] ?? join(process.env.RUNNER_TEMP ?? tmpdir(), 'agentic-dashboard'),
          settings: dashboardSettingsFrom(policy, labels, settings.botLogin, config.configPath),
          secrets: [config.githubToken, config.primaryModel.apiKey ?? '', config.fallbackModel?.apiKey ?? ''],
          ...(dashboardUrl ? { url: dashboardUrl } : {}),
        }
      : undefined;
    if (inputs.report === 'nightly') {
      const { runNightlyReport } = await import('../../nightly/run.js');
      const nightly = {
        now: clockFrom(process.env).now,
        dryRun: config.dryRun,
        botLogin: settings.botLogin,
        budgetUsd: inputs['daily-budget-usd'] > 0 ? inputs['daily-budget-usd'] : null,
        maxOperations: settings.maxOperations,
        ...(settings.nightlyDiscussionCategory ? { discussionCategory: settings.nightlyDiscussionCategory } : {}),
      };
      return runNightlyReport({ ...nightly, ...(dashboard ? { dashboard } : {}) }, { gh, context, labels });
    }
    // Nightly reports posted as discussions are linked from the weekly report through GraphQL.
    const category = settings.nightlyDiscussionCategory;
    const nightlyDiscussions = category
      ? async (bot: BotIdentity) => (await import('../../nightly/discussion.js')).weeklyNightlyLinks(gh, context.repo, context.serverUrl, category, bot)
      : undefined;
    return runTriageReport(
      { settings, dryRun: config.dryRun, clock: clockFrom(process.env), ...(dashboard ? { dashboard } : {}) },
      { gh, context, labels, roadmap: weekly?.roadmap() ?? null, ...(nightlyDiscussions ? { nightlyDiscussions } : {}) },
    );
  });
}
