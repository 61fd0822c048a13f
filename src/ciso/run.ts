/**
 * ciso-review after its inputs are valid: the shared review engine with the security profile, the
 * deterministic scanners as its hook, and the SARIF file. The GitHub client, the model, the registries and the
 * clock are built by the action entry and passed in.
 */
import { isAbsolute, resolve } from 'node:path';
import type { ModelChoice } from '../core/config.js';
import type { ActionOutcome } from '../core/outcome.js';
import { runReviewer, type ReviewerAdapters, type ReviewerRequest } from '../review/run-reviewer.js';
import type { ReviewOutcome } from '../review/types.js';
import type { RegistryEndpoints } from '../scan/deps/registries.js';
import type { Registries } from '../scan/deps/registry.js';
import { noRedaction, type Redactor } from '../core/redact.js';
import { contentReader } from './content-reader.js';
import { scannerContext } from './deterministic-findings.js';
import { describeScan, scanPullRequest, type ScanOfPullRequest } from './deterministic-hook.js';
import { CISO_POLICY_KEYS, resolveScannerSettings, type CisoInputs } from './policy.js';
import { cisoProfile } from './profile.js';
import { fromReviewed, fromStored, writeSarifFile } from './sarif-file.js';

export interface CisoRequest extends ReviewerRequest {
  scanner: CisoInputs;
  /** Relative to the workspace unless absolute. */
  sarifFile: string;
  /** The repository of the action being run (GITHUB_ACTION_REPOSITORY): where the tool is documented. */
  actionRepository: string | undefined;
}

export interface CisoAdapters extends ReviewerAdapters {
  /** The package registries, at the endpoints the policy names. */
  registries: (endpoints: RegistryEndpoints) => Registries;
  now: () => number;
}

/** Without a key the scanners still run (scanner-only mode); local OpenAI-compatible servers often need none. */
function modelSkipReason(model: ModelChoice): string | undefined {
  const { provider, apiKey } = model;
  if (apiKey || provider === 'openai-compatible') return undefined;
  return `no API key for ${provider}: set ${provider === 'anthropic' ? 'anthropic-api-key' : 'openai-api-key'}; scanner-only mode`;
}

export async function runCisoReview(request: CisoRequest, adapters: CisoAdapters): Promise<ActionOutcome> {
  const { context, logger } = adapters;
  // Masks the secrets the scan finds; the profile reads it at every use, so it applies from the scan on.
  let redact: Redactor = noRedaction;
  let scan: ScanOfPullRequest | undefined;
  const profile = cisoProfile({ redact: (text) => redact(text) });
  const skipModel = modelSkipReason(request.primaryModel);

  const review: ReviewOutcome = await runReviewer(request, adapters, profile, {
    modelSkipReason: skipModel,
    policyKeys: CISO_POLICY_KEYS,
    // The engine's own client reads the files the scanners need.
    hooks: ({ extra, gh }) => ({
      deterministic: async (pr) => {
        const settings = resolveScannerSettings(extra, request.scanner);
        scan = await scanPullRequest(pr, contentReader(gh, context.repo), adapters.registries(settings.registries), settings, adapters.now());
        redact = scan.result.redact;
        logger.info(describeScan(pr, context.repo, scan));
        for (const note of scan.notes) logger.warning(note);
        return {
          findings: scan.findings,
          newDependencies: scan.result.newDependencies,
          notes: scan.notes,
          complete: scan.complete,
          promptContext: scannerContext(scan.scanFindings),
        };
      },
    }),
  });

  const sarifPath = isAbsolute(request.sarifFile) ? request.sarifFile : resolve(context.workspace, request.sarifFile);
  // Written when this run reviewed the head, or an earlier run did and recorded findings; a run that did not
  // get to review (a draft, a refused event) writes none, so an upload step cannot clear alerts it never saw.
  const ranOrKnown = review.reviewed || review.openFindings.length > 0;
  const findings = review.reviewed ? review.findings.map(fromReviewed) : review.openFindings.map(fromStored);
  const notifications = [...(skipModel ? [`The model pass was skipped: ${skipModel}.`] : []), ...(scan?.notes ?? [])];
  // The runner names the repository of the action being run; that is where the tool is documented.
  const informationUri = request.actionRepository ? `${context.serverUrl}/${request.actionRepository}` : undefined;
  const sarif = ranOrKnown ? writeSarifFile(sarifPath, findings, { notifications, informationUri, redact }) : undefined;
  const summary = [review.summary.trimEnd(), sarif ? `SARIF: ${sarif.results} result(s) in \`${sarif.path}\`.` : ''].filter(Boolean).join('\n\n');
  return {
    conclusion: review.conclusion,
    message: redact(review.message),
    summary: `${redact(summary)}\n`,
    outputs: {
      'should-block': review.shouldBlock,
      'vulnerabilities-found': review.reviewed ? review.findings.length : review.openFindings.length,
      'sarif-file': sarif?.path ?? '',
      // Known only when this run reviewed (a rerun on the same head reads no diff); the check run's marker keeps them.
      'new-dependencies': review.reviewed ? JSON.stringify(review.newDependencies) : '',
    },
  };
}
