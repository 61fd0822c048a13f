/** Files at the base commit, read through the API (the publish job has no checkout). */
import type { GitHub } from '../../core/github.js';
import type { RepoRef } from '../../core/repo.js';
import { gitHubStatus } from '../../core/github-errors.js';

export function apiBaseReader(gh: GitHub, repo: RepoRef, baseSha: string): (path: string) => Promise<string | null> {
  return async (path) => {
    try {
      const { data } = await gh.rest.repos.getContent({ owner: repo.owner, repo: repo.repo, path, ref: baseSha });
      if (Array.isArray(data) || data.type !== 'file') return null;
      if (typeof data.content === 'string' && data.encoding === 'base64') return Buffer.from(data.content, 'base64').toString('utf8');
      // Files over 1 MB come without content; their blob still can be read.
      const { data: blob } = await gh.rest.git.getBlob({ owner: repo.owner, repo: repo.repo, file_sha: data.sha });
      return Buffer.from(blob.content, 'base64').toString('utf8');
    } catch (error) {
      if (gitHubStatus(error) === 404) return null;
      throw error;
    }
  };
}
