/**
 * Reads a file's text at a ref through the contents API in its raw form (up to 100 MB, where the JSON form
 * stops at 1 MB: lockfiles are often bigger). Data only: nothing is checked out.
 */
import type { GitHub } from '../core/github.js';
import type { RepoRef } from '../core/repo.js';
import type { ContentReader } from './scan-input.js';
import { gitHubStatus } from '../core/github-errors.js';

/** Larger files are not scanned (and the summary says so). */
export const MAX_SCANNED_FILE_BYTES = 20 * 1024 * 1024;

export function contentReader(gh: GitHub, repo: RepoRef, maxBytes = MAX_SCANNED_FILE_BYTES): ContentReader {
  const cache = new Map<string, Promise<string | undefined>>();
  const read = async (path: string, ref: string): Promise<string | undefined> => {
    try {
      const response = await gh.rest.repos.getContent({ owner: repo.owner, repo: repo.repo, path, ref, mediaType: { format: 'raw' } });
      const data: unknown = response.data;
      const text = typeof data === 'string' ? data : data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : undefined;
      if (text === undefined || text.length > maxBytes || text.includes('\u0000')) return undefined;
      return text;
    } catch (error) {
      // Absent at that ref, or a directory/submodule: nothing to scan there.
      if (gitHubStatus(error) === 404) return undefined;
      throw error;
    }
  };
  return (path, ref) => {
    const key = `${ref}\u0000${path}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = read(path, ref);
      cache.set(key, pending);
    }
    return pending;
  };
}
