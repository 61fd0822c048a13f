/**
 * Inline review comments, the review body and suggestion issues. Each carries a hidden marker so later runs
 * recognise what this reviewer already posted (found by marker and the bot's id, never by wording). Pure.
 */
import { FINDING_MARKER_KIND, REVIEW_MARKER_KIND, SEEN_MARKER_KIND } from '../core/markers/kinds.js';
import { writeMarker } from '../core/markers/registry.js';
import { formatRepository, type RepoRef } from '../core/repo.js';
import type { ReviewedFinding } from './findings.js';
import type { ReviewerProfile } from './profile.js';
import { badge, codeBlock, safeProse, shortSha, where } from './render-text.js';

const MAX_ISSUE_TITLE = 256;

function heading(finding: ReviewedFinding): string {
  return `**${badge(finding.severity)} · ${finding.category}** — ${safeProse(finding.title)}`;
}

function replacement(finding: ReviewedFinding): string[] {
  if (finding.suggestion === undefined) return [];
  if (finding.suggestionApplies) return [codeBlock(finding.suggestion, 'suggestion')];
  return ['Possible replacement (could not be placed exactly on the lines, so it is not offered as a suggestion):', codeBlock(finding.suggestion)];
}

export function inlineCommentBody(profile: Pick<ReviewerProfile, 'name' | 'title'>, finding: ReviewedFinding): string {
  return [
    heading(finding),
    safeProse(finding.body),
    ...replacement(finding),
    `<sub>${profile.title} · agentic-workflow</sub>\n${writeMarker(FINDING_MARKER_KIND, { reviewer: profile.name, fp: finding.fingerprint })}`,
  ].join('\n\n');
}

export interface ReviewBodyInput {
  headSha: string;
  newComments: number;
  findings: number;
  blocking: boolean;
  blockReason: string;
  detailsUrl?: string | undefined;
  note?: string | undefined;
}

export function reviewBody(profile: Pick<ReviewerProfile, 'name' | 'title'>, input: ReviewBodyInput): string {
  const verdict = input.blocking ? `**Blocks merging:** ${input.blockReason}.` : input.findings === 0 ? 'No findings.' : 'Nothing blocking.';
  const lines = [
    `**${profile.title}** of \`${shortSha(input.headSha)}\`: ${input.findings} finding${input.findings === 1 ? '' : 's'}, ${input.newComments} new inline. ${verdict}`,
    'The summary comment on this pull request lists every finding, what was skipped and the cost.',
  ];
  if (input.note) lines.push(input.note);
  if (input.detailsUrl) lines.push(`[Check run](${input.detailsUrl})`);
  lines.push(writeMarker(REVIEW_MARKER_KIND, { reviewer: profile.name, head: input.headSha }));
  return lines.join('\n\n');
}

export function suggestionTitle(profile: Pick<ReviewerProfile, 'issueTitlePrefix'>, finding: ReviewedFinding): string {
  const title = `${profile.issueTitlePrefix} ${finding.title}`;
  return title.length > MAX_ISSUE_TITLE ? `${title.slice(0, MAX_ISSUE_TITLE - 1)}…` : title;
}

export interface SuggestionBodyInput {
  repo: RepoRef;
  serverUrl: string;
  pullNumber: number;
  headSha: string;
}

/** The visible body; the suggestion marker is appended by the caller (it changes when PRs are added). */
export function suggestionBody(profile: Pick<ReviewerProfile, 'title'>, finding: ReviewedFinding, input: SuggestionBodyInput): string {
  const repoUrl = `${input.serverUrl}/${formatRepository(input.repo)}`;
  const anchor = finding.placement === 'inline' ? `#L${finding.startLine ?? finding.line}${finding.startLine !== undefined ? `-L${finding.line}` : ''}` : '';
  const link = `${repoUrl}/blob/${input.headSha}/${finding.file.split('/').map(encodeURIComponent).join('/')}${anchor}`;
  return [
    `${profile.title} found this in #${input.pullNumber} at \`${shortSha(input.headSha)}\`: [\`${where(finding)}\`](${link}).`,
    `**Severity:** ${badge(finding.severity)} · **Category:** ${finding.category}`,
    safeProse(finding.body),
    ...(finding.suggestion !== undefined ? ['**Suggested change**', codeBlock(finding.suggestion)] : []),
    '---',
    'Triage: a maintainer comments `/approve` (optionally `/approve high|medium|low`) to put this on the roadmap, or `/reject <reason>` to close it; a rejected suggestion is not raised again.',
  ].join('\n\n');
}

export function seenAgainBody(profile: Pick<ReviewerProfile, 'name' | 'title'>, pullNumber: number, finding: ReviewedFinding, headSha: string): string {
  return `Seen again in #${pullNumber} by ${profile.title} (\`${where(finding)}\` at \`${shortSha(headSha)}\`).\n\n${writeMarker(SEEN_MARKER_KIND, { pr: pullNumber, reviewer: profile.name })}`;
}
