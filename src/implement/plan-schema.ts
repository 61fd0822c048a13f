/**
 * The implementation plan (seed 001's SPEC): what the model must produce before any edit, what a human may
 * approve, and what bounds the edits afterwards (scope-mode plan: only these files).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

const relativePath = z.string().trim().min(1).max(400).describe('Path relative to the repository root, with forward slashes, e.g. src/math.js');

export const planFileSchema = z.object({
  path: relativePath,
  action: z.enum(['modify', 'create', 'delete']),
  reason: z.string().min(1).max(500),
});

export const implementationPlanSchema = z.object({
  problem: z.string().min(1).max(4000).describe('The problem in your own words: what is wrong or missing, and what done looks like'),
  files: z.array(planFileSchema).min(1).max(50).describe('Every file the change will touch, tests included'),
  steps: z.array(z.string().min(1).max(1000)).min(1).max(30),
  tests: z.array(z.string().min(1).max(1000)).max(30).describe('Tests to add or change, and what each proves'),
  checklist: z.array(z.string().min(1).max(500)).max(30).describe('What a reviewer should verify'),
  risks: z.array(z.string().min(1).max(500)).max(20),
  architectural: z.boolean().describe('True when the change alters the architecture (new module boundaries, dependencies, data flow)'),
  adr: z.string().max(6000).optional().describe('When architectural: an Architecture Decision Record (context, decision, consequences)'),
});

/** plan: the agent may change only the files the plan names; repository: any file that is not protected. */
export type ScopeMode = 'plan' | 'repository';

export type PlanFile = z.infer<typeof planFileSchema>;
export type ImplementationPlan = z.infer<typeof implementationPlanSchema>;

/** Stable hash of a plan: what was approved is exactly what runs. */
export function planHash(plan: ImplementationPlan): string {
  return createHash('sha256').update(canonicalJson(plan)).digest('hex');
}

/** JSON with object keys sorted at every level, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
