import type { GitCommitInfo, GitPerson, GitTreeEntry } from '../git/bare-repo.js';
import { toGitHubTimestamp } from '../clock.js';
import { userForEmail } from '../state/git-identity.js';
import type { DiffFile } from '../git/diff-files.js';
import { nodeId, type SerializeContext } from './context.js';
import { diffEntry } from './pulls.js';
import { simpleUser } from './users.js';

const UNVERIFIED = { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

/** What GitHub reports for a commit it signed itself (web-flow key); the signature text is a stand-in. */
function verification(context: SerializeContext, info: GitCommitInfo): Record<string, unknown> {
  if (!context.state.signedCommits.has(info.sha)) return UNVERIFIED;
  return {
    verified: true,
    reason: 'valid',
    signature: '-----BEGIN PGP SIGNATURE-----\n\nwsBcBAABCAAQBQJ (emulated)\n-----END PGP SIGNATURE-----\n',
    payload: `tree ${info.tree}\n`,
    verified_at: toGitHubTimestamp(info.committer.date),
  };
}

function gitUser(person: GitPerson): Record<string, unknown> {
  return { name: person.name, email: person.email, date: toGitHubTimestamp(person.date) };
}

export function gitRef(context: SerializeContext, ref: string, sha: string, type: string): Record<string, unknown> {
  const api = context.urls.repoApi;
  return {
    ref,
    node_id: nodeId('Ref', ref),
    url: `${api}/git/${ref}`,
    object: { sha, type, url: `${api}/git/${type}s/${sha}` },
  };
}

/** GET /git/commits/{sha}: the raw git commit. */
export function gitCommit(context: SerializeContext, commit: GitCommitInfo): Record<string, unknown> {
  const api = context.urls.repoApi;
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha),
    url: `${api}/git/commits/${commit.sha}`,
    html_url: `${context.urls.repoHtml}/commit/${commit.sha}`,
    author: gitUser(commit.author),
    committer: gitUser(commit.committer),
    tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
    message: commit.message.replace(/\n$/, ''),
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/git/commits/${sha}`, html_url: `${context.urls.repoHtml}/commit/${sha}` })),
    verification: verification(context, commit),
  };
}

/** The REST "commit" (pulls/commits, compare): git data plus the GitHub accounts behind the emails. */
export function commit(context: SerializeContext, info: GitCommitInfo, files?: DiffFile[]): Record<string, unknown> {
  const api = context.urls.repoApi;
  const author = userForEmail(context.state, info.author.email);
  const committer = userForEmail(context.state, info.committer.email);
  const result: Record<string, unknown> = {
    sha: info.sha,
    node_id: nodeId('Commit', info.sha),
    url: `${api}/commits/${info.sha}`,
    html_url: `${context.urls.repoHtml}/commit/${info.sha}`,
    comments_url: `${api}/commits/${info.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${info.sha}`,
      author: gitUser(info.author),
      committer: gitUser(info.committer),
      message: info.message.replace(/\n$/, ''),
      comment_count: 0,
      tree: { sha: info.tree, url: `${api}/git/trees/${info.tree}` },
      verification: verification(context, info),
    },
    author: author ? simpleUser(context, author) : null,
    committer: committer ? simpleUser(context, committer) : null,
    parents: info.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${context.urls.repoHtml}/commit/${sha}` })),
  };
  if (files) {
    const additions = files.reduce((sum, file) => sum + file.additions, 0);
    const deletions = files.reduce((sum, file) => sum + file.deletions, 0);
    result['stats'] = { additions, deletions, total: additions + deletions };
    result['files'] = files.map((file) => diffEntry(context, file, info.sha));
  }
  return result;
}

export function gitTree(context: SerializeContext, sha: string, entries: GitTreeEntry[]): Record<string, unknown> {
  const api = context.urls.repoApi;
  return {
    sha,
    url: `${api}/git/trees/${sha}`,
    tree: entries.map((entry) => ({
      path: entry.path,
      mode: entry.mode,
      type: entry.type,
      sha: entry.sha,
      ...(entry.size !== undefined ? { size: entry.size } : {}),
      url: `${api}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`,
    })),
    truncated: false,
  };
}
