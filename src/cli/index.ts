import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { debugEnabled, describeFailure, secretsIn } from '../core/failure.js';
import { UsageError } from './args.js';

const COMMANDS = ['init', 'config', 'run', 'context', 'demo', 'dashboard'] as const;

const HELP = `usage: agentic [--version] [--debug] <command> [options]

commands:
  init             copy the workflow template and policy example into a repository, and create the labels
  config validate  check a policy file (.github/agentic.yml) and report every problem in it
  run <action>     run one action locally against a repository (GITHUB_TOKEN and a model key from the environment)
  context          print the files implement would put in front of the model for a task
  demo             run the whole loop against built-in GitHub and model emulators (no network, scripted model)
  dashboard        build the factory dashboard (one HTML page) of a repository, changing nothing there

  --version        print the version
  --debug          print the stack trace of a failure (as ACTIONS_STEP_DEBUG does in a workflow)

Run "agentic <command> --help" (or "agentic help <command>") for a command's options.
`;

/** The package.json this installation came from (next to dist/, or the project root when run from source). */
export function packageVersion(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    const file = join(folder, 'package.json');
    if (existsSync(file)) {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (data.name && data.version) return data.version;
    }
    folder = dirname(folder);
  }
  return 'unknown';
}

async function dispatch(command: string, rest: string[]): Promise<number> {
  switch (command) {
    case 'run':
      if (rest.some((arg) => arg === '--issue-file' || arg.startsWith('--issue-file='))) return (await import('./demo.js')).issueFileCommand(rest);
      return (await import('./run.js')).runCommand(rest);
    case 'context':
      return (await import('./context.js')).contextCommand(rest);
    case 'init':
      return (await import('./init.js')).initCommand(rest);
    case 'config':
      return (await import('./config.js')).configCommand(rest);
    case 'demo':
      return (await import('./demo.js')).demoCommand(rest);
    case 'dashboard':
      return (await import('./dashboard.js')).dashboardCommand(rest);
    default:
      throw new UsageError(`unknown command '${command}'; the commands are ${COMMANDS.join(', ')}`);
  }
}

/** The `agentic` command: subcommands load lazily so each pays only for what it uses. */
export async function main(argv: string[]): Promise<number> {
  // --debug may stand anywhere; it turns debug logging on as a re-run with debug logging would.
  const debug = argv.includes('--debug');
  if (debug) process.env.RUNNER_DEBUG = '1';
  const args = argv.filter((arg) => arg !== '--debug');
  const [command, ...rest] = args;
  const known = command !== undefined && (COMMANDS as readonly string[]).includes(command);
  try {
    if (command === '--version' || command === '-v' || command === 'version') {
      process.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    if (command === 'help' && rest[0] !== undefined) return await dispatch(rest[0], ['--help']);
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      process.stdout.write(HELP);
      return command === undefined ? 2 : 0;
    }
    return await dispatch(command, rest);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const message = (error as Error).message.split('\n')[0] ?? '';
      process.stderr.write(`agentic: ${message}\nRun "agentic ${known ? `${command} ` : ''}--help" for usage.\n`);
      return 2;
    }
    const report = describeFailure(error, secretsIn(process.env));
    process.stderr.write(`agentic: ${report.message}\n`);
    if (debugEnabled(process.env)) process.stderr.write(`${report.trace}\n`);
    return 1;
  }
}
