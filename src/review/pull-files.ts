/**
 * Which changed files the model reviews. Lockfiles, generated, vendored and minified files, binaries and
 * deleted files are skipped first: they cost the budget and a reviewer has nothing to say about them. The
 * default globs can be extended (never shrunk) by the policy and by inputs; every skipped file is listed
 * with its reason. A file whose patch GitHub did not send (diff too large) is not skipped but left out: it
 * was not reviewed, and the review says so.
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

export type SkipReason = 'lockfile' | 'generated' | 'vendored' | 'minified' | 'binary' | 'deleted' | 'unchanged' | 'configured';

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
  'png jpg jpeg gif bmp ico webp avif tiff psd pdf zip gz tgz bz2 xz 7z rar jar war class so dylib dll exe bin wasm woff woff2 ttf otf eot mp3 mp4 mov avi wav ogg webm sqlite db'.split(' '),
);

/** Markers generators write at the top of their output (Go's convention, and @generated). */
const GENERATED_HEADER = /(@generated\b|^\s*(\/\/|#|\/\*|\*)\s*Code generated .* DO NOT EDIT|auto-generated file|This file was automatically generated)/im;
/** A line this long is machine output, not something a reviewer reads. */
const MINIFIED_LINE_LENGTH = 1000;

function matchesAny(path: string, globs: readonly string[]): boolean {
  return globs.some((glob) => minimatch(path, glob, { dot: true, nocase: true }));
}

function extension(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function addedHead(patch: string, lines: number): string {
  return patch
    .split('\n')
    .filter((line) => line.startsWith('+'))
    .slice(0, lines)
    .map((line) => line.slice(1))
    .join('\n');
}

/** Pure: why a file is not sent to the model, or null when it is reviewable. */
export function skipReason(file: PullFile, extraGlobs: readonly string[] = []): SkipReason | null {
  const path = file.filename;
  if (file.status === 'removed') return 'deleted';
  if (matchesAny(path, DEFAULT_SKIP_GLOBS.lockfile)) return 'lockfile';
  if (matchesAny(path, DEFAULT_SKIP_GLOBS.vendored)) return 'vendored';
  if (matchesAny(path, DEFAULT_SKIP_GLOBS.minified)) return 'minified';
  if (matchesAny(path, DEFAULT_SKIP_GLOBS.generated)) return 'generated';
  if (extraGlobs.length > 0 && matchesAny(path, extraGlobs)) return 'configured';
  if (BINARY_EXTENSIONS.has(extension(path))) return 'binary';
  if (file.patch === undefined) {
    // GitHub sends no patch for binaries (no line changes) and for diffs too large to show (line changes).
    if (file.additions + file.deletions === 0) return file.status === 'renamed' || file.status === 'copied' ? 'unchanged' : 'binary';
    return null;
  }
  if (file.patch.trim() === '') return 'unchanged';
  if (GENERATED_HEADER.test(addedHead(file.patch, 5))) return 'generated';
  if (file.patch.split('\n').some((line) => line.startsWith('+') && line.length > MINIFIED_LINE_LENGTH)) return 'minified';
  return null;
}

export interface FileSelection {
  /** Sent to the model (those without a patch are left out by the budget, with the reason). */
  reviewable: PullFile[];
  skipped: SkippedFile[];
}

export function selectFiles(files: readonly PullFile[], extraGlobs: readonly string[] = []): FileSelection {
  const reviewable: PullFile[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of files) {
    const reason = skipReason(file, extraGlobs);
    if (reason) skipped.push({ path: file.filename, reason });
    else reviewable.push(file);
  }
  return { reviewable, skipped };
}
