import { AGENTS, type AgentName } from './entry.js';

/**
 * The one bundle behind every action: each dist/<name>.js entry calls runAgent with its name, the root action passes
 * its `agent` input. Actions load lazily so a run pays only for the code it uses.
 */
export async function runAgent(name?: string): Promise<void> {
  const agent = name ?? (process.env.INPUT_AGENT ?? '').trim();
  if (!(AGENTS as readonly string[]).includes(agent)) {
    const { setFailed } = await import('../core/runner-protocol.js');
    setFailed(agent === '' ? 'Input required and not supplied: agent' : `input 'agent' is "${agent}"; expected one of ${AGENTS.join(', ')}`);
    return;
  }
  const loaders: Record<AgentName, () => Promise<{ run(): Promise<void> }>> = {
    implement: () => import('./implement/index.js'),
    'cto-review': () => import('./cto-review/index.js'),
    'ciso-review': () => import('./ciso-review/index.js'),
    'triage-report': () => import('./triage-report/index.js'),
    'auto-merge': () => import('./auto-merge/index.js'),
    discover: () => import('./discover/index.js'),
    janitor: () => import('./janitor/index.js'),
  };
  await (await loaders[agent as AgentName]()).run();
}
