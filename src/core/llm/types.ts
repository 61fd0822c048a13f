/**
 * Provider-neutral shapes of the model layer. Callers (implement, reviews, triage) speak only these;
 * the adapters in `providers/` translate them to OpenAI chat completions or Anthropic messages.
 */
import type { z } from 'zod';

export type ProviderName = 'openai' | 'anthropic' | 'openai-compatible';

export const PROVIDER_NAMES: readonly ProviderName[] = ['openai', 'anthropic', 'openai-compatible'];

/** One provider + model and how to reach it. */
export interface ModelSettings {
  provider: ProviderName;
  model: string;
  /** Required for `openai` and `anthropic`; optional for keyless local endpoints (Ollama, vLLM). */
  apiKey?: string;
  /** Overrides the SDK default; required for `openai-compatible`. */
  baseUrl?: string;
  /**
   * Sent where the model accepts one. Anthropic's API (version 2026-10-21) and OpenAI's reasoning models
   * (o-series, gpt-5 family) reject sampling settings, so there it is not sent.
   */
  temperature: number;
  /** Upper bound on the reply; Anthropic requires one, so a default applies there. */
  maxOutputTokens?: number;
  /** Per attempt, not per call: a retried call may take longer in total. */
  timeoutMs?: number;
  /** Retries after the first attempt on transient failures (default 3). */
  maxRetries?: number;
}

/** USD per million tokens. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
  /** Input read from the provider's prompt cache; absent: billed as fresh input (the safe side of a budget). */
  cachedInputPerMillion?: number;
  /** Input written to the prompt cache (Anthropic bills writes above fresh input); absent: as fresh input. */
  cacheWritePerMillion?: number;
}

/** Keyed by model name; dated snapshots (`gpt-4o-2024-08-06`) match their base name. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

export interface RunBudget {
  /** Total spend allowed for this client (one action run). */
  maxCostUsd: number;
  /** Refuse a single call whose estimated input is larger; callers chunk instead. */
  maxInputTokensPerCall?: number;
}

export interface ModelClientOptions {
  primary: ModelSettings;
  /** Tried once per call when the primary is unavailable or rejects the model or key. */
  fallback?: ModelSettings;
  budget: RunBudget;
  /** Merged over the shipped defaults. */
  prices?: PriceTable;
  log?: (message: string) => void;
  /** Injected so tests do not wait for real backoff delays. */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source, injectable for deterministic tests; defaults to Math.random. */
  random?: () => number;
}

export interface ToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
  /**
   * Set when the model sent arguments that are not a JSON object (OpenAI transmits them as a string).
   * `arguments` is then empty and this holds the raw text, so the caller can answer with an error.
   */
  invalidArguments?: string;
}

export interface UserMessage {
  role: 'user';
  content: string;
}

export interface AssistantMessage {
  role: 'assistant';
  content?: string;
  toolCalls?: ToolCall[];
  /**
   * The provider's own content of this turn, replayed verbatim when the same provider and model get the
   * history back: Anthropic's thinking models require their thinking blocks to be returned unchanged
   * alongside tool results. Ignored by any other provider or model (thinking is bound to its model).
   */
  providerContent?: ProviderContent;
}

export interface ProviderContent {
  provider: ProviderName;
  model: string;
  blocks: unknown[];
}

export interface ToolResultMessage {
  role: 'tool';
  toolCallId: string;
  content: string;
  isError?: boolean;
}

export type Message = UserMessage | AssistantMessage | ToolResultMessage;

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON schema of the arguments object (`type: 'object'`). */
  parameters: Record<string, unknown>;
}

export type ToolChoice = 'auto' | 'required' | { name: string };

export interface ChatRequest {
  system: string;
  messages: Message[];
  tools?: ToolSpec[];
  toolChoice?: ToolChoice;
  temperature?: number;
  maxOutputTokens?: number;
  /**
   * Mark the conversation so far as a cache prefix (Anthropic `cache_control` on its last block), for a
   * loop that sends the same history again with more appended. The system prompt and tool definitions are
   * always marked; OpenAI caches stable prefixes by itself.
   */
  cacheConversation?: boolean;
}

export type StopReason = 'end' | 'tool_calls' | 'max_tokens' | 'content_filter' | 'other';

export interface CallUsage {
  /** Every prompt token, cached or not. */
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Of inputTokens, those read from the provider's prompt cache. */
  cachedInputTokens?: number;
  /** Of inputTokens, those written to the prompt cache (Anthropic). */
  cacheWriteTokens?: number;
}

export interface ChatResult {
  /** The reply as a history entry: append it to `messages` before the tool results. */
  message: AssistantMessage;
  text: string;
  toolCalls: ToolCall[];
  stopReason: StopReason;
  usage: CallUsage;
  /** The provider and model that actually answered (the fallback, if it was used). */
  provider: ProviderName;
  model: string;
}

export interface StructuredRequest<T> {
  system: string;
  messages: Message[];
  schema: z.ZodType<T>;
  /** Tool name the model must call; letters, digits, `_` and `-` only. */
  name: string;
  description: string;
  temperature?: number;
  maxOutputTokens?: number;
}

export interface StructuredResult<T> {
  value: T;
  /** Summed over the first attempt and the repair attempt, if there was one. */
  usage: CallUsage;
}

export interface ModelUsageEntry extends CallUsage {
  provider: ProviderName;
  model: string;
  calls: number;
}

export interface RunUsage extends CallUsage {
  calls: number;
  byModel: ModelUsageEntry[];
}

export interface ModelClient {
  chat(request: ChatRequest): Promise<ChatResult>;
  structured<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>>;
  /** A snapshot of everything spent through this client so far. */
  readonly usage: RunUsage;
}
