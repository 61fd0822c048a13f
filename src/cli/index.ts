import { UsageError } from './args.js';

const HELP = `usage: agentic <command> [options]

commands:
  init           copy the workflow template and policy example into a repository, and create the labels
  run <action>   run one action locally against a repository (GITHUB_TOKEN and a model key from the environment)
  context        print the files implement would put in front of the model for a task
  demo           run the whole loop against built-in GitHub and model emulators (no network, scripted model)
  dashboard      build the factory dashboard (one HTML page) of a repository, changing nothing there

Run "agentic <command> --help" for a command's options.
`;

/** The `agentic` command: subcommands load lazily so each pays only for what it uses. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await (await import('./run.js')).runCommand(rest);
      case 'context':
        return await (await import('./context.js')).contextCommand(rest);
      case 'init':
        return await (await import('./init.js')).initCommand(rest);
      case 'dashboard':
        return await (await import('./dashboard.js')).dashboardCommand(rest);
      case 'demo':
        return await (await import('./demo.js')).demoCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(HELP);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`agentic: ${(error as Error).message}\nRun "agentic ${command && command !== 'help' ? `${command} ` : ''}--help" for usage.\n`);
      return 2;
    }
    throw error;
  }
}
