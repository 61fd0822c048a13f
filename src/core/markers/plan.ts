/**
 * The implementation plan (the SPEC): what the model must produce before any edit, what a human may approve,
 * and what bounds the edits afterwards. It lives in core because implement's issue marker stores it.
 */
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

export type PlanFile = z.infer<typeof planFileSchema>;
export type ImplementationPlan = z.infer<typeof implementationPlanSchema>;
