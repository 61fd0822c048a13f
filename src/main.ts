import { AGENTS, type AgentName } from './actions/entry.js';

/**
 * The one bundle behind every action: each dist/<name>.js entry calls runAgent with its name, the root action passes
 * its `agent` input. Actions load lazily so a run pays only for the code it uses.
 */
export async function runAgent(name?: string): Promise<void> {
  const agent = name ?? (process.env.INPUT_AGENT ?? '').trim();
  if (!(AGENTS as readonly string[]).includes(agent)) {
    const { setFailed } = await import('./core/runner-protocol.js');
    setFailed(agent === '' ? 'Input required and not supplied: agent' : `input 'agent' is "${agent}"; expected one of ${AGENTS.join(', ')}`);
    return;
  }
  const loaders: Record<AgentName, () => Promise<{ run(): Promise<void> }>> = {
    implement: () => import('./actions/implement/index.js'),
    'cto-review': () => import('./actions/cto-review/index.js'),
    'ciso-review': () => import('./actions/ciso-review/index.js'),
    'triage-report': () => import('./actions/triage-report/index.js'),
    'auto-merge': () => import('./actions/auto-merge/index.js'),
  };
  await (await loaders[agent as AgentName]()).run();
}

export async function runCli(argv: string[]): Promise<number> {
  const cli = await import('./cli/index.js');
  return cli.main(argv);
}
