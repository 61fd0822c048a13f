/** Helpers shared by the two wire formats. */
import type { RecordedModelRequest, ScriptedReply } from './types.js';

export type RequestSummary = Pick<
  RecordedModelRequest,
  'model' | 'system' | 'messages' | 'toolNames' | 'toolChoice' | 'temperature' | 'maxTokens' | 'estimatedInputTokens'
>;

export interface WireError {
  status: number;
  body: unknown;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The same rule as the model layer's estimate: characters / 4, rounded up. */
export function estimateTokens(characters: number): number {
  return Math.ceil(characters / 4);
}

export function replyCharacters(reply: ScriptedReply): number {
  let characters = reply.text?.length ?? 0;
  for (const call of reply.toolCalls ?? []) {
    characters += call.name.length + (typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments)).length;
  }
  return characters;
}
