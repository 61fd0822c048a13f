import { resolve } from 'node:path';
import { parseFlags, UsageError } from './args.js';
import { runCommand } from './run.js';

export const DASHBOARD_HELP = `usage: agentic dashboard --repo owner/name [--out <dir>]

Builds the factory dashboard of a repository: one self-contained HTML page (queue, work in flight, agent
pull requests with their auto-merge gates, suggestions, failures, weekly trends) that opens offline.
It runs triage-report as a dry run, so it reads the repository and changes nothing there.
Writes <dir>/index.html, replacing an earlier one (default dir: site). Reads GITHUB_TOKEN (and
GITHUB_API_URL for GitHub Enterprise Server) from the environment.
For a dashboard of the demo's emulated repository, run "agentic demo": it writes demo-output/dashboard/index.html.
`;

export async function dashboardCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { repo: { type: 'string' }, out: { type: 'string' } });
  if (values.help) {
    process.stdout.write(DASHBOARD_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (!values.repo) throw new UsageError('--repo owner/name is required');
  const out = resolve(values.out ?? 'site');
  const code = await runCommand(['triage-report', '--repo', values.repo, '--dry-run', '--input', `dashboard-dir=${out}`]);
  if (code === 0) process.stdout.write(`\ndashboard: ${resolve(out, 'index.html')}\n`);
  return code;
}
