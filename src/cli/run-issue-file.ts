import { spawn } from 'node:child_process';
import { runGitSync } from '../core/git.js';
import type { LocalGitHub } from '../demo/local-github.js';
import { noPositionals, parseFlags, repositoryFlag, UsageError } from './args.js';
import { readIssueFile, type LocalIssue } from './issue-file.js';

/** The checkout's HEAD becomes the emulated repository's default branch, so there must be one. */
function requireCheckout(directory: string): void {
  try {
    runGitSync(['-C', directory, 'rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  } catch {
    throw new UsageError(
      `--issue-file runs inside a git checkout with at least one commit, and ${directory} is not one: cd into your repository's clone first`,
    );
  }
}

type StartLocalGitHub = (workspace: string, issue: LocalIssue, repo: string | undefined) => Promise<LocalGitHub>;

/**
 * implement on an issue from a file: GitHub emulated here with this checkout and that issue, and
 * `agentic run implement --dry-run` in a child process pointed at it, as a runner would start the action.
 */
export async function runIssueFile(argv: string[], load: () => Promise<StartLocalGitHub>): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    repo: { type: 'string' },
    issue: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'issue-file': { type: 'string' },
    input: { type: 'string', multiple: true },
  });
  if (positionals[0] !== 'implement') throw new UsageError('--issue-file is for implement: agentic run implement --dry-run --issue-file <file.md>');
  noPositionals(positionals.slice(1), 'run implement');
  if (values.issue !== undefined) throw new UsageError('give --issue or --issue-file, not both');
  if (!values['dry-run']) throw new UsageError('--issue-file runs only as a dry run: add --dry-run');
  if (values.repo !== undefined) repositoryFlag(values.repo);
  const issue = readIssueFile(values['issue-file'] ?? '');
  requireCheckout(process.cwd());
  const startLocalGitHub = await load();
  const local = await startLocalGitHub(process.cwd(), issue, values.repo);
  try {
    process.stderr.write(
      `agentic: GitHub is emulated on this machine for --issue-file: ${local.repo} holds this checkout's HEAD and issue #${local.issue} "${issue.title}"; nothing reaches GitHub\n`,
    );
    const args = [
      'run',
      'implement',
      '--repo',
      local.repo,
      '--issue',
      String(local.issue),
      '--dry-run',
      ...(values.input ?? []).flatMap((pair) => ['--input', pair]),
    ];
    const child = spawn(process.execPath, [process.argv[1] ?? '', ...args], { stdio: 'inherit', env: { ...process.env, ...local.env } });
    return await new Promise<number>((done, fail) => {
      child.on('error', fail);
      child.on('close', (status) => done(status ?? 1));
    });
  } finally {
    await local.close();
  }
}
