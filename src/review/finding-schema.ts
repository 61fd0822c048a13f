/**
 * What a reviewer reports. The model answers with `{ findings: ModelFinding[] }` through a zod schema (each
 * reviewer picks its categories, and ciso-review asks for a confidence); deterministic scanners produce the
 * same shape. The engine then places each finding on the diff and fingerprints it (`ReviewedFinding`).
 */
import { z } from 'zod';
import { SEVERITIES, type Severity } from './severity.js';

export const CTO_CATEGORIES = ['quality', 'architecture', 'testing', 'documentation', 'performance', 'correctness'] as const;

/** One finding as the model (or a scanner) states it, before the engine checks where it points. */
export interface ModelFinding {
  /** Path as shown in the diff. */
  file: string;
  /** Line in the new version of the file (the number the diff shows). */
  line: number;
  /** First line when the finding (and its suggestion) spans lines `startLine..line`. */
  startLine?: number | undefined;
  severity: Severity;
  category: string;
  title: string;
  body: string;
  /** Replacement for lines `startLine..line` (or `line`), applied as a GitHub suggestion where it maps exactly. */
  suggestion?: string | undefined;
  /** The code at `line`, copied from the diff: how the engine repairs a wrong line number. */
  snippet?: string | undefined;
  /** True when the finding only concerns this PR's own new lines and is fixed by changing the PR. */
  prSpecific?: boolean | undefined;
  /** 0..1, for reviewers that filter on it (ciso-review). */
  confidence?: number | undefined;
}

/** A finding from a deterministic pass (ciso's scanners) carries the rule that produced it. */
export interface Finding extends ModelFinding {
  origin: 'model' | 'deterministic';
  /** Rule id of a deterministic finding (e.g. a secret-scanner rule); also used in SARIF. */
  ruleId?: string | undefined;
}

export interface FindingSchemaOptions {
  /** Ask for a 0..1 confidence (required in the reply). */
  confidence?: boolean;
}

/** The zod schema of one finding for a reviewer with these categories. */
export function modelFindingSchema(categories: readonly [string, ...string[]], options: FindingSchemaOptions = {}): z.ZodType<ModelFinding> {
  const base = z.object({
    file: z.string().min(1).describe('Path of the file exactly as written in the diff header.'),
    line: z.number().int().min(1).describe('Line number in the new file, as shown at the start of the diff line.'),
    startLine: z.number().int().min(1).optional().describe('First line when the finding spans several lines (startLine < line).'),
    severity: z.enum(SEVERITIES),
    category: z.enum(categories),
    title: z.string().min(1).max(200).describe('One line, at most about 80 characters.'),
    body: z.string().min(1).max(4000).describe('What is wrong, why it matters and how to fix it. Markdown.'),
    suggestion: z
      .string()
      .max(4000)
      .optional()
      .describe('Replacement code for exactly the lines startLine..line (or line), without diff markers or line numbers.'),
    snippet: z.string().max(500).optional().describe('The code on `line`, copied from the diff without its number and marker.'),
    prSpecific: z
      .boolean()
      .optional()
      .describe('true when this only concerns lines added by this pull request and should simply be fixed in it; false for wider follow-up work.'),
  });
  if (options.confidence) {
    return base.extend({ confidence: z.number().min(0).max(1).describe('How sure you are, from 0 to 1.') });
  }
  return base;
}

export interface ReviewReply {
  findings: ModelFinding[];
}

/** The object the model returns for one chunk. */
export function reviewReplySchema(finding: z.ZodType<ModelFinding>): z.ZodType<ReviewReply> {
  return z.object({ findings: z.array(finding).describe("Every finding worth a reviewer's comment; an empty list when there is none.") });
}
