import { z } from 'zod';
import { notFound, unprocessable } from '../http/api-error.js';
import { json, type ApiRequest, type Route } from '../http/route.js';
import { parseBody } from '../http/validate.js';
import { nodeId } from '../serialize/context.js';
import { gitCommit, gitTree } from '../serialize/git-objects.js';
import { identityOf } from '../state/git-identity.js';
import type { TreeChange } from '../git/bare-repo.js';

const newBlob = z.object({ content: z.string(), encoding: z.enum(['utf-8', 'utf8', 'base64']).optional() });

const treeEntry = z.object({
  path: z.string().min(1),
  mode: z.enum(['100644', '100755', '040000', '160000', '120000']),
  type: z.enum(['blob', 'tree', 'commit']),
  sha: z.string().nullable().optional(),
  content: z.string().optional(),
});
const newTree = z.object({ base_tree: z.string().optional(), tree: z.array(treeEntry) });

const person = z.object({ name: z.string().min(1), email: z.string().min(1), date: z.string().optional() });
const newCommit = z.object({
  message: z.string(),
  tree: z.string().min(1),
  parents: z.array(z.string()).optional(),
  author: person.optional(),
  committer: person.optional(),
  signature: z.string().optional(),
});

function treeChanges(request: ApiRequest, baseTree: string | undefined, entries: z.infer<typeof treeEntry>[]): TreeChange[] {
  const { git } = request.state;
  const changes: TreeChange[] = [];
  const baseEntries = baseTree ? (git.readTree(baseTree, true) ?? []) : [];
  for (const entry of entries) {
    if (entry.content !== undefined) {
      if (entry.type !== 'blob') throw unprocessable('Must supply a valid tree.sha or tree.content');
      changes.push({ path: entry.path, mode: entry.mode, sha: git.writeBlob(Buffer.from(entry.content, 'utf8')) });
    } else if (entry.sha === null) {
      // Removing a directory removes everything below it.
      const below = baseEntries.filter((item) => item.type !== 'tree' && (item.path === entry.path || item.path.startsWith(`${entry.path}/`)));
      for (const item of below) changes.push({ path: item.path, sha: null });
    } else if (entry.sha !== undefined) {
      const type = git.objectType(entry.sha);
      if (type !== entry.type && !(entry.type === 'commit' && entry.mode === '160000')) throw unprocessable(`GitRPC::BadObjectState`);
      if (entry.type === 'tree') {
        for (const item of git.readTree(entry.sha, true) ?? []) {
          if (item.type !== 'tree') changes.push({ path: `${entry.path}/${item.path}`, mode: item.mode, sha: item.sha });
        }
      } else changes.push({ path: entry.path, mode: entry.mode, sha: entry.sha });
    } else throw unprocessable('Must supply a valid tree.sha or tree.content');
  }
  return changes;
}

export const gitObjectRoutes: Route[] = [
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/git/blobs',
    scope: 'contents',
    role: 'write',
    handle: (request) => {
      const body = parseBody(newBlob, request.body, 'Blob');
      const content = body.encoding === 'base64' ? Buffer.from(body.content, 'base64') : Buffer.from(body.content, 'utf8');
      const sha = request.state.git.writeBlob(content);
      return json(201, { url: `${request.context.urls.repoApi}/git/blobs/${sha}`, sha });
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/git/blobs/{file_sha}',
    scope: 'contents',
    role: 'read',
    handle: (request) => {
      const sha = request.params['file_sha'] ?? '';
      if (request.state.git.objectType(sha) !== 'blob') throw notFound();
      const content = request.state.git.readBlob(sha);
      return json(200, {
        sha,
        node_id: nodeId('Blob', sha),
        size: content.length,
        url: `${request.context.urls.repoApi}/git/blobs/${sha}`,
        content: content.toString('base64'),
        encoding: 'base64',
      });
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/git/trees/{tree_sha}',
    scope: 'contents',
    role: 'read',
    handle: (request) => {
      const { git } = request.state;
      const wanted = request.params['tree_sha'] ?? '';
      const resolved = git.resolve(wanted) ?? wanted;
      const treeSha = git.objectType(resolved) === 'commit' ? git.readCommit(resolved)?.tree : resolved;
      const recursive = Boolean(request.query.get('recursive')) && request.query.get('recursive') !== '0' && request.query.get('recursive') !== 'false';
      const entries = treeSha ? git.readTree(treeSha, recursive) : undefined;
      if (!treeSha || !entries) throw notFound();
      return json(200, gitTree(request.context, treeSha, entries));
    },
  },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/git/trees',
    scope: 'contents',
    role: 'write',
    handle: (request) => {
      const body = parseBody(newTree, request.body, 'Tree');
      const { git } = request.state;
      if (body.base_tree !== undefined && git.objectType(body.base_tree) !== 'tree') throw unprocessable('base_tree is not a valid tree oid');
      const sha = git.makeTree(body.base_tree, treeChanges(request, body.base_tree, body.tree));
      return json(201, gitTree(request.context, sha, git.readTree(sha, false) ?? []));
    },
  },
  {
    method: 'POST',
    path: '/repos/{owner}/{repo}/git/commits',
    scope: 'contents',
    role: 'write',
    handle: (request) => {
      const body = parseBody(newCommit, request.body, 'Commit');
      const { git, clock } = request.state;
      if (git.objectType(body.tree) !== 'tree') throw unprocessable('Tree SHA does not exist');
      const parents = body.parents ?? [];
      for (const parent of parents) if (git.objectType(parent) !== 'commit') throw unprocessable('Parent SHA does not exist or is not a commit object');
      const fallback = identityOf(request.viewer, clock.now());
      const author = body.author
        ? { name: body.author.name, email: body.author.email, date: body.author.date ? new Date(body.author.date) : clock.now() }
        : fallback;
      const committer = body.committer
        ? { name: body.committer.name, email: body.committer.email, date: body.committer.date ? new Date(body.committer.date) : clock.now() }
        : author;
      const sha = git.commitTree(body.tree, parents, body.message, author, committer);
      // GitHub signs a commit an app makes through the API as itself; a person's commit, or an app's with
      // someone else as committer, stays unsigned.
      if (request.viewer.type === 'Bot' && committer.email.toLowerCase() === fallback.email.toLowerCase()) request.state.signedCommits.add(sha);
      const info = git.readCommit(sha);
      if (!info) throw notFound();
      return json(201, gitCommit(request.context, info), { location: `${request.context.urls.repoApi}/git/commits/${sha}` });
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/git/commits/{commit_sha}',
    scope: 'contents',
    role: 'read',
    handle: (request) => {
      const info = request.state.git.readCommit(request.params['commit_sha'] ?? '');
      if (!info) throw notFound();
      return json(200, gitCommit(request.context, info));
    },
  },
];
