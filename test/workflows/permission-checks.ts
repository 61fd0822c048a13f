import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PRODUCT_REPOSITORY } from '../../src/core/product.js';

/**
 * GitHub checks, when a run starts and before any `if:`, that every job of a called workflow asks for no more
 * token permissions than the calling job grants: a job that would be skipped still fails the whole run
 * (startup_failure, no job runs). This is that check, made on the files, recursively through nested calls.
 */
export type Level = 'none' | 'read' | 'write';
export type Grant = Record<string, Level>;
export type ReadWorkflow = (path: string) => string;

/** The GITHUB_TOKEN permission scopes; id-token has no read level. */
export const SCOPES = [
  'actions',
  'attestations',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'id-token',
  'issues',
  'models',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'security-events',
  'statuses',
] as const;

const RANK: Record<Level, number> = { none: 0, read: 1, write: 2 };

interface Job {
  uses?: string;
  permissions?: unknown;
}
interface Workflow {
  permissions?: unknown;
  jobs?: Record<string, Job>;
}

/** A `permissions:` value as a level per scope: `read-all`, `write-all`, `{}` (none) or a map. */
export function grantOf(permissions: unknown): Grant {
  const all = (level: Level): Grant => Object.fromEntries(SCOPES.map((scope) => [scope, scope === 'id-token' && level === 'read' ? 'none' : level]));
  if (permissions === 'read-all') return all('read');
  if (permissions === 'write-all') return all('write');
  if (permissions === null || typeof permissions !== 'object')
    throw new Error(`permissions must be read-all, write-all or a map, not ${JSON.stringify(permissions)}`);
  const grant = all('none');
  for (const [scope, level] of Object.entries(permissions as Record<string, unknown>)) {
    if (!(SCOPES as readonly string[]).includes(scope)) throw new Error(`unknown permission scope '${scope}'`);
    if (level !== 'none' && level !== 'read' && level !== 'write') throw new Error(`permission '${scope}' is '${String(level)}', not none, read or write`);
    grant[scope] = level;
  }
  return grant;
}

/** The file in this repository a `uses:` of a reusable workflow names, or undefined for another repository's. */
export function calledFile(uses: string): string | undefined {
  if (uses.startsWith('./.github/workflows/')) return uses.slice(2).split('@')[0];
  const prefix = `${PRODUCT_REPOSITORY}/.github/workflows/`;
  return uses.startsWith(prefix) ? `.github/workflows/${uses.slice(prefix.length).split('@')[0]}` : undefined;
}

/** What a nested job asks for beyond the grant, in GitHub's startup_failure wording; undefined when within it. */
export function excess(job: string, requested: Grant, allowed: Grant): string | undefined {
  const over = SCOPES.filter((scope) => RANK[requested[scope] ?? 'none'] > RANK[allowed[scope] ?? 'none']);
  if (!over.length) return undefined;
  const list = (grant: Grant) => over.map((scope) => `${scope}: ${grant[scope] ?? 'none'}`).join(', ');
  return `The nested job '${job}' is requesting '${list(requested)}', but is only allowed '${list(allowed)}'.`;
}

/**
 * Every violation in one workflow file: for each job that calls a reusable workflow, each job of the called
 * workflow (its own permissions, else the called workflow's top-level ones, else what it inherits) must be within
 * the calling job's grant (its own permissions, else the caller's top-level ones), down through nested calls.
 */
export function permissionViolations(file: string, read: ReadWorkflow): string[] {
  const workflow = parse(read(file)) as Workflow;
  const problems: string[] = [];
  for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
    if (!job.uses) continue;
    const declared = job.permissions ?? workflow.permissions;
    if (declared === undefined) {
      problems.push(`${file} job ${name}: calls ${job.uses} without declaring permissions (the repository's default token permissions apply)`);
      continue;
    }
    problems.push(...nestedViolations(`${file} job ${name}`, job.uses, grantOf(declared), read, [file]));
  }
  return problems;
}

function nestedViolations(where: string, uses: string, grant: Grant, read: ReadWorkflow, chain: string[]): string[] {
  const file = calledFile(uses);
  if (!file) return [`${where}: ${uses} is not a reusable workflow of this repository; its permissions cannot be checked`];
  if (chain.includes(file)) return [`${where}: ${file} calls itself through ${chain.join(' → ')}`];
  const called = parse(read(file)) as Workflow;
  const problems: string[] = [];
  for (const [name, job] of Object.entries(called.jobs ?? {})) {
    const declared = job.permissions ?? called.permissions;
    // Neither the job nor its workflow declares any: the job gets exactly what the caller grants.
    const requested = declared === undefined ? grant : grantOf(declared);
    const over = excess(name, requested, grant);
    if (over) problems.push(`${where} (${file}): ${over}`);
    if (job.uses) problems.push(...nestedViolations(`${where} → ${file} job ${name}`, job.uses, requested, read, [...chain, file]));
  }
  return problems;
}

export const readFromRoot =
  (root: string): ReadWorkflow =>
  (path) =>
    readFileSync(join(root, path), 'utf8');
