/** The log miner: failed CI runs on the default branch and an optional JSON-lines error log, clustered into candidates. */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { AnalystContext } from '../analyst-context.js';
import type { AnalystReport } from '../candidate.js';
import { readActionsFailures } from './actions-source.js';
import { clusterOccurrences, type Occurrence } from './cluster.js';
import { clusterCandidate } from './findings.js';
import { readJsonLines } from './jsonl-source.js';
import { readSentryIssues, type SentryFacts } from './sentry-source.js';

/** The cursor Sentry leaves: where a cut-short listing resumes, null to start over, undefined to keep the last one. */
function sentryCursorAfter(facts: SentryFacts | undefined): string | null | undefined {
  if (!facts) return undefined;
  if (facts.stopped === 'rate-limit' || facts.stopped === 'budget') return facts.resumeCursor ?? null;
  return facts.stopped === null ? null : undefined;
}

export async function runLogMiner(context: AnalystContext): Promise<AnalystReport> {
  const { settings } = context;
  const since = new Date(context.now.getTime() - settings.lookbackDays * 86_400_000);
  const skipThrough = context.resume?.logMinerAfter;
  const actions = await readActionsFailures(context.gh, context.repo, {
    branch: context.defaultBranch,
    since,
    maxRequests: settings.maxApiRequests,
    ...(skipThrough !== undefined ? { skipThrough } : {}),
  });
  const occurrences: Occurrence[] = [...actions.occurrences];
  const notes = [
    `Workflow runs on ${context.defaultBranch} since ${since.toISOString().slice(0, 10)}: ${actions.failedRuns} failed, ${actions.failedJobs} failed job${actions.failedJobs === 1 ? '' : 's'}, ${actions.logsRead} log${actions.logsRead === 1 ? '' : 's'} read, ${actions.requests} API request${actions.requests === 1 ? '' : 's'}.`,
    ...actions.notes,
  ];
  let complete = actions.stopped === null;
  if (settings.logFile) {
    const path = isAbsolute(settings.logFile) ? settings.logFile : join(context.workspace, settings.logFile);
    let content: string | undefined;
    try {
      content = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      notes.push(
        `The error log file ${settings.logFile} could not be read (${code === 'ENOENT' ? 'it does not exist; the step that writes it must run first' : (code ?? 'unknown error')}).`,
      );
      complete = false;
    }
    if (content !== undefined) {
      const facts = readJsonLines(content, { name: settings.logFile }, [context.workspace, ...(settings.logSourceRoot ? [settings.logSourceRoot] : [])]);
      occurrences.push(...facts.occurrences);
      notes.push(`Error log ${settings.logFile}: ${facts.lines} line${facts.lines === 1 ? '' : 's'}, ${facts.errors} error${facts.errors === 1 ? '' : 's'}.`);
      if (facts.malformed > 0)
        notes.push(
          `${facts.malformed} line${facts.malformed === 1 ? ' is not a JSON object and was' : 's are not JSON objects and were'} skipped (line ${facts.malformedLines.join(', ')}${facts.malformed > facts.malformedLines.length ? ', …' : ''}).`,
        );
    }
  }
  let sentry: SentryFacts | undefined;
  if (settings.sentry) {
    sentry = await readSentryIssues(settings.sentry, {
      lookbackDays: settings.lookbackDays,
      maxRequests: settings.maxApiRequests,
      timeoutMs: settings.registryTimeoutMs,
      roots: [context.workspace, ...(settings.logSourceRoot ? [settings.logSourceRoot] : [])],
      ...(context.resume?.sentryCursor ? { resumeCursor: context.resume.sentryCursor } : {}),
    });
    occurrences.push(...sentry.occurrences);
    notes.push(...sentry.notes);
    if (sentry.stopped !== null) complete = false;
  }
  const clusters = clusterOccurrences(occurrences, actions.passes);
  const flaky = clusters.filter((cluster) => cluster.flaky).length;
  notes.push(
    `${occurrences.length} error occurrence${occurrences.length === 1 ? '' : 's'} in ${clusters.length} cluster${clusters.length === 1 ? '' : 's'} (${flaky} flaky).`,
  );
  return {
    analyst: 'log-miner',
    candidates: clusters.map(clusterCandidate),
    notes,
    status: complete ? 'complete' : 'incomplete',
    requests: actions.requests + (sentry?.requests ?? 0),
    mined: { runIds: actions.minedRunIds, interrupted: actions.stopped !== null, sentryCursor: sentryCursorAfter(sentry) },
  };
}
