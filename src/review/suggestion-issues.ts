/**
 * Suggestion issues on GitHub: one paginated, label-filtered listing finds every existing suggestion (open
 * and closed) for the whole run, and the planned actions are carried out. Creating an issue is not
 * idempotent, so a failed create is followed by a fresh listing before any second attempt.
 */
import { SEEN_MARKER_KIND, SUGGESTION_MARKER_KIND } from '../core/markers/kinds.js';
import { readMarker, writeMarker } from '../core/markers/registry.js';
import type { SuggestionMarker } from '../core/markers/schemas.js';
import type { GitHub } from '../core/github.js';
import { isBot, type BotIdentity } from '../core/identity.js';
import { ensureLabels, severityLabel, type LabelNames } from '../core/labels.js';
import { stripMarkers } from '../core/marker.js';
import type { RepoRef } from '../core/repo.js';
import { createOnce } from '../core/create-once.js';
import type { ReviewedFinding } from './findings.js';
import type { ReviewerProfile } from './profile.js';
import { seenAgainBody, suggestionBody, suggestionTitle } from './render-comments.js';
import type { ExistingSuggestion, SuggestionAction } from './suggestion-plan.js';

/** The marker's data as stored (the version is added on write). */
export type SuggestionMarkerData = Omit<SuggestionMarker, 'v'>;

/** Every suggestion issue the bot created, with its marker. Issues by anyone else are ignored. */
export async function listSuggestions(gh: GitHub, repo: RepoRef, label: string, bot: BotIdentity): Promise<ExistingSuggestion[]> {
  const issues = await gh.paginate(gh.rest.issues.listForRepo, { owner: repo.owner, repo: repo.repo, labels: label, state: 'all', per_page: 100 });
  return issues.flatMap((issue) => {
    if (issue.pull_request || !isBot(issue.user, bot)) return [];
    const marker = readMarker(SUGGESTION_MARKER_KIND, issue.body);
    if (!marker) return [];
    const state = issue.state === 'closed' ? ('closed' as const) : ('open' as const);
    return [{ number: issue.number, state, stateReason: issue.state_reason ?? null, body: issue.body ?? '', marker }];
  });
}

export function suggestionLabels(profile: Pick<ReviewerProfile, 'issueLabels'>, names: LabelNames, finding: ReviewedFinding): string[] {
  return [names.agentSuggestion, names.needsApproval, severityLabel(names, finding.severity), ...profile.issueLabels.map((key) => names[key])];
}

export function suggestionMarker(profile: Pick<ReviewerProfile, 'name'>, finding: ReviewedFinding, prs: number[]): SuggestionMarkerData {
  return {
    fingerprint: finding.fingerprint,
    source: profile.name,
    severity: finding.severity,
    category: finding.category,
    prs,
    file: finding.file,
    location: finding.location,
  };
}

function withMarker(visible: string, marker: SuggestionMarkerData): string {
  return `${visible.trimEnd()}\n\n${writeMarker(SUGGESTION_MARKER_KIND, marker)}`;
}

export interface SuggestionContext {
  gh: GitHub;
  repo: RepoRef;
  serverUrl: string;
  bot: BotIdentity;
  labels: LabelNames;
  profile: ReviewerProfile;
  pullNumber: number;
  headSha: string;
  redact: (text: string) => string;
}

export interface SuggestionResult {
  /** Issue of each finding that has one (created, noted or already known). */
  issues: Map<string, number>;
  created: number[];
  noted: number[];
}

async function createSuggestion(context: SuggestionContext, finding: ReviewedFinding): Promise<number> {
  const { gh, repo, profile } = context;
  const body = withMarker(
    context.redact(suggestionBody(profile, finding, { repo, serverUrl: context.serverUrl, pullNumber: context.pullNumber, headSha: context.headSha })),
    suggestionMarker(profile, finding, [context.pullNumber]),
  );
  const create = async () => {
    const { data } = await gh.rest.issues.create({
      owner: repo.owner,
      repo: repo.repo,
      title: context.redact(suggestionTitle(profile, finding)),
      body,
      labels: suggestionLabels(profile, context.labels, finding),
    });
    return data.number;
  };
  // A 502 may come after GitHub created the issue: look again (fresh listing) before trying a second time.
  const find = async () => {
    const existing = await listSuggestions(gh, repo, context.labels.agentSuggestion, context.bot);
    return existing.find((issue) => issue.marker.fingerprint === finding.fingerprint && issue.marker.prs.includes(context.pullNumber))?.number;
  };
  return createOnce(create, find);
}

async function noteSeenAgain(context: SuggestionContext, finding: ReviewedFinding, issue: ExistingSuggestion): Promise<void> {
  const { gh, repo } = context;
  // The PR goes into the marker first: that is what makes the note once per PR even if the comment fails.
  const marker = { ...issue.marker, prs: [...issue.marker.prs, context.pullNumber] };
  await gh.rest.issues.update({
    owner: repo.owner,
    repo: repo.repo,
    issue_number: issue.number,
    body: withMarker(stripMarkers(SUGGESTION_MARKER_KIND, issue.body), marker),
  });
  const body = context.redact(seenAgainBody(context.profile, context.pullNumber, finding, context.headSha));
  await createOnce(
    async () => {
      await gh.rest.issues.createComment({ owner: repo.owner, repo: repo.repo, issue_number: issue.number, body });
      return true;
    },
    async () => {
      const comments = await gh.paginate(gh.rest.issues.listComments, { owner: repo.owner, repo: repo.repo, issue_number: issue.number, per_page: 100 });
      const seen = comments.some(
        (comment) =>
          isBot(comment.user, context.bot) &&
          (comment.body ?? '').includes(writeMarker(SEEN_MARKER_KIND, { pr: context.pullNumber, reviewer: context.profile.name })),
      );
      return seen ? true : undefined;
    },
  );
}

export async function applySuggestions(context: SuggestionContext, actions: readonly SuggestionAction[]): Promise<SuggestionResult> {
  const result: SuggestionResult = { issues: new Map(), created: [], noted: [] };
  const creates = actions.filter((action) => action.kind === 'create');
  if (creates.length > 0) {
    const labels = [...new Set(creates.flatMap((action) => suggestionLabels(context.profile, context.labels, action.finding)))];
    await ensureLabels(context.gh, context.repo, labels, context.labels);
  }
  for (const action of actions) {
    switch (action.kind) {
      case 'create': {
        const number = await createSuggestion(context, action.finding);
        result.created.push(number);
        result.issues.set(action.finding.fingerprint, number);
        break;
      }
      case 'note':
        await noteSeenAgain(context, action.finding, action.issue);
        result.noted.push(action.issue.number);
        result.issues.set(action.finding.fingerprint, action.issue.number);
        break;
      case 'known':
        result.issues.set(action.finding.fingerprint, action.issue.number);
        break;
      case 'rejected':
        break;
    }
  }
  return result;
}
