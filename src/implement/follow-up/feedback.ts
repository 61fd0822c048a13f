/**
 * Review follow-up (the agent answers changes requested on its own pull request), the pure parts: who may ask the agent for changes, which
 * feedback is new, and the text the agent gets (fenced by the agent as untrusted data).
 */
import type { ImplementationPlan } from '../plan-schema.js';

export interface ReviewFeedback {
  reviewId?: number;
  reviewBody?: string;
  reviewer: string;
  comments: Array<{ id: number; path: string; line: number | null; body: string; author: string }>;
}

export function feedbackText(feedback: ReviewFeedback): string {
  const parts: string[] = [];
  if (feedback.reviewBody?.trim()) parts.push(`Review by @${feedback.reviewer} (changes requested):\n${feedback.reviewBody.trim()}`);
  for (const comment of feedback.comments) {
    parts.push(`Comment by @${comment.author} on ${comment.path}${comment.line !== null ? `:${comment.line}` : ''}:\n${comment.body.trim()}`);
  }
  return parts.join('\n\n---\n\n');
}

/** The plan the fix may touch: the approved plan's files plus the files the PR already changes. */
export function followUpPlan(plan: ImplementationPlan | undefined, prFiles: readonly string[], pullNumber: number): ImplementationPlan {
  const base: ImplementationPlan = plan ?? {
    problem: `Address the review feedback on pull request #${pullNumber}.`,
    files: [],
    steps: ['Address each review comment with the smallest change that resolves it', 'Run the tests'],
    tests: [],
    checklist: ['Every review comment is addressed'],
    risks: [],
    architectural: false,
  };
  const files = [...base.files];
  for (const path of prFiles) if (!files.some((file) => file.path === path)) files.push({ path, action: 'modify', reason: 'changed by this pull request' });
  return { ...base, files };
}

/** Keeps the most recent ids: enough to make reruns of recent events no-ops without growing the marker forever. */
export function remember(ids: readonly number[] | undefined, more: readonly number[]): number[] {
  return [...new Set([...(ids ?? []), ...more])].slice(-200);
}
