/**
 * How a plan is held to: its hash (what was approved is exactly what runs) and the scope modes. The plan's
 * schema is in core/markers/plan.ts, because implement's issue marker stores it.
 */
import type { ImplementationPlan } from '../core/markers/plan.js';
import type { SCOPE_MODES } from './run-modes.js';
import { sha256 } from '../core/digest.js';

export { implementationPlanSchema, planFileSchema, type ImplementationPlan, type PlanFile } from '../core/markers/plan.js';

/** plan: the agent may change only the files the plan names; repository: any file that is not protected. */
export type ScopeMode = (typeof SCOPE_MODES)[number];

/** Stable hash of a plan: what was approved is exactly what runs. */
export function planHash(plan: ImplementationPlan): string {
  return sha256(canonicalJson(plan));
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
