/** Shapes of the model emulator's script, faults and request log. */

export type EmulatedProvider = 'openai' | 'anthropic';

export interface ScriptedToolCall {
  /** Generated when absent (`call_…` / `toolu_…`). */
  id?: string;
  name: string;
  /** An object, or a raw string sent verbatim as OpenAI's `arguments` (to script invalid JSON). */
  arguments: Record<string, unknown> | string;
}

export interface FaultSpec {
  /** An HTTP error with the provider's error body (401, 403, 404, 429, 500, 502, 503, 529...). */
  status?: number;
  headers?: Record<string, string>;
  /** Replaces the provider-shaped error body. */
  body?: unknown;
  /** Wait before answering; with no other fault field the scripted reply follows the delay. */
  delayMs?: number;
  /** 200 with a body that is not JSON, under `content-type: application/json`. */
  malformed?: boolean;
  /** 200 with a chat reply whose JSON is cut off halfway. */
  truncated?: boolean;
  /** Overrides the content type of a malformed or truncated body (e.g. `text/html` for a proxy page). */
  contentType?: string;
}

export interface QueuedFault extends FaultSpec {
  /** How many requests it applies to (default 1); `Infinity` for all. */
  times?: number;
  /** Only requests to this provider; any provider when absent. */
  provider?: EmulatedProvider;
}

export interface ScriptedReply {
  text?: string;
  toolCalls?: ScriptedToolCall[];
  /** Anthropic only: a signed thinking block first, which the client must send back with the tool results. */
  thinking?: string;
  /** Defaults: input = the request's estimate, output = the reply's characters / 4. */
  usage?: { input: number; output: number };
  /** OpenAI only: leave `usage` out of the reply, as some OpenAI-compatible servers do. */
  omitUsage?: boolean;
  /** Defaults to `tool_calls` when there are tool calls, else `end`. */
  stopReason?: 'end' | 'tool_calls' | 'max_tokens';
  /** The model name to report; defaults to the requested one. */
  model?: string;
  /** Answer this step with a fault instead of a reply. */
  fault?: FaultSpec;
  /** Assertions on the request; a throw answers 400 with its message and is kept in `expectationFailures`. */
  expect?: (request: RecordedModelRequest) => void;
}

/** Prompt tokens (all of them, cached included), reply tokens, and of the prompt what the cache read and wrote. */
export interface EmulatedUsage {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

export type ScriptFunction = (request: RecordedModelRequest, index: number) => ScriptedReply | Promise<ScriptedReply>;

export type NeutralToolChoice = 'auto' | 'required' | 'none' | { name: string } | undefined;

export interface RecordedModelRequest {
  /** Arrival order, from 0, across both providers. */
  index: number;
  provider: EmulatedProvider;
  path: string;
  headers: Record<string, string>;
  /** The JSON body as received (undefined when it was not JSON). */
  body: Record<string, unknown> | undefined;
  model: string;
  system: string;
  /** Each message's role and all of its text (text blocks, tool arguments, tool results). */
  messages: Array<{ role: string; text: string }>;
  toolNames: string[];
  toolChoice: NeutralToolChoice;
  temperature: number | undefined;
  maxTokens: number | undefined;
  /** Characters / 4 of the system prompt, every message and the tool definitions. */
  estimatedInputTokens: number;
  /** What the emulator answered. */
  response?: { status: number; usage?: EmulatedUsage };
}

export interface ModelEmulatorOptions {
  /** The key OpenAI requests must carry; `null` accepts any or none (a local Ollama/vLLM server). */
  openaiApiKey?: string | null;
  anthropicApiKey?: string;
  /** When set, other model names get the provider's 404. */
  models?: string[];
  /** OpenAI models that accept only the default temperature (reasoning families by default). */
  fixedTemperatureModels?: RegExp;
  /** Anthropic models with always-on thinking that refuse a forced tool choice. */
  modelsRefusingForcedToolChoice?: string[];
}
