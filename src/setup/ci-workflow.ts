import { parse } from 'yaml';
import { isRecord } from '../core/is-record.js';

/** One workflow file of the repository, as read from `.github/workflows/`. */
export interface WorkflowFile {
  /** The file name, e.g. `ci.yml`. */
  file: string;
  text: string;
}

export type CiDetection =
  | { kind: 'found'; file: string; triggers: string[] }
  /** A CI workflow exists, but it cannot be dispatched: the `workflow_dispatch:` trigger is missing. */
  | { kind: 'no-dispatch'; file: string; triggers: string[] }
  | { kind: 'none'; looked: number }
  /** The person chose to dispatch nothing. */
  | { kind: 'off' };

/** Names a CI workflow usually has; among equals, these win. */
const USUAL_NAMES = /^(ci|test|tests|build|check|checks|main|node(js)?|python|go)\.ya?ml$/i;

/** The events a workflow's `on:` names (a string, a list or a map). */
export function workflowTriggers(text: string): string[] {
  let document: unknown;
  try {
    document = parse(text);
  } catch {
    return [];
  }
  if (!isRecord(document)) return [];
  const on = document['on'];
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter((event): event is string => typeof event === 'string');
  if (isRecord(on)) return Object.keys(on);
  return [];
}

/** Workflows this product installs (agentic*.yml) never count as the repository's CI. */
function isOwnWorkflow(file: string): boolean {
  return /^agentic([-.]|$)/.test(file);
}

/**
 * The repository's CI: a workflow that runs on push or pull_request. The agent's pull requests are opened with
 * GITHUB_TOKEN, which starts no workflow, so implement dispatches this one on the agent branch; that needs its
 * `workflow_dispatch:` trigger.
 */
export function detectCiWorkflow(workflows: readonly WorkflowFile[]): CiDetection {
  const candidates = workflows
    .filter((workflow) => /\.ya?ml$/.test(workflow.file) && !isOwnWorkflow(workflow.file))
    .map((workflow) => ({ file: workflow.file, triggers: workflowTriggers(workflow.text) }))
    .filter((workflow) => workflow.triggers.includes('push') || workflow.triggers.includes('pull_request'));
  const rank = (workflow: { file: string; triggers: string[] }): number =>
    (workflow.triggers.includes('workflow_dispatch') ? 0 : 4) +
    (USUAL_NAMES.test(workflow.file) ? 0 : 2) +
    (workflow.triggers.includes('pull_request') ? 0 : 1);
  const best = [...candidates].sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file))[0];
  if (!best) return { kind: 'none', looked: workflows.length };
  return { kind: best.triggers.includes('workflow_dispatch') ? 'found' : 'no-dispatch', file: best.file, triggers: best.triggers };
}

/** What to tell the person about the CI the agent branches get. */
export function describeCiDetection(detection: CiDetection, templateFile: string): string[] {
  switch (detection.kind) {
    case 'found':
      return [
        `ci       .github/workflows/${detection.file} runs on ${detection.triggers.filter((t) => t !== 'workflow_dispatch').join(', ')} and can be dispatched: ${templateFile} starts it on every agent branch (ci-workflow: ${detection.file})`,
      ];
    case 'no-dispatch':
      return [
        `ci       .github/workflows/${detection.file} is your CI but cannot be dispatched, so agent pull requests would get no checks and never auto-merge.`,
        `         add to it:   on:`,
        `                        workflow_dispatch:`,
        `         then set ci-workflow: ${detection.file} in ${templateFile} (or run agentic init --force --ci-workflow ${detection.file}).`,
      ];
    case 'off':
      return [`ci       none dispatched (--ci-workflow none): agent pull requests get only the checks other workflows or apps give them`];
    case 'none':
      return [
        `ci       no CI workflow found in .github/workflows/ (one that runs on push or pull_request): agent pull requests will have no checks,`,
        `         and auto-merge merges none without them. Add a CI workflow with a workflow_dispatch: trigger and set ci-workflow: <file> in ${templateFile}.`,
      ];
  }
}
