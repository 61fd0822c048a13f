/** The `agentic` command. */
export async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write('usage: agentic <command>\n');
    return command ? 0 : 1;
  }
  process.stderr.write(`agentic: unknown command '${command}'\n`);
  return 1;
}
