/**
 * GitHub emulated for one local run of implement (`agentic run implement --issue-file`): the checkout's committed
 * files as the default branch and one issue, so nothing reaches github.com.
 */
import { basename } from 'node:path';
import { runGitSync, runGitSyncBytes } from '../core/git.js';
import { startGitHubEmulator } from '../emulators/github/index.js';

export interface LocalIssue {
  title: string;
  body: string;
}

/** The committed files of the checkout at HEAD, as the default branch of the emulated repository. */
function committedFiles(workspace: string): Record<string, Buffer> {
  const git = (args: string[]): Buffer => runGitSyncBytes(args, workspace);
  let listing: string;
  try {
    listing = git(['ls-tree', '-r', '-z', '--full-tree', 'HEAD']).toString('utf8');
  } catch {
    throw new Error(`--issue-file runs on a git checkout with at least one commit; ${workspace} is not one`);
  }
  const files: Record<string, Buffer> = {};
  for (const entry of listing.split('\0')) {
    const match = /^(\d+) blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
    if (!match || match[1] === '120000' || match[1] === '160000') continue; // links and submodules stay out
    files[match[3] ?? ''] = git(['cat-file', 'blob', match[2] ?? '']);
  }
  return files;
}

export interface LocalGitHub {
  repo: string;
  issue: number;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the emulated GitHub for one local run: the checkout's HEAD as the default branch, the issue labelled
 * roadmap and filed by the owner, who is also GITHUB_ACTOR.
 */
export async function startLocalGitHub(workspace: string, issue: LocalIssue, repo: string | undefined): Promise<LocalGitHub> {
  const files = committedFiles(workspace);
  const [owner, name] = (repo ?? `local/${basename(workspace).replace(/[^\w.-]/g, '-') || 'repository'}`).split('/') as [string, string];
  const branch = runGitSync(['rev-parse', '--abbrev-ref', 'HEAD'], workspace);
  const gh = await startGitHubEmulator({ owner, repo: name, defaultBranch: branch === 'HEAD' ? 'main' : branch, files });
  const record = gh.state.addIssue({ title: issue.title, body: issue.body, labels: ['roadmap'] });
  return {
    repo: `${owner}/${name}`,
    issue: record.number,
    env: { ...gh.runnerEnv(), GITHUB_TOKEN: gh.botToken, GITHUB_ACTOR: owner },
    close: () => gh.close(),
  };
}
