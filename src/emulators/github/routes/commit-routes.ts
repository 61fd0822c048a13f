import { notFound } from '../http/api-error.js';
import { json, type Route } from '../http/route.js';
import { commit } from '../serialize/git-objects.js';
import { diffEntry } from '../serialize/pulls.js';
import { parseDiff } from '../git/diff-files.js';
import { diffFiles } from '../state/pull-actions.js';
import { commitParam } from './lookup.js';

/** Compare lists at most 250 commits, as GitHub does. */
const COMPARE_COMMIT_LIMIT = 250;

export const commitRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/commits/{ref}',
    scope: 'contents',
    role: 'read',
    handle: (request) => {
      const { git } = request.state;
      const info = git.readCommit(commitParam(request, 'ref'));
      if (!info) throw notFound();
      const parent = info.parents[0];
      // A root commit is shown against the empty tree.
      const files = parseDiff(git.diff(parent ?? '4b825dc642cb6eb9a060e54bf8d69288fbee4904', info.sha));
      return json(200, commit(request.context, info, files));
    },
  },
  {
    method: 'GET',
    path: '/repos/{owner}/{repo}/compare/{basehead}',
    scope: 'contents',
    role: 'read',
    handle: (request) => {
      const { state, context } = request;
      const { git } = state;
      const match = /^(.+?)\.\.\.(.+)$/.exec(request.params['basehead'] ?? '');
      if (!match) throw notFound();
      const base = git.resolve(match[1] ?? '');
      const head = git.resolve(match[2] ?? '');
      if (!base || !head) throw notFound();
      const mergeBase = git.mergeBase(base, head);
      const mergeBaseInfo = mergeBase ? git.readCommit(mergeBase) : undefined;
      const baseInfo = git.readCommit(base);
      if (!mergeBaseInfo || !baseInfo) throw notFound();
      const ahead = git.commitsBetween(base, head);
      const behind = git.commitsBetween(head, base);
      const status = ahead.length === 0 && behind.length === 0 ? 'identical' : behind.length === 0 ? 'ahead' : ahead.length === 0 ? 'behind' : 'diverged';
      const files = diffFiles(state, base, head);
      const urls = context.urls;
      const spec = request.params['basehead'] ?? '';
      return json(200, {
        url: `${urls.repoApi}/compare/${spec}`,
        html_url: `${urls.repoHtml}/compare/${spec}`,
        permalink_url: `${urls.repoHtml}/compare/${state.repo.owner}:${base}...${state.repo.owner}:${head}`,
        diff_url: `${urls.repoHtml}/compare/${spec}.diff`,
        patch_url: `${urls.repoHtml}/compare/${spec}.patch`,
        base_commit: commit(context, baseInfo),
        merge_base_commit: commit(context, mergeBaseInfo),
        status,
        ahead_by: ahead.length,
        behind_by: behind.length,
        total_commits: ahead.length,
        commits: ahead
          .slice(0, COMPARE_COMMIT_LIMIT)
          .map((sha) => git.readCommit(sha))
          .filter((info) => info !== undefined)
          .map((info) => commit(context, info)),
        files: files.map((file) => diffEntry(context, file, head)),
      });
    },
  },
];
