/**
 * One attempt against one provider. Adapters translate neutral messages to the wire format and back
 * and report failures as ProviderCallError; retries, budgets and fallback live in the model client.
 */
import { isRecord } from '../../is-record.js';
import type { Message, ProviderName, StopReason, ToolCall, ToolChoice, ToolSpec } from '../types.js';

export interface ProviderRequest {
  model: string;
  system: string;
  messages: Message[];
  tools?: ToolSpec[];
  toolChoice?: ToolChoice;
  temperature: number;
  maxOutputTokens: number;
  cacheConversation?: boolean;
}

export interface ProviderReply {
  text: string;
  toolCalls: ToolCall[];
  stopReason: StopReason;
  /** Absent when an OpenAI-compatible server reports no usage; the client then estimates it. */
  usage?: { inputTokens: number; outputTokens: number; cachedInputTokens?: number; cacheWriteTokens?: number };
  /** The model name the provider reports (often a dated snapshot of the requested one). */
  model: string;
  /** Provider-native content to replay with the history (see AssistantMessage.providerContent). */
  providerContent?: unknown[];
}

export interface ProviderAdapter {
  readonly provider: ProviderName;
  send(request: ProviderRequest): Promise<ProviderReply>;
}

/** Tool-call arguments arrive as an object (Anthropic) or a JSON string (OpenAI); both end up here. */
export function toToolCall(id: string, name: string, raw: unknown): ToolCall {
  let parsed: unknown = raw;
  if (typeof raw === 'string') {
    try {
      parsed = raw.trim() === '' ? {} : JSON.parse(raw);
    } catch {
      return { id, name, arguments: {}, invalidArguments: raw };
    }
  }
  if (isRecord(parsed)) {
    return { id, name, arguments: parsed };
  }
  return { id, name, arguments: {}, invalidArguments: typeof raw === 'string' ? raw : JSON.stringify(raw) };
}

/** Arguments as they go back to a provider in the history: the model's own text if it was not valid JSON. */
export function toolCallArgumentsText(call: ToolCall): string {
  return call.invalidArguments ?? JSON.stringify(call.arguments);
}
