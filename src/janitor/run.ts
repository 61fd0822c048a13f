/**
 * The janitor: on a clean checkout of the default branch, install and test the base in the sandbox (a red base
 * stops everything and blames no update), list what each package manager reports outdated, try the updates one
 * by one (update-loop.ts), file majors as suggestions, and open or update one pull request with what passed.
 * No model, unless changelog-summary asks for summaries of the kept updates' changelogs (changelog-summary.ts).
 * Phase all does it in one job; phase propose stops after the updates and writes a bundle (no write
 * is needed, so its job holds a read-only token); phase publish checks that bundle again and writes.
 */
import { join } from 'node:path';
import { readRawText } from '../core/file-contents.js';
import { createGitWorkspace } from '../core/git.js';
import type { GitHub } from '../core/github.js';
import { resolveBotIdentity } from '../core/identity.js';
import type { LabelNames } from '../core/labels.js';
import type { ModelClient } from '../core/llm/index.js';
import { outcome, type ActionOutcome } from '../core/outcome.js';
import type { RepoRef } from '../core/repo.js';
import { openSandbox, type OpenOptions, type Sandbox, type SandboxHost } from '../core/sandbox/index.js';
import { fileCandidates } from '../discover/file-issues.js';
import { planDiscoveries } from '../discover/plan.js';
import { installDependencies } from '../implement/install/index.js';
import { detectTestCommand, runTests, truncateTestOutput } from '../implement/test-runner/index.js';
import { listSuggestions } from '../review/suggestion-issues.js';
import { codeBlock, inlineCode } from '../core/untrusted-markdown.js';
import { BundleRejectedError, readJanitorBundle, reportOfBundle, sealJanitorBundle, writeJanitorBundle } from './bundle.js';
import { changelogPaths, summariseChangelogs, type ChangelogText } from './changelog-summary.js';
import { checkKeptUpdates } from './dependency-check.js';
import { detectPackageManagers } from './detect.js';
import { npmDependencyOrder } from './ecosystems/npm.js';
import { firstFailingTest } from './failing-test.js';
import { planUpdates } from './plan.js';
import { commitMessage, jobSummary, keptOf, pullBody, revertedOf, type JanitorReport } from './report.js';
import { publishJanitorPull } from './publish.js';
import type { JanitorSettings } from './settings.js';
import { majorCandidate } from './suggestions.js';
import { takeSnapshot, writeSnapshot } from './tracked-files.js';
import type { MajorSuggestion, PackageManager } from './types.js';
import { EVIDENCE_CHARS, runUpdates, type PlannedWork } from './update-loop.js';

export interface JanitorDeps {
  gh: GitHub;
  repo: RepoRef;
  labels: LabelNames;
  defaultBranch: string;
  workspace: string;
  runUrl?: string;
  sandboxHost: SandboxHost;
  /** Secrets this run holds, redacted from what it files. */
  secrets: readonly string[];
  now: () => Date;
  /** Milliseconds on a clock that moves, for the time budget. */
  elapsed: () => number;
  /** Where phase propose writes its bundle when no bundle-path is given. */
  tempDir: string;
  /** The run's model client, made only when changelog-summary is on (the one use of a model). */
  model?: () => ModelClient;
  /** The outbound gate's redaction, applied to changelog text before it reaches the model. */
  redact?: (text: string) => string;
  log: (message: string) => void;
}

function stopped(status: string, message: string, summary: string, conclusion: 'failure' | 'neutral' = 'failure'): ActionOutcome {
  return outcome(conclusion, message, { status, kept: 0, reverted: 0 }, `## Janitor\n\n${summary}`);
}

/** The ISO date of the run (UTC): names the branch, and the week's marker. */
function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

async function listOutdated(sandbox: Sandbox, manager: PackageManager, workspace: string, settings: JanitorSettings, log: (message: string) => void) {
  const listed = await sandbox.run(manager.listCommand, { timeoutMs: settings.installTimeoutMs, label: 'outdated command' });
  const outdated = manager.parse(listed.output);
  log(`janitor: ${manager.tool}: ${outdated.length} outdated direct dependenc${outdated.length === 1 ? 'y' : 'ies'}`);
  const lockfile = manager.tool === 'npm' ? (await takeSnapshot(workspace, [manager.files[1] ?? 'package-lock.json'])).values().next().value : undefined;
  const order = manager.tool === 'npm' ? (names: string[]) => npmDependencyOrder(names, lockfile?.toString('utf8')) : undefined;
  return planUpdates(manager, outdated, { majors: settings.majors, ...(order ? { order } : {}) });
}

export async function runJanitor(settings: JanitorSettings, deps: JanitorDeps): Promise<ActionOutcome> {
  if (settings.phase === 'publish') return publishPhase(settings, deps);
  const proposed = await proposeUpdates(settings, deps);
  if (!('results' in proposed)) return proposed;
  const { changelogs, ...report } = proposed;
  if (settings.changelogSummary) await addChangelogSummaries(report, changelogs, settings, deps);
  const { counts, outputs } = tally(report);
  if (settings.dryRun) {
    return outcome(
      'success',
      `janitor (dry run): ${counts}; nothing was pushed or filed`,
      { ...outputs, status: 'dry-run' },
      jobSummary(report, `Dry run: ${counts}. Nothing was pushed or filed.`),
    );
  }
  if (settings.phase === 'propose') {
    const bundle = sealJanitorBundle(report, {
      repository: `${deps.repo.owner}/${deps.repo.repo}`,
      createdAt: deps.now().toISOString(),
      ...(deps.runUrl ? { runUrl: deps.runUrl } : {}),
    });
    const path = settings.bundlePath ?? join(deps.tempDir, 'agentic-janitor', 'bundle.json');
    await writeJanitorBundle(path, bundle);
    // The digest goes out as a step output, written by this process after the sandbox closed: publish checks against it.
    return outcome(
      'success',
      `janitor (propose): ${counts}; bundle ${bundle.digest.slice(0, 12)} written for the publish job`,
      { ...outputs, status: 'proposed', 'bundle-path': path, 'bundle-digest': bundle.digest },
      jobSummary(
        report,
        `Proposed: ${counts}. The publish job checks the bundle (${inlineCode(bundle.digest.slice(0, 12), 20)}) again and opens or updates the pull request.`,
      ),
    );
  }
  return publishReport(report, settings, deps);
}

/**
 * Phase all only, after the sandbox closed: the model reads the changelogs as data, never beside running
 * repository code, and phase propose (no model key, a sealed bundle) leaves summaries out.
 */
async function addChangelogSummaries(
  report: JanitorReport,
  changelogs: ReadonlyMap<string, ChangelogText>,
  settings: JanitorSettings,
  deps: JanitorDeps,
): Promise<void> {
  const kept = keptOf(report);
  if (kept.length === 0) return;
  if (settings.phase !== 'all' || !deps.model) {
    report.notes.push('Changelog summaries are written in phase all only; this run wrote none.');
    return;
  }
  report.changelogSummaries = await summariseChangelogs(
    kept.map((result) => result.update),
    changelogs,
    { model: deps.model(), redact: deps.redact ?? ((text) => text), log: deps.log },
  );
}

/** The changelogs the kept updates' installed packages ship, read from the sandbox's copy before it closes. */
async function readChangelogs(sandbox: Sandbox, results: JanitorReport['results']): Promise<Map<string, ChangelogText>> {
  const found = new Map<string, ChangelogText>();
  for (const result of keptOf({ results })) {
    for (const path of changelogPaths(result.update)) {
      const content = await sandbox.readFile(path);
      if (!content) continue;
      found.set(result.update.name, { source: path, text: content.subarray(0, 200_000).toString('utf8') });
      break;
    }
  }
  return found;
}

function tally(report: JanitorReport): { counts: string; outputs: Record<string, string | number> } {
  const kept = keptOf(report);
  const reverted = revertedOf(report);
  const majors = report.majors.length;
  return {
    counts: `${kept.length} kept, ${reverted.length} reverted, ${majors} major${majors === 1 ? '' : 's'} left for a person`,
    outputs: { kept: kept.length, reverted: reverted.length, majors, 'not-attempted': report.notAttempted.length },
  };
}

/** Phase publish: the bundle propose wrote, refused unless its digest is the one propose reported and every kept update passes checkKeptUpdates. */
async function publishPhase(settings: JanitorSettings, deps: JanitorDeps): Promise<ActionOutcome> {
  const { gh, repo } = deps;
  let report: JanitorReport;
  try {
    if (!settings.bundlePath) throw new BundleRejectedError("input 'bundle-path' is missing; expected the bundle file the propose job wrote (phase publish)");
    if (!settings.bundleDigest)
      throw new BundleRejectedError(
        "input 'bundle-digest' is missing; expected the propose step's bundle-digest output (phase publish trusts no bundle without it)",
      );
    const bundle = await readJanitorBundle(settings.bundlePath, settings.bundleDigest);
    if (bundle.repository !== `${repo.owner}/${repo.repo}`)
      throw new BundleRejectedError(`the bundle is for ${bundle.repository}, not ${repo.owner}/${repo.repo}`);
    report = reportOfBundle(bundle);
    await checkKeptUpdates(keptOf(report), (path) => readRawText(gh, repo, path, report.baseSha));
  } catch (error) {
    if (!(error instanceof BundleRejectedError)) throw error;
    return stopped(
      'bundle-rejected',
      `janitor: the bundle was refused, nothing was written: ${error.message}`,
      `The bundle from the propose job was refused, so nothing was pushed or filed: ${error.message}.`,
    );
  }
  if (settings.dryRun) {
    const { counts, outputs } = tally(report);
    return outcome(
      'success',
      `janitor (dry run of publish): ${counts}; nothing was pushed or filed`,
      { ...outputs, status: 'dry-run' },
      jobSummary(report, `Dry run: the bundle holds ${counts}. Nothing was pushed or filed.`),
    );
  }
  return publishReport(report, settings, deps);
}

/** Runs the repository's install, tests and updates in the sandbox: a stop (an outcome) or the report of what passed. */
async function proposeUpdates(
  settings: JanitorSettings,
  deps: JanitorDeps,
): Promise<ActionOutcome | (JanitorReport & { changelogs: Map<string, ChangelogText> })> {
  const { workspace, log } = deps;
  const deadline = deps.elapsed() + settings.timeBudgetMs;
  const detection = await detectPackageManagers(workspace, settings.ecosystems);
  if (detection.managers.length === 0) {
    return stopped(
      'nothing-to-update',
      'janitor: no lockfile of a supported package manager',
      ['No lockfile of a supported package manager was found, so there is nothing to update.', ...detection.notes.map((note) => `- ${note}`)].join('\n'),
      'neutral',
    );
  }
  const git = createGitWorkspace(workspace);
  if ((await git.changedFiles()).length > 0) {
    return stopped(
      'failed',
      `janitor: the checkout at ${workspace} has changes; it must be a clean checkout of ${deps.defaultBranch}`,
      'The checkout has changes before the janitor started; nothing was updated. Check out the default branch cleanly.',
    );
  }
  const baseSha = await git.headSha();
  const testCommand = settings.testCommand ?? (await detectTestCommand(workspace));
  if (!testCommand) {
    return stopped(
      'failed',
      'janitor: no test command: an update is kept only when the tests pass; set test-command',
      'No test command was found (package.json `test` script, pytest, go test…). The janitor keeps an update only when the tests pass on it, so it updated nothing: set `test-command` (input, or `implement.test-command` in .github/agentic.yml).',
    );
  }
  const tracked = [...new Set(detection.managers.flatMap((manager) => manager.files))];
  const original = await takeSnapshot(workspace, tracked);

  const options: OpenOptions = { workspace, network: 'allow', registries: true, ...deps.sandboxHost, allowUnisolated: settings.allowUnisolated, log };
  const sandbox = await openSandbox(options);
  const isolation = sandbox.isolation.isolated
    ? 'in the sandbox: a separate user, a copy of the checkout, no secrets'
    : `**not isolated**: ${sandbox.isolation.reason ?? 'no sandbox on this runner'}`;
  try {
    // The base first: an install that fails or tests that fail before any update are the repository's, not an update's.
    const install = await installDependencies({ sandbox, workspace, configured: settings.installCommand, timeoutMs: settings.installTimeoutMs, log });
    if (install.status === 'failed') {
      return stopped(
        'install-failed',
        `janitor: the dependencies cannot be installed on ${baseSha.slice(0, 12)} before any update: ${install.note ?? 'the install failed'}`,
        [
          `The dependencies could not be installed on ${inlineCode(baseSha.slice(0, 12), 20)} before any update (${install.note ?? 'the install failed'}), so nothing was updated. Fix the lockfile (or set \`install-command\`) and run again.`,
          '',
          codeBlock(install.output ?? ''),
        ].join('\n'),
      );
    }
    const base = await runTests({ sandbox, command: testCommand, timeoutMs: settings.testTimeoutMs, maxOutputChars: 60_000 });
    if (!base.passed) {
      const failing = firstFailingTest(base.output);
      return stopped(
        'red-base',
        `janitor: the tests fail on ${baseSha.slice(0, 12)} before any update${failing ? ` (first failing test "${failing}")` : ''}; nothing was updated`,
        [
          `The tests (${inlineCode(testCommand, 120)}) fail on ${inlineCode(baseSha.slice(0, 12), 20)} before any update${failing ? `, first failing test ${inlineCode(failing, 120)}` : ''}. No update can be judged on a red base, so none was tried and none is blamed. Fix the tests on ${inlineCode(deps.defaultBranch)} and run again.`,
          '',
          codeBlock(truncateTestOutput(base.output, EVIDENCE_CHARS)),
        ].join('\n'),
      );
    }

    const work: PlannedWork[] = [];
    const majors: MajorSuggestion[] = [];
    const skipped: JanitorReport['skipped'] = [];
    for (const manager of detection.managers) {
      const plan = await listOutdated(sandbox, manager, workspace, settings, log);
      work.push(...plan.updates.map((update) => ({ update, files: manager.files })));
      majors.push(...plan.majors);
      skipped.push(...plan.skipped);
    }
    const { results, notAttempted } = await runUpdates(work, {
      sandbox,
      workspace,
      testCommand,
      installCommand: settings.installCommand,
      installTimeoutMs: settings.installTimeoutMs,
      testTimeoutMs: settings.testTimeoutMs,
      maxUpdates: settings.maxUpdates,
      deadline,
      tracked,
      now: deps.elapsed,
      log,
    });

    const changelogs = settings.changelogSummary ? await readChangelogs(sandbox, results) : new Map<string, ChangelogText>();
    return {
      baseSha,
      testCommand,
      isolation,
      changelogs,
      results,
      notAttempted,
      majors,
      majorIssues: new Map(),
      skipped,
      notes: [...detection.notes],
      week: dayOf(deps.now()),
    };
  } finally {
    await sandbox.close();
    // The checkout is left as it was found: what was kept lives in the commits, not in the working tree.
    await writeSnapshot(workspace, original);
  }
}

/** Files the majors as suggestions and opens or updates the one pull request (phases all and publish). */
async function publishReport(report: JanitorReport, settings: JanitorSettings, deps: JanitorDeps): Promise<ActionOutcome> {
  const { gh, repo } = deps;
  const { majors } = report;
  const kept = keptOf(report);
  const reverted = revertedOf(report);
  const { counts, outputs } = tally(report);
  const bot = await resolveBotIdentity(gh, settings.botLogin);
  if (majors.length > 0 && !settings.majors) {
    const existing = await listSuggestions(gh, repo, deps.labels.agentSuggestion, bot);
    const creates = planDiscoveries(majors.map(majorCandidate), existing, settings.maxNewIssues).flatMap((action) =>
      action.kind === 'create' ? [action.candidate] : [],
    );
    const footer = `_Filed by the agentic-workflow janitor${deps.runUrl ? ` ([run](${deps.runUrl}))` : ''}. Decide in the weekly triage report with \`/approve\` or \`/reject <reason>\`._`;
    const filed = await fileCandidates({ gh, repo, bot, labels: deps.labels, footer, known: deps.secrets }, creates);
    const known = new Map(existing.map((issue) => [issue.marker.fingerprint, issue.number]));
    report.majorIssues = new Map(
      majors
        .map((major) => [major.name, filed.get(majorCandidate(major).fingerprint) ?? known.get(majorCandidate(major).fingerprint) ?? 0])
        .filter(([, number]) => number !== 0) as Array<[string, number]>,
    );
    outputs['suggestions-created'] = filed.size;
  }
  if (kept.length === 0) {
    const conclusion = reverted.length > 0 ? 'neutral' : 'success';
    return outcome(
      conclusion,
      `janitor: no update kept (${counts}); no pull request`,
      { ...outputs, status: reverted.length > 0 ? 'all-reverted' : 'nothing-to-update' },
      jobSummary(report, `No update passed the tests, so no pull request was opened or changed (${counts}).`),
    );
  }
  const pull = await publishJanitorPull(
    {
      baseSha: report.baseSha,
      defaultBranch: deps.defaultBranch,
      day: report.week,
      title: `chore(deps): weekly dependency updates (${kept.length} package${kept.length === 1 ? '' : 's'})`,
      body: pullBody(report, deps.runUrl),
      commits: kept.map((result) => ({ message: commitMessage(result.update), files: result.files })),
    },
    { gh, repo, bot, labels: deps.labels, now: deps.now(), log: deps.log },
  );
  const did = pull.created ? 'opened' : 'updated';
  return outcome(
    'success',
    `janitor: ${did} #${pull.number} on ${pull.branch} (${counts})`,
    { ...outputs, status: did, 'pull-request-number': pull.number, branch: pull.branch },
    jobSummary(report, `${pull.created ? 'Opened' : 'Updated'} #${pull.number} on ${inlineCode(pull.branch)}: ${counts}.`),
  );
}
