/**
 * The patch bundle: everything the propose job decided, as one JSON file the publish job (which holds the
 * write token and no model key) acts on. It carries the outcome whatever it is (a change ready for a pull
 * request, questions, a SPEC, a failure report), the file contents as base64 with their SHA-256, and a
 * digest over the whole. The digest catches corruption and careless edits; it is not a signature (whoever
 * can write the file can recompute it), so publish re-checks the substance itself with its own settings.
 */
import { z } from 'zod';
import { testReportSchema, usageSchema } from '../../core/markers/schemas.js';
import { canonicalJson, implementationPlanSchema } from '../plan-schema.js';
import { sha256 } from '../../core/digest.js';

export const BUNDLE_FORMAT = 'agentic-workflow/implement-bundle';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const gitSha = z.string().regex(/^[0-9a-f]{40}$/);

export const bundleFileSchema = z.object({
  path: z.string().min(1).max(1024),
  action: z.enum(['create', 'modify', 'delete']),
  mode: z.enum(['100644', '100755']).optional(),
  /** Base64 of the new content; absent for deletions. */
  content: z.string().optional(),
  sha256: sha256Hex.optional(),
});
export type BundleFile = z.infer<typeof bundleFileSchema>;

export { testReportSchema, usageSchema, type TestReport, type UsageSummary } from '../../core/markers/schemas.js';

const refusalSchema = z.object({ tool: z.string(), path: z.string(), reason: z.string() });

/** A bug fixed reproduce-first: where the report points, the model's root cause, and the test's evidence. */
export const bugFixSchema = z.object({
  error: z.string().optional(),
  frames: z.array(z.object({ path: z.string().min(1).max(1024), line: z.number().int().nonnegative(), fn: z.string().optional() })).max(20),
  outsideFrames: z.number().int().nonnegative(),
  rootCause: z.string(),
  reproduction: z.object({
    status: z.enum(['reproduced', 'no-test', 'passed-on-base', 'failed-differently']),
    tests: z.array(z.string()),
    command: z.string(),
    baseOutput: z.string(),
    expected: z.string().optional(),
  }),
  fixedOutput: z.string(),
});
export type BugFixReport = z.infer<typeof bugFixSchema>;

export const FAILURE_CATEGORIES = ['code', 'critical', 'budget', 'model', 'user', 'transient', 'dependencies'] as const;
export type ImplementFailureCategory = (typeof FAILURE_CATEGORIES)[number];

export const outcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pull-request'),
    baseSha: gitSha,
    branch: z.string().min(1),
    plan: implementationPlanSchema,
    planNotes: z.array(z.string()),
    approvedBy: z.string().optional(),
    summary: z.string(),
    files: z.array(bundleFileSchema).min(1),
    test: testReportSchema,
    refusals: z.array(refusalSchema),
    bug: bugFixSchema.optional(),
  }),
  z.object({ kind: z.literal('questions'), questions: z.array(z.string().min(1)).min(1) }),
  z.object({ kind: z.literal('spec'), plan: implementationPlanSchema, planNotes: z.array(z.string()) }),
  z.object({
    kind: z.literal('failure'),
    category: z.enum(FAILURE_CATEGORIES),
    title: z.string(),
    reason: z.string(),
    tried: z.string().optional(),
    lastOutput: z.string().optional(),
    problems: z.array(z.string()).optional(),
  }),
  z.object({ kind: z.literal('spec-rejected'), reason: z.string(), by: z.string() }),
  z.object({ kind: z.literal('no-work'), reason: z.string() }),
  /** An earlier run recorded a change on the issue and was stopped by GitHub while publishing it: finish that. */
  z.object({ kind: z.literal('resume'), branch: z.string().min(1), commit: gitSha }),
]);
export type Outcome = z.infer<typeof outcomeSchema>;

/** How the repository's dependencies were installed before the agent worked (for the summary and reports). */
export const installReportSchema = z.object({
  status: z.enum(['ok', 'failed', 'skipped']),
  steps: z.array(
    z.object({ command: z.string(), because: z.string(), exitCode: z.number().int().nullable(), timedOut: z.boolean(), durationMs: z.number().nonnegative() }),
  ),
  note: z.string().optional(),
  output: z.string().optional(),
});

export const bundleBodySchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  v: z.literal(1),
  repository: z.string(),
  issue: z.object({ number: z.number().int().positive(), title: z.string() }),
  runId: z.number().int().optional(),
  runUrl: z.string().optional(),
  createdAt: z.string(),
  usage: usageSchema,
  install: installReportSchema.optional(),
  outcome: outcomeSchema,
});
export type BundleBody = z.infer<typeof bundleBodySchema>;

export const bundleSchema = bundleBodySchema.extend({ digest: sha256Hex });
export type Bundle = z.infer<typeof bundleSchema>;

export function digestOf(body: BundleBody): string {
  return sha256(canonicalJson(body));
}

export function sealBundle(body: BundleBody): Bundle {
  return { ...body, digest: digestOf(body) };
}
