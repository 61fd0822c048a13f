import { ApiError, notFound } from '../http/api-error.js';
import { json, type ApiRequest, type Route } from '../http/route.js';
import type { GitTreeEntry } from '../git/bare-repo.js';

/** GitHub stops inlining file contents above 1 MB (encoding "none"). */
const INLINE_LIMIT = 1024 * 1024;

function wantsRaw(request: ApiRequest): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/.test(String(request.headers.accept ?? ''));
}

function entryLinks(request: ApiRequest, path: string, sha: string, ref: string, type: 'file' | 'dir'): Record<string, unknown> {
  const { urls } = request.context;
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  const self = `${urls.repoApi}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
  const git = `${urls.repoApi}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`;
  const html = `${urls.repoHtml}/${type === 'dir' ? 'tree' : 'blob'}/${encodeURIComponent(ref)}/${encoded}`;
  return {
    url: self,
    git_url: git,
    html_url: html,
    download_url: type === 'file' ? `${urls.serverUrl}/raw/${request.state.repo.owner}/${request.state.repo.name}/${encodeURIComponent(ref)}/${encoded}` : null,
    _links: { self, git, html },
  };
}

function directoryEntry(request: ApiRequest, parent: string, entry: GitTreeEntry, ref: string): Record<string, unknown> {
  const path = parent ? `${parent}/${entry.path}` : entry.path;
  const type = entry.type === 'tree' ? 'dir' : entry.type === 'commit' ? 'submodule' : 'file';
  return {
    type,
    size: entry.size ?? 0,
    name: entry.path,
    path,
    sha: entry.sha,
    ...entryLinks(request, path, entry.sha, ref, type === 'dir' ? 'dir' : 'file'),
  };
}

function wrapBase64(content: Buffer): string {
  const lines = content.toString('base64').match(/.{1,60}/g);
  return lines ? `${lines.join('\n')}\n` : '';
}

export const contentsRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/contents/{path}',
    scope: 'contents',
    role: 'read',
    handle: (request) => {
      const { git, repo } = request.state;
      const ref = request.query.get('ref') || repo.defaultBranch;
      const commit = git.resolve(ref);
      if (!commit) throw new ApiError(404, `No commit found for the ref ${ref}`);
      const path = (request.params['path'] ?? '').replace(/^\/+|\/+$/g, '');
      const found = git.readPath(commit, path);
      if (!found) throw notFound();
      if (found.type === 'tree') {
        const entries = git.readTree(found.sha, false) ?? [];
        return json(
          200,
          entries.map((entry) => directoryEntry(request, path, entry, ref)),
        );
      }
      if (found.type !== 'blob') throw notFound();
      if (wantsRaw(request)) return { status: 200, text: found.content.toString('utf8'), contentType: 'application/vnd.github.raw; charset=utf-8' };
      const inline = found.size <= INLINE_LIMIT;
      return json(200, {
        type: 'file',
        encoding: inline ? 'base64' : 'none',
        size: found.size,
        name: path.split('/').pop() ?? path,
        path,
        // GitHub wraps base64 at 60 characters per line.
        content: inline ? wrapBase64(found.content) : '',
        sha: found.sha,
        ...entryLinks(request, path, found.sha, ref, 'file'),
      });
    },
  },
];
