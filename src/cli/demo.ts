import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFlags, UsageError } from './args.js';

export const DEMO_HELP = `usage: agentic demo [--output <dir>] [--only roadmap|discovery]

Runs the whole loop on this machine against built-in GitHub and model emulators, in two halves.
Roadmap: a roadmap issue is implemented (plan, edit, tests red then green, PR), reviewed by cto-review and
ciso-review, merged by auto-merge after CI, triaged (the suggestion it raised is approved), implemented
again, and reported. Discovery: a push breaks the smoke check on the default branch, discover's log miner
files a [Bug] suggestion with the stack trace from the failed runs' logs, a maintainer approves it with the
roadmap label, implement fixes it reproduce-first (a regression test red on the base code, green with the
fix), the reviews and auto-merge run, and the nightly report says what the factory did.
The model's answers are scripted; the actions, their GitHub writes and the tests they run are real.

  --output <dir>   where every job summary and the final triage report are written (default demo-output/).
                   It must be a new or empty folder, or one an earlier demo wrote: those files are overwritten.
                   Any other folder is refused and nothing in it is changed or deleted.
  --only <half>    roadmap or discovery: tell only that half (default: both, roadmap first).
`;

export async function demoCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { output: { type: 'string' }, only: { type: 'string' } });
  if (values.help) {
    process.stdout.write(DEMO_HELP);
    return 0;
  }
  const only = values.only;
  if (only !== undefined && only !== 'roadmap' && only !== 'discovery') throw new UsageError(`--only is roadmap or discovery, not ${JSON.stringify(only)}`);
  const { runDemo } = await import('../demo/index.js');
  const { claimOutputFolder, OutputFolderRefused } = await import('../demo/output-folder.js');
  const outputDir = resolve(values.output ?? 'demo-output');
  try {
    claimOutputFolder(outputDir);
  } catch (error) {
    if (error instanceof OutputFolderRefused) throw new UsageError(error.message);
    throw error;
  }
  // The bundled actions sit next to this bundle (dist/); the demo runs them as a runner would.
  const distDir = dirname(fileURLToPath(import.meta.url));
  await runDemo({ distDir, outputDir, only, say: (line) => process.stdout.write(`${line}\n`) });
  return 0;
}

/**
 * `agentic run implement --dry-run --issue-file <f>`: loaded through this file so the emulated GitHub stays in the
 * demo's chunk; the action itself runs in a child `agentic run` pointed at it.
 */
export async function issueFileCommand(argv: string[]): Promise<number> {
  const { runIssueFile } = await import('./run-issue-file.js');
  return runIssueFile(argv, async () => (await import('../demo/index.js')).startLocalGitHub);
}
