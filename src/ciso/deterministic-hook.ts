/**
 * The review engine's deterministic hook for ciso-review: reads what the scanners need from the pull request
 * (through the API, as data), runs them, and hands the engine findings, the new dependencies and notes. The
 * redactor built from the secrets found is handed back too, so every text the engine posts is masked.
 */
import { formatRepository } from '../core/repo.js';
import type { Finding } from '../review/finding-schema.js';
import type { ReviewPullRequest } from '../review/pull-request.js';
import type { Registries } from '../scan/deps/registry.js';
import { runDeterministicScan, type DeterministicScanResult } from '../scan/deterministic-scan.js';
import type { ScanFinding } from '../scan/finding.js';
import { toReviewFinding } from './deterministic-findings.js';
import { ignoreMatcher, type ScannerSettings } from './policy.js';
import { collectScanInputs, type ContentReader } from './scan-input.js';

export interface ScanOfPullRequest {
  result: DeterministicScanResult;
  findings: Finding[];
  scanFindings: ScanFinding[];
  notes: string[];
  /** False when a registry check was skipped or a file could not be scanned. */
  complete: boolean;
}

export async function scanPullRequest(
  pr: ReviewPullRequest,
  read: ContentReader,
  registries: Registries,
  settings: ScannerSettings,
  now: number,
): Promise<ScanOfPullRequest> {
  const inputs = await collectScanInputs(pr.files, read, { base: pr.baseRef, head: pr.headSha });
  const ignorePath = ignoreMatcher(settings.ignoreGlobs);
  const result = await runDeterministicScan(
    { files: inputs.files, manifests: inputs.manifests },
    { now, registries, dependencyPolicy: settings.dependencyPolicy, allowedRegistries: settings.allowedRegistries, ...(ignorePath ? { ignorePath } : {}) },
  );
  const notes = [
    ...result.warnings.map((warning) => `Dependency check skipped: ${warning}.`),
    ...inputs.unscanned.map((file) => `Not scanned: \`${result.redact(file.path)}\` (${file.reason}).`),
  ];
  if (result.secretCount > 0)
    notes.push(
      `${result.secretCount} secret value(s) found; they are shown only as a short prefix everywhere this review writes. Revoke them: they stay in the pull request's history.`,
    );
  return {
    result,
    findings: result.findings.map(toReviewFinding),
    scanFindings: result.findings,
    notes,
    complete: result.dependencyChecksComplete && inputs.unscanned.length === 0,
  };
}

export function describeScan(pr: { number: number }, repo: { owner: string; repo: string }, scan: ScanOfPullRequest): string {
  const counts = scan.scanFindings.reduce<Record<string, number>>((acc, finding) => ({ ...acc, [finding.kind]: (acc[finding.kind] ?? 0) + 1 }), {});
  return `Deterministic scan of ${formatRepository(repo)}#${pr.number}: ${counts.secret ?? 0} secret, ${counts.pattern ?? 0} pattern and ${counts.dependency ?? 0} dependency finding(s).`;
}
