/**
 * Sends each chunk to the model and collects its findings. All or nothing: if any call fails (invalid
 * output twice, budget, provider down), the error propagates and the engine posts no review, no issues and
 * no summary — only the check run's failure and its reason.
 */
import { estimateStructuredRequestTokens, type ModelClient } from '../core/llm/index.js';
import type { ChunkPlan } from './budget.js';
import type { Finding, ReviewReply } from './finding-schema.js';
import type { z } from 'zod';

export const REVIEW_TOOL_NAME = 'report_findings';
export const REVIEW_TOOL_DESCRIPTION = 'Report the findings of this review of a part of a pull request.';

export interface ModelPassRequest {
  system: string;
  schema: z.ZodType<ReviewReply>;
  maxOutputTokens: number;
  temperature: number;
}

/** The estimate the model layer will make of a request with this user message; the budget plans with it. */
export function requestTokens(request: Pick<ModelPassRequest, 'system' | 'schema'>, message: string): number {
  return estimateStructuredRequestTokens({
    system: request.system,
    messages: [{ role: 'user', content: message }],
    schema: request.schema,
    name: REVIEW_TOOL_NAME,
    description: REVIEW_TOOL_DESCRIPTION,
  });
}

export interface ModelPassResult {
  findings: Finding[];
  /** Findings naming a file the chunk did not show. */
  outsideChunk: Array<{ file: string; title: string }>;
  calls: number;
}

export async function runModelPass(
  model: ModelClient,
  request: ModelPassRequest,
  chunks: readonly ChunkPlan[],
  log: (message: string) => void,
): Promise<ModelPassResult> {
  const findings: Finding[] = [];
  const outsideChunk: ModelPassResult['outsideChunk'] = [];
  let calls = 0;
  for (const chunk of chunks) {
    log(`Reviewing part ${chunk.part} of ${chunk.parts}: ${chunk.files.length} file(s), about ${chunk.estimatedTokens} input tokens.`);
    const { value } = await model.structured({
      system: request.system,
      messages: [{ role: 'user', content: chunk.message }],
      schema: request.schema,
      name: REVIEW_TOOL_NAME,
      description: REVIEW_TOOL_DESCRIPTION,
      temperature: request.temperature,
      maxOutputTokens: request.maxOutputTokens,
    });
    calls += 1;
    const shown = new Set(chunk.files);
    for (const finding of value.findings) {
      if (shown.has(finding.file)) findings.push({ ...finding, origin: 'model' });
      else outsideChunk.push({ file: finding.file, title: finding.title });
    }
  }
  return { findings, outsideChunk, calls };
}
