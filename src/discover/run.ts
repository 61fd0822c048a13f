/**
 * The discover action: run the chosen analysts (no model), plan against the suggestions already filed, file
 * at most the nightly cap, and say in the job summary what each analyst read, found and skipped.
 */
import { describeGitHubError } from '../core/github-errors.js';
import type { GitHub } from '../core/github.js';
import { resolveBotIdentity, type BotIdentity } from '../core/identity.js';
import type { LabelNames } from '../core/labels.js';
import { outcome, type ActionOutcome } from '../core/outcome.js';
import type { RepoRef } from '../core/repo.js';
import { listSuggestions } from '../review/suggestion-issues.js';
import type { AnalystContext, DiscoverCursor } from './analyst-context.js';
import { ANALYST_RUNNERS, type Analyst } from './analysts.js';
import type { AnalystName, AnalystReport } from './candidate.js';
import { nextCursor, readCursor, writeCursor, type CursorIssue } from './cursor.js';
import { candidateLabels, fileCandidates } from './file-issues.js';
import { readHandoff, writeHandoff } from './handoff.js';
import { planDiscoveries } from './plan.js';
import type { DiscoverSettings } from './settings.js';
import { renderSummary } from './summary.js';

export interface DiscoverDeps {
  gh: GitHub;
  repo: RepoRef;
  serverUrl: string;
  defaultBranch: string;
  labels: LabelNames;
  workspace: string;
  now: Date;
  runUrl?: string;
  /** Secrets this run holds, redacted from everything it files. */
  secrets: readonly string[];
  /** Opens the sandbox repository code runs in (coverage and docs analysts). */
  openSandbox?: AnalystContext['openSandbox'];
  /** Analysts by name (tests may pass their own). */
  analysts?: Readonly<Record<AnalystName, Analyst>>;
}

async function runAnalyst(analyst: Analyst, name: AnalystName, context: AnalystContext): Promise<AnalystReport> {
  try {
    return await analyst(context);
  } catch (error) {
    // GitHub failing (rate limit, outage, missing permission) stops this analyst, not the night: the others still run.
    const facts = describeGitHubError(error);
    if (facts.status === undefined) throw error;
    const hint = facts.status === 403 || facts.status === 404 ? ' (the token needs actions: read for the log miner)' : '';
    return { analyst: name, candidates: [], notes: [`Stopped: GitHub answered ${facts.status}${hint}: ${facts.message}`], status: 'incomplete', requests: 0 };
  }
}

/**
 * Where a discover step stands: `all` analyses and files; `analyse` only writes the analysis (a read-only job that
 * may run the repository's code); `file` files an analysis whose digest matches, with what its own analysts find.
 */
export type DiscoverPhase = { kind: 'all' } | { kind: 'analyse'; path: string } | { kind: 'file'; path: string; digest: string | undefined };

interface Night {
  bot: BotIdentity;
  cursorIssue: CursorIssue | null;
  resume: DiscoverCursor;
  reports: AnalystReport[];
}

async function analyse(settings: DiscoverSettings, deps: DiscoverDeps): Promise<Night> {
  const bot = await resolveBotIdentity(deps.gh, settings.botLogin);
  // Where the last night that a rate limit or the request budget cut short stopped (only the log miner resumes).
  const cursorIssue = settings.analysts.includes('log-miner') ? await readCursor(deps.gh, deps.repo, bot, deps.labels) : null;
  const resume = cursorIssue?.cursor ?? {};
  const context: AnalystContext = {
    gh: deps.gh,
    repo: deps.repo,
    serverUrl: deps.serverUrl,
    defaultBranch: deps.defaultBranch,
    now: deps.now,
    workspace: deps.workspace,
    settings,
    resume,
    ...(deps.openSandbox ? { openSandbox: deps.openSandbox } : {}),
  };
  const runners = deps.analysts ?? ANALYST_RUNNERS;
  const reports: AnalystReport[] = [];
  for (const name of settings.analysts) reports.push(await runAnalyst(runners[name], name, context));
  return { bot, cursorIssue, resume, reports };
}

export async function runDiscover(settings: DiscoverSettings, deps: DiscoverDeps, phase: DiscoverPhase = { kind: 'all' }): Promise<ActionOutcome> {
  if (phase.kind === 'analyse') {
    const night = await analyse(settings, deps);
    const digest = writeHandoff(phase.path, { resume: night.resume, reports: night.reports });
    const candidates = night.reports.reduce((sum, report) => sum + report.candidates.length, 0);
    const summary = renderSummary({
      reports: night.reports,
      actions: [],
      filed: new Map(),
      dryRun: settings.dryRun,
      maxNewIssues: settings.maxNewIssues,
      repoUrl: `${deps.serverUrl}/${deps.repo.owner}/${deps.repo.repo}`,
    }).replace('No candidates tonight.', `${candidates} candidate${candidates === 1 ? '' : 's'} handed to the filing step (analysis digest \`${digest}\`).`);
    const outputs = { 'candidates-path': phase.path, 'candidates-digest': digest, candidates };
    return outcome('success', `discover: analysed, ${candidates} candidate${candidates === 1 ? '' : 's'} written to ${phase.path}`, outputs, summary);
  }
  if (phase.kind === 'file') {
    // The analysis of the read-only job, plus the analysts this step runs itself (those that read only the API).
    const handoff = readHandoff(phase.path, phase.digest);
    const night = await analyse(settings, deps);
    const handed = handoff.reports.filter((report) => !settings.analysts.includes(report.analyst));
    const minerHere = settings.analysts.includes('log-miner');
    const minerHanded = handed.some((report) => report.analyst === 'log-miner');
    const cursorIssue = minerHere ? night.cursorIssue : minerHanded ? await readCursor(deps.gh, deps.repo, night.bot, deps.labels) : null;
    return fileNight(settings, deps, {
      bot: night.bot,
      cursorIssue,
      resume: minerHere ? night.resume : handoff.resume,
      reports: [...handed, ...night.reports],
    });
  }
  return fileNight(settings, deps, await analyse(settings, deps));
}

async function fileNight(settings: DiscoverSettings, deps: DiscoverDeps, night: Night): Promise<ActionOutcome> {
  const { bot, cursorIssue, resume, reports } = night;
  const existing = await listSuggestions(deps.gh, deps.repo, deps.labels.agentSuggestion, bot);
  const actions = planDiscoveries(
    reports.flatMap((report) => report.candidates),
    existing,
    settings.maxNewIssues,
  );
  const creates = actions.flatMap((action) => (action.kind === 'create' ? [action.candidate] : []));
  const footer = `_Filed by the agentic-workflow discover action${deps.runUrl ? ` ([run](${deps.runUrl}))` : ''}. Decide in the weekly triage report with \`/approve\` or \`/reject <reason>\`._`;
  const filed = settings.dryRun
    ? new Map<string, number>()
    : await fileCandidates({ gh: deps.gh, repo: deps.repo, bot, labels: deps.labels, footer, known: deps.secrets }, creates);

  const next = nextCursor(
    resume,
    reports,
    actions.flatMap((action) => (action.kind === 'over-cap' ? [action.candidate] : [])),
  );
  if (!settings.dryRun) await writeCursor(deps.gh, deps.repo, deps.labels, cursorIssue, next);
  const miner = reports.find((report) => report.analyst === 'log-miner');
  if (miner && next.logMinerAfter !== undefined)
    miner.notes.push(`The next night resumes after run ${next.logMinerAfter}${settings.dryRun ? ' (not recorded: dry run)' : ''}.`);
  if (miner && next.sentryCursor !== undefined)
    miner.notes.push(`The next night resumes Sentry's listing at cursor ${next.sentryCursor}${settings.dryRun ? ' (not recorded: dry run)' : ''}.`);

  const incomplete = reports.filter((report) => report.status === 'incomplete').map((report) => report.analyst);
  const summary = renderSummary({
    reports,
    actions,
    filed,
    dryRun: settings.dryRun,
    maxNewIssues: settings.maxNewIssues,
    repoUrl: `${deps.serverUrl}/${deps.repo.owner}/${deps.repo.repo}`,
    labelsFor: (candidate) => candidateLabels(deps.labels, candidate),
  });
  const counts = {
    known: actions.filter((a) => a.kind === 'known').length,
    rejected: actions.filter((a) => a.kind === 'rejected').length,
    deferred: actions.filter((a) => a.kind === 'over-cap').length,
  };
  const outputs = {
    'issues-created': filed.size,
    'created-issues': JSON.stringify([...filed.values()]),
    candidates: reports.reduce((sum, report) => sum + report.candidates.length, 0),
    known: counts.known,
    rejected: counts.rejected,
    deferred: counts.deferred,
  };
  const did = settings.dryRun ? `would file ${creates.length}` : `filed ${filed.size}`;
  const message = `discover: ${did} suggestion${(settings.dryRun ? creates.length : filed.size) === 1 ? '' : 's'}; ${counts.known} already open, ${counts.rejected} rejected before, ${counts.deferred} over the nightly cap`;
  if (incomplete.length > 0) return outcome('neutral', `${message}; incomplete: ${incomplete.join(', ')} (see the job summary)`, outputs, summary);
  return outcome('success', message, outputs, summary);
}
