import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runAction as runStep, type ActionRun, type RunActionOptions as StepOptions } from '../../src/demo/step-runner.js';

export { parseAnnotations, parseOutputFile, type ActionRun, type Annotation } from '../../src/demo/step-runner.js';

/** The bundled actions the tests run, as a runner would (see src/demo/step-runner.ts). */
export const DIST = resolve(import.meta.dirname, '..', '..', 'dist');

export type RunActionOptions = Omit<StepOptions, 'distDir'> & { distDir?: string };

export function runAction(options: RunActionOptions): Promise<ActionRun> {
  return runStep({ ...options, distDir: options.distDir ?? DIST });
}

/** Real webhook payloads from @octokit/webhooks-examples, by event and action. */
export function webhookExample(eventName: string, action?: string): Record<string, unknown> {
  const path = resolve(import.meta.dirname, '..', '..', 'node_modules', '@octokit', 'webhooks-examples', 'api.github.com', 'index.json');
  const all = JSON.parse(readFileSync(path, 'utf8')) as Array<{ name: string; examples: Array<Record<string, unknown>> }>;
  const entry = all.find((candidate) => candidate.name === eventName);
  const example = entry?.examples.find((candidate) => action === undefined || candidate.action === action);
  if (!example) throw new Error(`no webhook example for ${eventName}${action ? `.${action}` : ''}`);
  return structuredClone(example);
}
