/** The bundle's two doors: dist/<action>.js stubs call runAgent, dist/cli.js calls runCli. */
export { runAgent } from './actions/run-agent.js';

export async function runCli(argv: string[]): Promise<number> {
  const cli = await import('./cli/index.js');
  return cli.main(argv);
}
