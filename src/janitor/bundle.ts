/**
 * The janitor's bundle: what the propose job (read-only token, repository code in the sandbox) decided, as one
 * JSON file the publish job (write token, no repository code) acts on. It carries the whole report (kept
 * updates with their files as base64 and SHA-256, reverted ones with their evidence, majors, what was left)
 * and a digest over it. Written and read like implement's bundle: the digest is the propose step's output,
 * so a bundle changed afterwards is refused; publish then re-checks the substance itself (dependency-check.ts).
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { BundleRejectedError, MAX_BUNDLE_BYTES, resolveBundlePath } from '../implement/bundle/bundle-file.js';
import { sha256 } from '../core/digest.js';
import { canonicalJson } from '../implement/plan-schema.js';
import type { JanitorReport } from './report.js';
import { ECOSYSTEMS } from './types.js';
import type { UpdateResult } from './update-loop.js';

export { BundleRejectedError } from '../implement/bundle/bundle-file.js';

export const JANITOR_BUNDLE_FORMAT = 'agentic-workflow/janitor-bundle';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const text = z.string().max(20_000);

const updateSchema = z.object({
  ecosystem: z.enum(ECOSYSTEMS),
  tool: z.string().max(40),
  name: z.string().min(1).max(300),
  from: z.string().min(1).max(100),
  to: z.string().min(1).max(100),
  kind: z.enum(['patch', 'minor', 'major']),
  command: text,
  changelog: z.string().max(2_000),
  dependencyType: z.string().max(100).optional(),
});

const resultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('kept'),
    update: updateSchema,
    /** content: base64, null when the update deleted the file. */
    files: z.array(z.object({ path: z.string().min(1).max(1024), content: z.string().nullable(), sha256: z.union([sha256Hex, z.literal('absent')]) })).min(1),
    testMs: z.number().nonnegative(),
  }),
  z.object({
    status: z.literal('reverted'),
    update: updateSchema,
    stage: z.enum(['update', 'install', 'tests']),
    reason: text,
    failingTest: z.string().max(500).optional(),
    output: text,
    restored: z.array(z.object({ path: z.string().min(1).max(1024), sha256: z.union([sha256Hex, z.literal('absent')]) })),
  }),
  z.object({ status: z.literal('unchanged'), update: updateSchema, reason: text }),
]);

export const janitorBundleBodySchema = z.object({
  format: z.literal(JANITOR_BUNDLE_FORMAT),
  v: z.literal(1),
  repository: z.string().min(3).max(200),
  createdAt: z.string(),
  runUrl: z.string().max(2_000).optional(),
  report: z.object({
    baseSha: z.string().regex(/^[0-9a-f]{40}$/),
    testCommand: z.string().max(2_000),
    isolation: z.string().max(2_000),
    week: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    results: z.array(resultSchema).max(500),
    notAttempted: z.array(z.object({ update: updateSchema, reason: text })).max(1_000),
    majors: z
      .array(
        z.object({
          ecosystem: z.enum(ECOSYSTEMS),
          name: z.string().min(1).max(300),
          from: z.string().max(100),
          to: z.string().max(100),
          changelog: z.string().max(2_000),
        }),
      )
      .max(1_000),
    skipped: z.array(z.object({ name: z.string().max(300), from: z.string().max(100), to: z.string().max(100), reason: text })).max(1_000),
    notes: z.array(text).max(50),
  }),
});
export type JanitorBundleBody = z.infer<typeof janitorBundleBodySchema>;
export const janitorBundleSchema = janitorBundleBodySchema.extend({ digest: sha256Hex });
export type JanitorBundle = z.infer<typeof janitorBundleSchema>;

function digestOf(body: JanitorBundleBody): string {
  return sha256(canonicalJson(body));
}

function fileDigest(content: Buffer | null): string {
  return content === null ? 'absent' : sha256(content);
}

/** Pure: the report as a sealed bundle (file contents as base64 with their SHA-256). */
export function sealJanitorBundle(report: JanitorReport, meta: { repository: string; createdAt: string; runUrl?: string }): JanitorBundle {
  const results = report.results.map((result) =>
    result.status === 'kept'
      ? {
          ...result,
          files: result.files.map((file) => ({ path: file.path, content: file.content?.toString('base64') ?? null, sha256: fileDigest(file.content) })),
        }
      : result,
  );
  const body: JanitorBundleBody = {
    format: JANITOR_BUNDLE_FORMAT,
    v: 1,
    repository: meta.repository,
    createdAt: meta.createdAt,
    ...(meta.runUrl ? { runUrl: meta.runUrl } : {}),
    report: {
      baseSha: report.baseSha,
      testCommand: report.testCommand,
      isolation: report.isolation,
      week: report.week,
      results: results as JanitorBundleBody['report']['results'],
      notAttempted: report.notAttempted,
      majors: report.majors,
      skipped: report.skipped,
      notes: report.notes,
    },
  };
  return { ...body, digest: digestOf(body) };
}

/** Pure: the report a checked bundle carries, with the files back as bytes. */
export function reportOfBundle(bundle: JanitorBundle): JanitorReport {
  const results: UpdateResult[] = bundle.report.results.map((result) =>
    result.status === 'kept'
      ? { ...result, files: result.files.map((file) => ({ path: file.path, content: file.content === null ? null : Buffer.from(file.content, 'base64') })) }
      : result,
  );
  return { ...bundle.report, results, majorIssues: new Map() };
}

export async function writeJanitorBundle(path: string, bundle: JanitorBundle): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${canonicalJson(bundle)}\n`, { mode: 0o600 });
}

/** Pure: a parsed bundle whose digest and file hashes hold, or the reason it is refused. */
export function checkJanitorBundle(value: unknown): JanitorBundle {
  const parsed = janitorBundleSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleRejectedError(`the bundle does not match its schema: ${issue ? `${issue.path.join('.') || '(root)'} ${issue.message}` : 'invalid'}`);
  }
  const { digest, ...body } = parsed.data;
  if (digestOf(body) !== digest) throw new BundleRejectedError('the bundle digest does not match its content (it was changed after propose wrote it)');
  for (const result of parsed.data.report.results) {
    if (result.status !== 'kept') continue;
    for (const file of result.files) {
      if (fileDigest(file.content === null ? null : Buffer.from(file.content, 'base64')) !== file.sha256)
        throw new BundleRejectedError(`${file.path} (${result.update.name}): the content does not match its SHA-256`);
    }
  }
  return parsed.data;
}

/** The bundle at `location` (a file, or the folder download-artifact made), checked against the digest propose reported. */
export async function readJanitorBundle(location: string, expectedDigest: string): Promise<JanitorBundle> {
  const path = await resolveBundlePath(location);
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new BundleRejectedError(`no bundle file at ${path}`);
  if (info.size > MAX_BUNDLE_BYTES) throw new BundleRejectedError(`the bundle is ${info.size} bytes; at most ${MAX_BUNDLE_BYTES} are accepted`);
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new BundleRejectedError(`the bundle is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const bundle = checkJanitorBundle(value);
  if (bundle.digest !== expectedDigest.trim().toLowerCase())
    throw new BundleRejectedError(
      `the bundle's digest ${bundle.digest.slice(0, 12)} is not the ${expectedDigest.trim().slice(0, 12)} the propose step reported: it was changed after propose wrote it`,
    );
  return bundle;
}
