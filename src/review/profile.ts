/**
 * A reviewer is the engine plus a profile: cto-review and ciso-review differ only in what is written here
 * (prompt, temperature, categories, names and labels of what they post, confidence filter, redaction), and
 * in the deterministic findings ciso-review adds through the engine's hooks.
 */
import type { z } from 'zod';
import type { LabelKey } from '../core/labels.js';
import type { ModelFinding } from './finding-schema.js';

export type ReviewerName = 'cto-review' | 'ciso-review';

export interface ReviewerProfile {
  /** Marker kind of the sticky comment, `source` of suggestion markers, reviewer field of inline markers. */
  name: ReviewerName;
  /** For people: "CTO review", "Security review". */
  title: string;
  /** Check run on the PR head, from CHECK_NAMES in src/core/contracts.ts. */
  checkName: string;
  /** Prefix of suggestion issue titles: `[CTO Suggestion]`, `[Security]`. */
  issueTitlePrefix: string;
  /**
   * Labels of suggestion issues besides agent-suggestion, needs-approval and severity-<level>: the source
   * label (`sourceCtoReview` / `sourceCisoReview`) and, for ciso-review, `security`. Keys, so repository
   * label overrides apply.
   */
  issueLabels: readonly LabelKey[];
  /** cto 0.2, ciso 0.1 (src/core/llm/defaults.ts): security findings must be the most repeatable. */
  temperature: number;
  /** What to look for; the engine appends how to read the diff and how to report. */
  systemPrompt: string;
  /** Schema of one finding in the model's reply: `modelFindingSchema(categories, { confidence })`. */
  findingSchema: z.ZodType<ModelFinding>;
  /** Findings below this confidence are dropped unless the policy sets `min-confidence`. */
  defaultMinConfidence: number;
  /**
   * Applied to every text the engine posts or prints (ciso-review masks secrets), and to everything the model
   * is sent (diff, surrounding code, description). Read at each use, so a deterministic hook may set it up.
   */
  redact?: ((text: string) => string) | undefined;
}
