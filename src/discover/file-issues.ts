/**
 * Files the planned candidates as suggestion issues, the same kind reviews file: bot-authored, labelled
 * `agent-suggestion` + `needs-approval` + `severity-*` + `source:<analyst>`, with the suggestion marker that
 * carries the fingerprint. Text from logs and reports may hold a secret a CI step printed: every title and
 * body passes the secret scanner's redaction before it leaves.
 */
import { SUGGESTION_MARKER_KIND } from '../core/markers/kinds.js';
import { writeMarker } from '../core/markers/registry.js';
import type { GitHub } from '../core/github.js';
import type { BotIdentity } from '../core/identity.js';
import { ensureLabels, severityLabel, type LabelKey, type LabelNames } from '../core/labels.js';
import type { RepoRef } from '../core/repo.js';
import { createOnce } from '../core/create-once.js';
import { listSuggestions, type SuggestionMarkerData } from '../review/suggestion-issues.js';
import { createRedactor } from '../core/redact.js';
import { scanSecrets } from '../scan/secrets/scan-secrets.js';
import type { Candidate, CandidateSource } from './candidate.js';

const SOURCE_LABELS: Readonly<Record<CandidateSource, LabelKey>> = {
  'log-miner': 'sourceLogMiner',
  coverage: 'sourceCoverage',
  docs: 'sourceDocs',
  dependencies: 'sourceDependencies',
  janitor: 'sourceJanitor',
};

export function sourceLabel(names: LabelNames, candidate: Pick<Candidate, 'analyst'>): string {
  return names[SOURCE_LABELS[candidate.analyst]];
}

export function candidateLabels(names: LabelNames, candidate: Candidate): string[] {
  return [names.agentSuggestion, names.needsApproval, severityLabel(names, candidate.severity), sourceLabel(names, candidate)];
}

export function candidateMarker(candidate: Candidate): SuggestionMarkerData {
  return {
    fingerprint: candidate.fingerprint,
    source: 'discovery',
    severity: candidate.severity,
    category: `${candidate.analyst}:${candidate.category}`,
    prs: [],
    ...(candidate.file ? { file: candidate.file } : {}),
  };
}

/** Redacts every secret the scanner recognises in a text (tokens, keys, private keys), plus the known ones. */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  const scanned = scanSecrets([
    { path: 'discovery.md', status: 'added', added: text.split('\n').map((line, index) => ({ line: index + 1, text: line })), context: [] },
  ]);
  return createRedactor([...scanned.secrets, ...known])(text);
}

export function issueBody(candidate: Candidate, footer: string, known: readonly string[] = []): string {
  return `${redactSecrets(`${candidate.body.trimEnd()}\n\n${footer}`, known).trimEnd()}\n\n${writeMarker(SUGGESTION_MARKER_KIND, candidateMarker(candidate))}`;
}

export interface FilingContext {
  gh: GitHub;
  repo: RepoRef;
  bot: BotIdentity;
  labels: LabelNames;
  /** A line under every body naming the run that filed it. */
  footer: string;
  /** Secrets this run holds (the token), redacted wherever they appear. */
  known: readonly string[];
}

export async function fileCandidates(context: FilingContext, candidates: readonly Candidate[]): Promise<Map<string, number>> {
  const filed = new Map<string, number>();
  if (candidates.length === 0) return filed;
  const { gh, repo } = context;
  await ensureLabels(gh, repo, [...new Set(candidates.flatMap((candidate) => candidateLabels(context.labels, candidate)))], context.labels);
  for (const candidate of candidates) {
    const create = async () => {
      const { data } = await gh.rest.issues.create({
        owner: repo.owner,
        repo: repo.repo,
        title: redactSecrets(candidate.title, context.known),
        body: issueBody(candidate, context.footer, context.known),
        labels: candidateLabels(context.labels, candidate),
      });
      return data.number;
    };
    // A failed create may have happened anyway: look (fresh listing) before trying once more.
    const find = async () =>
      (await listSuggestions(gh, repo, context.labels.agentSuggestion, context.bot)).find(
        (issue) => issue.marker.fingerprint === candidate.fingerprint && issue.state === 'open',
      )?.number;
    filed.set(candidate.fingerprint, await createOnce(create, find));
  }
  return filed;
}
