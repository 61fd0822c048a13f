import { parsePatch } from '../scan/diff.js';
import { scanSecrets } from '../scan/secrets/scan-secrets.js';
import type { ReviewPullRequest } from './pull-request.js';

/** The secret values the pull request's patches add (the secret scanner on each file's added lines). */
export function secretsInPatches(files: ReviewPullRequest['files']): string[] {
  const scanned = files.flatMap((file) => (file.patch === undefined ? [] : [parsePatch(file.filename, file.patch)]));
  return scanSecrets(scanned).secrets;
}
