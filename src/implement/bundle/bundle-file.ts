/** Writing the bundle in the propose job and reading it back, checked, in the publish job. */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { canonicalJson } from '../plan-schema.js';
import { sha256 } from '../../core/digest.js';
import { bundleSchema, digestOf, type Bundle } from './bundle-schema.js';

/** Far above what the size limits allow through; a larger file is not a bundle this action wrote. */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

export class BundleRejectedError extends Error {
  override readonly name = 'BundleRejectedError';
}

export async function writeBundle(path: string, bundle: Bundle): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${canonicalJson(bundle)}\n`, { mode: 0o600 });
}

/** Pure: a parsed bundle whose digest and per-file hashes hold, or the reason it is rejected. */
export function checkBundle(value: unknown): Bundle {
  const parsed = bundleSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleRejectedError(`the bundle does not match its schema: ${issue ? `${issue.path.join('.') || '(root)'} ${issue.message}` : 'invalid'}`);
  }
  const bundle = parsed.data;
  const { digest, ...body } = bundle;
  if (digestOf(body) !== digest) throw new BundleRejectedError('the bundle digest does not match its content (it was changed after propose wrote it)');
  if (bundle.outcome.kind === 'pull-request') {
    for (const file of bundle.outcome.files) {
      if (file.action === 'delete') {
        if (file.content !== undefined) throw new BundleRejectedError(`${file.path}: a deletion carries content`);
        continue;
      }
      if (file.content === undefined || file.sha256 === undefined || file.mode === undefined)
        throw new BundleRejectedError(`${file.path}: content, hash or mode missing`);
      if (sha256(Buffer.from(file.content, 'base64')) !== file.sha256) throw new BundleRejectedError(`${file.path}: the content does not match its SHA-256`);
    }
  }
  return bundle;
}

/**
 * The bundle file at `path`, or the one bundle file in the directory `path` (actions/download-artifact
 * unpacks an artifact into a directory, keeping the file name).
 */
export async function resolveBundlePath(path: string): Promise<string> {
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) return path;
  const candidates = (await readdir(path)).filter((name) => name.endsWith('.json')).sort();
  if (candidates.length !== 1) throw new BundleRejectedError(`${path} holds ${candidates.length} JSON files; expected exactly one bundle`);
  return join(path, candidates[0] ?? '');
}

/**
 * The bundle at `location`, checked, and when `expectedDigest` is given (the digest the propose step reported
 * in its output, written by the action itself), the same bundle propose wrote: a bundle rewritten afterwards,
 * even with a digest recomputed to match, is refused.
 */
export async function readBundle(location: string, expectedDigest?: string): Promise<Bundle> {
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
  const bundle = checkBundle(value);
  if (expectedDigest !== undefined && bundle.digest !== expectedDigest.trim().toLowerCase()) {
    throw new BundleRejectedError(
      `the bundle's digest ${bundle.digest.slice(0, 12)} is not the ${expectedDigest.trim().slice(0, 12)} the propose step reported: it was changed after propose wrote it`,
    );
  }
  return bundle;
}
