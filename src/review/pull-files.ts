/**
 * Which changed files the model reviews. Only two kinds of skip are without consequence: files with nothing to
 * review (deleted, renamed unchanged) and paths the policy on the default branch excludes (`skip-globs`). Every
 * other skip — lockfiles, the built-in generated, vendored and minified globs, binaries, globs passed as an
 * input (a pull request can edit the workflow that passes them) — saves the budget but leaves the review
 * incomplete: the summary lists the file, the review never approves, and auto-merge waits for a human. What a
 * file says about itself (`@generated`, "DO NOT EDIT", very long lines) exempts nothing: a pull request writes
 * those lines itself. A file whose patch GitHub did not send (diff too large) is left out by the budget, with
 * the same consequence.
 */
import { minimatch } from 'minimatch';

/** One entry of `GET /pulls/{n}/files`, as the engine uses it. */
export interface PullFile {
  filename: string;
  previousFilename?: string | undefined;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  /** Absent for binary files and for diffs GitHub considers too large to show. */
  patch?: string | undefined;
}

export type SkipReason = 'lockfile' | 'generated' | 'vendored' | 'minified' | 'binary' | 'deleted' | 'unchanged' | 'configured' | 'input';

/** Skips that leave nothing unreviewed: nothing to read, or excluded by the policy on the default branch. */
const SILENT_SKIPS: ReadonlySet<SkipReason> = new Set(['deleted', 'unchanged', 'configured']);

/** Pure: whether a skipped file was left unreviewed (the review is then incomplete). */
export function leftUnreviewed(file: SkippedFile): boolean {
  return !SILENT_SKIPS.has(file.reason);
}

/** What each unreviewed skip means, for the summary. */
export const SKIP_REASON_TEXT: Readonly<Record<SkipReason, string>> = {
  lockfile: 'a lockfile (built-in skip)',
  generated: 'a built-in generated path',
  vendored: 'a built-in vendored path',
  minified: 'a minified file (built-in skip)',
  binary: 'a binary file',
  deleted: 'deleted',
  unchanged: 'no changed lines',
  configured: 'excluded by skip-globs in the policy',
  input: 'excluded by the skip-globs input (only the policy on the default branch can exclude without a human)',
};

export interface SkippedFile {
  path: string;
  reason: SkipReason;
}

export const DEFAULT_SKIP_GLOBS: Readonly<Record<'lockfile' | 'generated' | 'vendored' | 'minified', readonly string[]>> = {
  lockfile: [
    '**/*.lock',
    '**/package-lock.json',
    '**/npm-shrinkwrap.json',
    '**/pnpm-lock.yaml',
    '**/bun.lockb',
    '**/go.sum',
    '**/packages.lock.json',
    '**/gradle.lockfile',
    '**/*.lockfile',
  ],
  generated: [
    '**/dist/**',
    '**/__generated__/**',
    '**/generated/**',
    '**/*.generated.*',
    '**/*.g.dart',
    '**/*.pb.go',
    '**/*_pb2.py',
    '**/*.snap',
    '**/*.map',
    '**/coverage/**',
  ],
  vendored: ['**/vendor/**', '**/node_modules/**', '**/third_party/**', '**/third-party/**'],
  minified: ['**/*.min.js', '**/*.min.css', '**/*.min.mjs', '**/*-min.js'],
};

const BINARY_EXTENSIONS = new Set(
  'png jpg jpeg gif bmp ico webp avif tiff psd pdf zip gz tgz bz2 xz 7z rar jar war class so dylib dll exe bin wasm woff woff2 ttf otf eot mp3 mp4 mov avi wav ogg webm sqlite db'.split(
    ' ',
  ),
);

function matchesAny(path: string, globs: readonly string[]): boolean {
  return globs.some((glob) => minimatch(path, glob, { dot: true, nocase: true }));
}

function extension(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Pure: why a file is not sent to the model, or null when it is reviewable. */
export function skipReason(file: PullFile, policyGlobs: readonly string[] = [], inputGlobs: readonly string[] = []): SkipReason | null {
  const path = file.filename;
  if (file.status === 'removed') return 'deleted';
  if (policyGlobs.length > 0 && matchesAny(path, policyGlobs)) return 'configured';
  if (matchesAny(path, DEFAULT_SKIP_GLOBS.lockfile)) return 'lockfile';
  if (matchesAny(path, DEFAULT_SKIP_GLOBS.vendored)) return 'vendored';
  if (matchesAny(path, DEFAULT_SKIP_GLOBS.minified)) return 'minified';
  if (matchesAny(path, DEFAULT_SKIP_GLOBS.generated)) return 'generated';
  if (inputGlobs.length > 0 && matchesAny(path, inputGlobs)) return 'input';
  if (BINARY_EXTENSIONS.has(extension(path))) return 'binary';
  if (file.patch === undefined) {
    // GitHub sends no patch for binaries (no line changes) and for diffs too large to show (line changes).
    if (file.additions + file.deletions === 0) return file.status === 'renamed' || file.status === 'copied' ? 'unchanged' : 'binary';
    return null;
  }
  if (file.patch.trim() === '') return 'unchanged';
  return null;
}

export interface FileSelection {
  /** Sent to the model (those without a patch are left out by the budget, with the reason). */
  reviewable: PullFile[];
  skipped: SkippedFile[];
}

export function selectFiles(files: readonly PullFile[], policyGlobs: readonly string[] = [], inputGlobs: readonly string[] = []): FileSelection {
  const reviewable: PullFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of files) {
    const reason = skipReason(file, policyGlobs, inputGlobs);
    if (reason) skipped.push({ path: file.filename, reason });
    else reviewable.push(file);
  }
  return { reviewable, skipped };
}
