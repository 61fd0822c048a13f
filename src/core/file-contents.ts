/**
 * A file's text at a ref through the contents API in its raw form (up to 100 MB, where the JSON form stops at
 * 1 MB: lockfiles are often bigger). Data only: nothing is checked out.
 */
import type { GitHub } from './github.js';
import { gitHubStatus } from './github-errors.js';
import type { RepoRef } from './repo.js';

/** The text, or null when nothing is there (absent at that ref, a directory or a submodule). */
export async function readRawText(gh: GitHub, repo: RepoRef, path: string, ref: string): Promise<string | null> {
  try {
    const response = await gh.rest.repos.getContent({ owner: repo.owner, repo: repo.repo, path, ref, mediaType: { format: 'raw' } });
    const data: unknown = response.data;
    return typeof data === 'string' ? data : data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : null;
  } catch (error) {
    if (gitHubStatus(error) === 404) return null;
    throw error;
  }
}
