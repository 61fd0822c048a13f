/**
 * The implement action: routes the event and the phase to the steps (take → propose → publish), and turns
 * what happened into outputs and a job summary. The I/O (GitHub client, model, registries, clock) is built by the
 * action entry and passed down from here.
 */
import { join } from 'node:path';
import { ConfigurationError } from '../core/errors.js';
import type { GitHub } from '../core/github.js';
import { resolveBotIdentity } from '../core/identity.js';
import type { LabelNames } from '../core/labels.js';
import type { ModelClient } from '../core/llm/index.js';
import type { Logger } from '../core/logger.js';
import { outcome, type ActionOutcome, type Conclusion } from '../core/outcome.js';
import { formatRepository } from '../core/repo.js';
import type { RunContext } from '../core/runtime.js';
import { checkIsolation, IsolationUnavailableError, openSandbox, type Isolation, type OpenOptions, type SandboxHost } from '../core/sandbox/index.js';
import { executePlan } from './agent/index.js';
import { BundleRejectedError, readBundle, writeBundle } from './bundle/bundle-file.js';
import type { Bundle } from './bundle/bundle-schema.js';
import type { Registries } from '../scan/deps/registry.js';
import { propose, type ProposeDeps } from './propose.js';
import { publishBundle, type PublishDeps } from './publish/publish.js';
import { markFailed, rejectBundle } from './publish/reject.js';
import type { IssueResult } from './result.js';
import { routeEvent } from './route-event.js';
import type { ImplementSettings } from './settings.js';
import { proposedReport, renderSummary, withInstall, wouldPublish } from './summary.js';
import { pickAndTake, takeIssue, type TakeDeps } from './take.js';
import { followUpReview } from './follow-up/follow-up.js';

function conclusionOf(result: IssueResult, dryRun: boolean): Conclusion {
  if (result.status === 'failed') return dryRun ? 'neutral' : 'failure';
  if (result.status === 'interrupted') return 'failure';
  if (result.status === 'no-work') return 'neutral';
  return 'success';
}

function outputsOf(result: IssueResult | undefined, costUsd: number): Record<string, string | number | undefined> {
  return {
    status: result?.status ?? 'no-work',
    'issue-number': result?.issueNumber,
    'pull-request-number': result?.prNumber,
    branch: result?.branch,
    'cost-usd': costUsd.toFixed(6),
  };
}

/** What this run is asked to do: the settings (inputs tightening the policy's `implement:` section). */
export interface ImplementRequest {
  settings: ImplementSettings;
  /** The login of the account the agent writes as (the policy's `bot.login`, or the default). */
  botLogin: string;
  /** When the run started (ms since the epoch): the run's time limit counts from here. */
  startedAt: number;
}

/** The outside world, built by the action entry. */
export interface ImplementAdapters {
  gh: GitHub;
  context: RunContext;
  labels: LabelNames;
  defaultBranch: string;
  logger: Logger;
  /** Builds a model client with this cost limit; called only when a model is needed. */
  model: (maxCostUsd: number) => ModelClient;
  /** The package registries new dependencies are checked against (ciso-review's endpoints). */
  registries: Registries;
  /** Where a propose job writes its bundle when no bundle-path is given. */
  tempDir: string;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** What repository code must not reach on this runner, and the environment it is chosen from. */
  sandboxHost: SandboxHost;
}

/** The one line the job summary carries when repository code ran as the action's own user. */
export function unisolatedNote(isolation: Isolation): string {
  return `**Repository code was not isolated**: ${isolation.reason ?? 'this runner cannot isolate it'}; it ran as the action's own user, within reach of the model key.`;
}

/** Phase all: refuse before claiming anything when repository code would run beside the write token. */
async function requireIsolation(options: OpenOptions): Promise<void> {
  try {
    await checkIsolation(options);
  } catch (error) {
    if (!(error instanceof IsolationUnavailableError)) throw error;
    throw new IsolationUnavailableError(
      `${error.message}. Phase all holds the write token in the same job, so nothing was run: set allow-unisolated-tests: true to accept that, or split the run into phase propose (no write token) and publish.`,
    );
  }
}

export async function runImplement(request: ImplementRequest, adapters: ImplementAdapters): Promise<ActionOutcome> {
  const { settings, startedAt } = request;
  const { gh, context, labels, now, sleep } = adapters;
  const log = (message: string) => adapters.logger.info(message);
  const bot = await resolveBotIdentity(gh, request.botLogin);
  const repo = context.repo;
  const rules = {
    candidateLabels: settings.candidateLabels,
    excludedLabels: settings.excludedLabels,
    priorityLabels: settings.priorityLabels,
    botLogin: bot.login,
  };
  const dependencies = { registries: adapters.registries, policy: settings.dependencies.policy, allowedRegistries: settings.dependencies.allowedRegistries };
  const models: Array<{ usage: { costUsd: number } }> = [];
  const spent = () => models.reduce((sum, model) => sum + model.usage.costUsd, 0);
  const model = (maxCostUsd: number) => {
    const client = adapters.model(maxCostUsd);
    models.push(client);
    return client;
  };
  // Repository code runs in a sandbox; in phase all the write token is in this job, so isolation is required.
  // Installs ask the registries the runner is configured with (npm_config_registry, PIP_INDEX_URL, GOPROXY…), as the janitor's do.
  const sandboxOptions: OpenOptions = {
    workspace: context.workspace,
    network: settings.testNetwork,
    registries: true,
    ...adapters.sandboxHost,
    allowUnisolated: settings.phase !== 'all' || settings.allowUnisolatedTests,
    log,
  };
  const isolations: Isolation[] = [];
  const openRunSandbox = async () => {
    const sandbox = await openSandbox(sandboxOptions);
    isolations.push(sandbox.isolation);
    return sandbox;
  };
  const takeDeps: TakeDeps = { gh, repo, bot, labels, settings, rules, runId: context.runId, runUrl: context.runUrl, now, sleep, log };
  const publishDeps: PublishDeps = {
    gh,
    repo,
    bot,
    labels,
    settings,
    defaultBranch: adapters.defaultBranch,
    runId: context.runId,
    runUrl: context.runUrl,
    repoUrl: `${context.serverUrl}/${repo.owner}/${repo.repo}`,
    dependencies,
    now,
    log,
  };
  const proposeDeps: ProposeDeps = {
    gh,
    repo,
    bot,
    labels,
    settings,
    rules,
    workspace: context.workspace,
    runId: context.runId,
    runUrl: context.runUrl,
    model,
    execute: executePlan,
    openSandbox: openRunSandbox,
    dependencies,
    now,
    startedAt,
    log,
  };
  const finish = (
    heading: string,
    result: IssueResult | undefined,
    extra: { notes?: string[]; outputs?: Record<string, string | number | undefined>; conclusion?: Conclusion } = {},
  ): ActionOutcome => {
    const results = result ? [result] : [];
    const unisolated = isolations.find((isolation) => !isolation.isolated);
    const notes = [...(extra.notes ?? []), ...(unisolated ? [unisolatedNote(unisolated)] : [])];
    const conclusion = extra.conclusion ?? (result ? conclusionOf(result, settings.dryRun) : 'neutral');
    return outcome(
      conclusion,
      result?.message ?? heading,
      { ...outputsOf(result, spent()), ...extra.outputs },
      renderSummary({ heading, results, costUsd: spent(), ...(notes.length > 0 ? { notes } : {}) }),
    );
  };

  if (settings.phase === 'publish') {
    if (!settings.bundlePath) throw new ConfigurationError("input 'bundle-path' is missing; expected the bundle file the propose job wrote (phase publish)");
    if (!settings.bundleDigest)
      throw new ConfigurationError(
        "input 'bundle-digest' is missing; expected the propose step's bundle-digest output (phase publish trusts no bundle without it)",
      );
    if (settings.dryRun) {
      const bundle = await readBundle(settings.bundlePath, settings.bundleDigest);
      return finish('dry run of publish', wouldPublish(bundle));
    }
    let bundle: Bundle;
    try {
      bundle = await readBundle(settings.bundlePath, settings.bundleDigest);
    } catch (error) {
      if (!(error instanceof BundleRejectedError)) throw error;
      return finish('bundle rejected', await rejectBundle(publishDeps, settings.bundlePath, settings.issueNumber, error.message));
    }
    return finish('publish', withInstall(await publishBundle(publishDeps, bundle), bundle));
  }

  const route = routeEvent(context.event, settings.issueNumber, formatRepository(repo));
  if (route.kind === 'ignore') return finish('nothing to do', { status: 'no-work', message: route.reason, details: [`- ${route.reason}`] });
  if (settings.phase === 'all') await requireIsolation(sandboxOptions);
  if (route.kind === 'follow-up') {
    if (settings.phase !== 'all')
      return finish('nothing to do', { status: 'no-work', message: `review follow-up runs in phase all, not ${settings.phase}`, details: [] });
    return finish('review follow-up', await followUpReview({ ...proposeDeps, defaultBranch: adapters.defaultBranch }, route));
  }

  if (settings.phase === 'propose') {
    if (route.kind !== 'issue')
      throw new ConfigurationError(
        "input 'issue-number' is missing; expected the issue to work on (phase propose runs per issue from the pick job's issues output)",
      );
    // In a dry run the pick job claimed nothing, so the issue is judged as it stands.
    const bundle = await propose(proposeDeps, route.issueNumber, { expectClaimed: !settings.dryRun });
    const path = settings.bundlePath ?? join(adapters.tempDir, 'agentic-implement', `bundle-${route.issueNumber}.json`);
    await writeBundle(path, bundle);
    const report = proposedReport(bundle, path);
    // The digest goes out as a step output, written by this process after the sandbox is closed: publish checks
    // the bundle it receives against it.
    return finish('propose', report, {
      outputs: { 'bundle-path': path, 'bundle-digest': bundle.digest },
      conclusion: bundle.outcome.kind === 'no-work' ? 'neutral' : 'success',
    });
  }

  // pick and all: take work first (claims are writes, so a dry run only decides).
  const taken: Array<{ issueNumber: number; reason: string }> = [];
  const notes: IssueResult[] = [];
  let capped: string | undefined;
  if (route.kind === 'issue') {
    const result = await takeIssue(takeDeps, route.issueNumber, settings.dryRun);
    if (result.kind === 'take') taken.push({ issueNumber: result.issueNumber, reason: result.reason });
    else notes.push(result.result);
  } else {
    const want = settings.phase === 'pick' ? settings.maxParallel : 1;
    const picked = await pickAndTake(takeDeps, want, settings.dryRun);
    taken.push(...picked.taken);
    notes.push(...picked.notes);
    capped = picked.capped;
  }

  if (settings.phase === 'pick') {
    const numbers = taken.map((entry) => entry.issueNumber);
    const verb = settings.dryRun ? 'would claim' : 'claimed';
    const result: IssueResult =
      numbers.length > 0
        ? {
            status: 'no-work',
            ...(numbers[0] !== undefined ? { issueNumber: numbers[0] } : {}),
            message: `${verb} ${numbers.map((n) => `#${n}`).join(', ')}`,
            details: taken.map((entry) => `- ${verb} **#${entry.issueNumber}** (${entry.reason})`),
          }
        : (notes[0] ?? {
            status: 'no-work',
            message: capped ?? 'no issue is ready for the agent',
            details: [`- ${capped ?? 'no issue is ready for the agent'}`],
          });
    return finish('pick', result, {
      outputs: { issues: JSON.stringify(numbers), status: numbers.length > 0 ? undefined : 'no-work' },
      conclusion: numbers.length > 0 ? 'success' : 'neutral',
      notes: notes.slice(numbers.length > 0 ? 0 : 1).map((note) => note.message),
    });
  }

  const first = taken[0];
  if (!first) {
    const result = notes[0] ?? {
      status: 'no-work' as const,
      message: capped ?? 'no issue is ready for the agent',
      details: [`- ${capped ?? 'no issue is ready for the agent'}`],
    };
    return finish('nothing to do', result, { notes: notes.slice(1).map((note) => note.message) });
  }
  if (settings.dryRun) return finish('dry run (nothing written)', wouldPublish(await propose(proposeDeps, first.issueNumber, { expectClaimed: false })));
  try {
    const bundle = await propose(proposeDeps, first.issueNumber, { expectClaimed: true });
    return finish('implement', withInstall(await publishBundle(publishDeps, bundle), bundle));
  } catch (error) {
    // The issue is claimed: leave it in a known state with the reason rather than locked until the claim goes stale.
    await markFailed(publishDeps, first.issueNumber, error).catch((second: unknown) =>
      log(`could not mark #${first.issueNumber} failed: ${second instanceof Error ? second.message : String(second)}`),
    );
    throw error;
  }
}
