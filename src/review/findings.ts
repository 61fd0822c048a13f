/**
 * From what the model and scanners said to the findings a review shows: cleaned (no hidden text, secrets
 * redacted by the reviewer's hook), filtered by confidence, placed on the diff, fingerprinted and
 * de-duplicated. Pure.
 */
import { sanitizeUntrusted } from '../core/llm/index.js';
import type { FileDiffIndex } from './diff.js';
import type { Finding } from './finding-schema.js';
import { findingFingerprint, locationKey, normaliseCode } from './fingerprint.js';
import { placeFinding } from './line-mapping.js';
import { bySeverity } from './severity.js';

export interface ReviewedFinding extends Finding {
  fingerprint: string;
  /** Path + code without the category: how the two reviewers' findings at the same code are matched. */
  location: string;
  /** `inline`: `line` (and `startLine`) are diff lines; `file`: shown in the summary only. */
  placement: 'inline' | 'file';
  /** The stated line was wrong and was moved to where the quoted code is. */
  repaired: boolean;
  /** Why a finding is summary-only. */
  placementNote?: string | undefined;
  /** A GitHub suggestion block can be offered: the replacement maps exactly onto the commented lines. */
  suggestionApplies: boolean;
}

export interface DroppedFinding {
  title: string;
  file: string;
  reason: string;
}

export interface FindingsOptions {
  /** Findings with a confidence below this are dropped (those without one are kept). */
  minConfidence: number;
  /** The reviewer's redaction of text it posts (ciso-review masks secrets). */
  redact: (text: string) => string;
}

const MAX_TITLE = 120;

function cleanText(text: string, redact: (text: string) => string): string {
  // Model text is derived from untrusted input: nothing hidden (a fake state marker) survives into a post.
  return redact(sanitizeUntrusted(text)).trim();
}

function cleanTitle(text: string, redact: (text: string) => string): string {
  const line = cleanText(text, redact).replace(/\s+/g, ' ');
  return line.length > MAX_TITLE ? `${line.slice(0, MAX_TITLE - 1)}…` : line;
}

/** A replacement that cleaning would change is dropped: applied, the altered code would be wrong. */
function cleanSuggestion(suggestion: string | undefined, redact: (text: string) => string): string | undefined {
  if (suggestion === undefined) return undefined;
  const trimmed = suggestion.replace(/\n+$/, '');
  return redact(sanitizeUntrusted(trimmed)) === trimmed ? trimmed : undefined;
}

function clean(finding: Finding, redact: (text: string) => string): Finding {
  return {
    ...finding,
    title: cleanTitle(finding.title, redact) || `${finding.category} finding`,
    body: cleanText(finding.body, redact),
    suggestion: cleanSuggestion(finding.suggestion, redact),
    snippet: finding.snippet !== undefined ? redact(sanitizeUntrusted(finding.snippet)) : undefined,
  };
}

/** Pure: the findings of one review, most severe first, each fingerprint once. */
export function reviewFindings(
  raw: readonly Finding[],
  diffs: ReadonlyMap<string, FileDiffIndex>,
  options: FindingsOptions,
): { findings: ReviewedFinding[]; dropped: DroppedFinding[] } {
  const dropped: DroppedFinding[] = [];
  const byFingerprint = new Map<string, ReviewedFinding>();
  for (const original of bySeverity(raw)) {
    const finding = clean(original, options.redact);
    if (finding.confidence !== undefined && finding.confidence < options.minConfidence) {
      dropped.push({ title: finding.title, file: finding.file, reason: `confidence ${finding.confidence} is below ${options.minConfidence}` });
      continue;
    }
    const found = placeFinding(finding, diffs.get(finding.file));
    // A scanner's finding names a real changed file even when GitHub sent no diff for it (too large, binary): summary only.
    const placement =
      found.kind === 'none' && finding.origin === 'deterministic' ? { kind: 'file' as const, reason: `${finding.file} has no diff to comment on` } : found;
    if (placement.kind === 'none') {
      dropped.push({ title: finding.title, file: finding.file, reason: placement.reason });
      continue;
    }
    const code =
      placement.kind === 'inline'
        ? placement.code
        : finding.snippet && normaliseCode(finding.snippet)
          ? normaliseCode(finding.snippet)
          : `title:${normaliseCode(finding.title).toLowerCase()}`;
    const fingerprint = findingFingerprint(finding.category, finding.file, code);
    if (byFingerprint.has(fingerprint)) continue;
    const inline = placement.kind === 'inline';
    byFingerprint.set(fingerprint, {
      ...finding,
      line: inline ? placement.line : finding.line,
      startLine: inline ? placement.startLine : undefined,
      fingerprint,
      location: locationKey(finding.file, code),
      placement: inline ? 'inline' : 'file',
      repaired: inline && placement.repaired,
      placementNote: inline ? undefined : placement.reason,
      // A range the model asked for but that could not be kept would apply the replacement to the wrong lines.
      suggestionApplies: inline && finding.suggestion !== undefined && (finding.startLine === undefined || placement.startLine !== undefined),
    });
  }
  return { findings: [...byFingerprint.values()], dropped };
}
