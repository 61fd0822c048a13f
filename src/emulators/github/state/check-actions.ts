import type { CheckAnnotationRecord, CheckConclusion, CheckRunRecord, CheckStatus, CommitState, StatusRecord } from './records.js';
import type { RepositoryState } from './repository-state.js';

export interface CheckRunChanges {
  name?: string;
  status?: CheckStatus;
  conclusion?: CheckConclusion | null;
  startedAt?: string;
  completedAt?: string | null;
  detailsUrl?: string | null;
  externalId?: string;
  output?: { title?: string | null; summary?: string | null; text?: string | null; annotations?: CheckAnnotationRecord[] };
}

/** One check suite per app and commit, as GitHub groups runs. */
function suiteIdFor(state: RepositoryState, app: string, sha: string): number {
  for (const run of state.checkRuns.values()) if (run.app === app && run.headSha === sha) return run.checkSuiteId;
  return state.nextId();
}

export function createCheckRun(state: RepositoryState, input: { name: string; headSha: string; app: string } & CheckRunChanges): CheckRunRecord {
  const now = state.clock.iso();
  const run: CheckRunRecord = {
    id: state.nextId(),
    name: input.name,
    headSha: input.headSha,
    status: 'queued',
    conclusion: null,
    startedAt: input.startedAt ?? now,
    completedAt: null,
    detailsUrl: null,
    externalId: '',
    output: { title: null, summary: null, text: null },
    annotations: [],
    app: input.app,
    checkSuiteId: suiteIdFor(state, input.app, input.headSha),
  };
  state.checkRuns.set(run.id, run);
  applyCheckRunChanges(state, run, input);
  return run;
}

/** GitHub's rules: a conclusion implies completed; annotations are appended, never replaced. */
export function applyCheckRunChanges(state: RepositoryState, run: CheckRunRecord, changes: CheckRunChanges): void {
  if (changes.name !== undefined) run.name = changes.name;
  if (changes.detailsUrl !== undefined) run.detailsUrl = changes.detailsUrl;
  if (changes.externalId !== undefined) run.externalId = changes.externalId;
  if (changes.startedAt !== undefined) run.startedAt = changes.startedAt;
  if (changes.status !== undefined) run.status = changes.status;
  if (changes.conclusion !== undefined && changes.conclusion !== null) {
    run.conclusion = changes.conclusion;
    run.status = 'completed';
  }
  if (run.status === 'completed') run.completedAt = changes.completedAt ?? run.completedAt ?? state.clock.iso();
  if (changes.output) {
    const { annotations, ...text } = changes.output;
    if (text.title !== undefined) run.output.title = text.title;
    if (text.summary !== undefined) run.output.summary = text.summary;
    if (text.text !== undefined) run.output.text = text.text;
    if (annotations) run.annotations.push(...annotations);
  }
}

/** Runs on a commit, newest first; `latest` keeps only the newest run of each name. */
export function checkRunsFor(state: RepositoryState, sha: string, options: { name?: string; latestOnly: boolean }): CheckRunRecord[] {
  const runs = [...state.checkRuns.values()]
    .filter((run) => run.headSha === sha && (options.name === undefined || run.name === options.name))
    .sort((a, b) => b.id - a.id);
  if (!options.latestOnly) return runs;
  const seen = new Set<string>();
  return runs.filter((run) => {
    const key = `${run.app}\0${run.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function createStatus(
  state: RepositoryState,
  input: { sha: string; state: CommitState; context?: string; description?: string | null; targetUrl?: string | null; creator: string },
): StatusRecord {
  const now = state.clock.iso();
  const status: StatusRecord = {
    id: state.nextId(),
    sha: input.sha,
    state: input.state,
    context: input.context ?? 'default',
    description: input.description ?? null,
    targetUrl: input.targetUrl ?? null,
    creator: input.creator,
    createdAt: now,
    updatedAt: now,
  };
  state.statuses.set(status.id, status);
  return status;
}

/** Statuses on a commit, newest first. */
export function statusesFor(state: RepositoryState, sha: string): StatusRecord[] {
  return [...state.statuses.values()].filter((status) => status.sha === sha).sort((a, b) => b.id - a.id);
}

/** The newest status per context and their combined state, as GET /commits/{ref}/status reports. */
export function combinedStatus(state: RepositoryState, sha: string): { state: CommitState; latest: StatusRecord[] } {
  const seen = new Set<string>();
  const latest = statusesFor(state, sha).filter((status) => {
    if (seen.has(status.context)) return false;
    seen.add(status.context);
    return true;
  });
  let combined: CommitState = 'success';
  if (latest.length === 0) combined = 'pending';
  else if (latest.some((status) => status.state === 'error' || status.state === 'failure')) combined = 'failure';
  else if (latest.some((status) => status.state === 'pending')) combined = 'pending';
  return { state: combined, latest };
}
