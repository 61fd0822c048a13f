import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFlags } from '../cli/args.js';

export const DEMO_HELP = `usage: agentic demo [--output <dir>]

Runs the whole loop on this machine against built-in GitHub and model emulators: a roadmap issue is
implemented (plan, edit, tests red then green, PR), reviewed by cto-review and ciso-review, merged by
auto-merge after CI, triaged (the suggestion it raised is approved), implemented again, and reported.
The model's answers are scripted; the actions, their GitHub writes and the tests they run are real.
Writes every job summary and the final triage report to the output folder (default demo-output/).
`;

export async function demoCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { output: { type: 'string' } });
  if (values.help) {
    process.stdout.write(DEMO_HELP);
    return 0;
  }
  const { runDemo } = await import('./story.js');
  // The bundled actions sit next to this bundle (dist/); the demo runs them as a runner would.
  const distDir = dirname(fileURLToPath(import.meta.url));
  await runDemo({ distDir, outputDir: resolve(values.output ?? 'demo-output'), say: (line) => process.stdout.write(`${line}\n`) });
  return 0;
}
