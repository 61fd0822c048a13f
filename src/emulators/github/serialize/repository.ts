import { permissionAtLeast } from '../state/repository-state.js';
import { nodeId, type SerializeContext } from './context.js';
import { userByLogin } from './users.js';

interface RepoShape {
  id: number;
  owner: string;
  name: string;
  fork: boolean;
  defaultBranch: string;
  createdAt: string;
}

/** Every URL template and counter GitHub's repository objects carry. */
function repositoryFields(context: SerializeContext, repo: RepoShape): Record<string, unknown> {
  const { urls, state } = context;
  const fullName = `${repo.owner}/${repo.name}`;
  const api = `${urls.apiUrl}/repos/${fullName}`;
  const html = `${urls.serverUrl}/${fullName}`;
  const host = new URL(urls.serverUrl).host;
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: fullName,
    owner: userByLogin(context, repo.owner),
    private: state.settings.private,
    visibility: state.settings.private ? 'private' : 'public',
    html_url: html,
    description: repo.fork ? null : state.settings.description,
    fork: repo.fork,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://${host}/${fullName}.git`,
    hooks_url: `${api}/hooks`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${host}:${fullName}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${html}.git`,
    mirror_url: null,
    svn_url: html,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: repo.fork ? 0 : openIssueCount(context),
    open_issues: repo.fork ? 0 : openIssueCount(context),
    is_template: false,
    topics: [],
    has_issues: state.settings.hasIssues,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: state.settings.archived,
    disabled: false,
    pushed_at: repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    license: null,
    allow_forking: true,
    web_commit_signoff_required: false,
  };
}

function openIssueCount(context: SerializeContext): number {
  let count = 0;
  for (const issue of context.state.issues.values()) if (issue.state === 'open') count += 1;
  return count;
}

function thisRepo(context: SerializeContext): RepoShape {
  const { repo } = context.state;
  return { id: repo.id, owner: repo.owner, name: repo.name, fork: false, defaultBranch: repo.defaultBranch, createdAt: repo.createdAt };
}

/** The repository as embedded in other objects (pull request heads, statuses, runs). */
export function repository(context: SerializeContext): Record<string, unknown> {
  return repositoryFields(context, thisRepo(context));
}

export function forkRepository(context: SerializeContext, fork: { id: number; owner: string; name: string }): Record<string, unknown> {
  const { repo } = context.state;
  return repositoryFields(context, {
    id: fork.id,
    owner: fork.owner,
    name: fork.name,
    fork: true,
    defaultBranch: repo.defaultBranch,
    createdAt: repo.createdAt,
  });
}

/** GET /repos/{owner}/{repo}: with the caller's permissions and the merge settings. */
export function fullRepository(context: SerializeContext): Record<string, unknown> {
  const { state } = context;
  const role = state.permissionOf(context.viewer);
  return {
    ...repository(context),
    permissions: {
      admin: permissionAtLeast(role, 'admin'),
      maintain: permissionAtLeast(role, 'maintain'),
      push: permissionAtLeast(role, 'write'),
      triage: permissionAtLeast(role, 'triage'),
      pull: permissionAtLeast(role, 'read'),
    },
    allow_merge_commit: state.settings.allowMergeCommit,
    allow_squash_merge: state.settings.allowSquashMerge,
    allow_rebase_merge: state.settings.allowRebaseMerge,
    allow_auto_merge: false,
    delete_branch_on_merge: state.settings.deleteBranchOnMerge,
    allow_update_branch: false,
    network_count: 0,
    subscribers_count: 0,
  };
}
