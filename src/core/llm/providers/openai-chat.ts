/**
 * OpenAI chat completions, for OpenAI itself and for OpenAI-compatible endpoints (Ollama, vLLM,
 * gateways) reached through `baseUrl`. The SDK is imported on the first call only.
 */
import type { OpenAI } from 'openai';
import { isRecord } from '../../is-record.js';
import type { Message, ModelSettings, ProviderName, StopReason, ToolChoice } from '../types.js';
import { type ProviderAdapter, type ProviderReply, type ProviderRequest, toToolCall, toolCallArgumentsText } from './provider-adapter.js';
import { ProviderCallError } from './provider-call-error.js';
import { type SdkErrorClasses, toProviderCallError } from './sdk-errors.js';

type ChatParams = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;
type ChatMessageParam = OpenAI.Chat.Completions.ChatCompletionMessageParam;
type ChatToolChoice = OpenAI.Chat.Completions.ChatCompletionToolChoiceOption;

/** Keyless local servers still need a bearer value for the SDK to send a request at all. */
const PLACEHOLDER_KEY = 'no-key';

/**
 * Reasoning models (o-series, gpt-5) reject any temperature but the default, so none is sent; their
 * determinism comes from the prompt instead.
 */
const FIXED_TEMPERATURE_MODELS = /^(?:[\w.-]+\/)?(?:o\d|gpt-5)/;

interface LoadedClient {
  client: OpenAI;
  errors: SdkErrorClasses;
}

export function createOpenAIChatAdapter(settings: ModelSettings, log: (message: string) => void): ProviderAdapter {
  const provider = settings.provider;
  let loaded: Promise<LoadedClient> | undefined;
  // Models that refused a temperature once (known reasoning families, or learned from a 400) get none again.
  const modelsWithFixedTemperature = new Set<string>();

  const load = async (): Promise<LoadedClient> => {
    const sdk = await import('openai');
    const client = new sdk.OpenAI({
      apiKey: settings.apiKey ?? PLACEHOLDER_KEY,
      baseURL: settings.baseUrl,
      timeout: settings.timeoutMs,
      // Exactly one retry policy: the model client's.
      maxRetries: 0,
      // An organisation or project id from the environment is OpenAI's business, not a third-party gateway's.
      ...(provider === 'openai-compatible' ? { organization: null, project: null } : {}),
    });
    return { client, errors: sdk };
  };

  const skipTemperature = (model: string): boolean => {
    if (modelsWithFixedTemperature.has(model)) return true;
    if (provider === 'openai-compatible' || !FIXED_TEMPERATURE_MODELS.test(model)) return false;
    modelsWithFixedTemperature.add(model);
    log(`${model} accepts only its default temperature; the configured temperature is not sent.`);
    return true;
  };

  return {
    provider,
    async send(request: ProviderRequest): Promise<ProviderReply> {
      loaded ??= load();
      const { client, errors } = await loaded;
      const create = async (withTemperature: boolean): Promise<unknown> => {
        try {
          return await client.chat.completions.create(toOpenAIParams(request, provider, withTemperature));
        } catch (error) {
          throw toProviderCallError(error, provider, errors, settings.apiKey);
        }
      };
      const withTemperature = !skipTemperature(request.model);
      try {
        return fromOpenAICompletion(await create(withTemperature), provider);
      } catch (error) {
        if (!(withTemperature && refusesTemperature(error))) throw error;
        modelsWithFixedTemperature.add(request.model);
        log(`${request.model} refused temperature ${request.temperature}; sending its calls without one.`);
        return fromOpenAICompletion(await create(false), provider);
      }
    },
  };
}

export function toOpenAIParams(request: ProviderRequest, provider: ProviderName, withTemperature: boolean): ChatParams {
  const hasTools = request.tools !== undefined && request.tools.length > 0;
  return {
    model: request.model,
    messages: toOpenAIMessages(request.system, request.messages),
    ...(withTemperature ? { temperature: request.temperature } : {}),
    // OpenAI deprecated max_tokens (reasoning models refuse it); compatible servers mostly know only max_tokens.
    ...(provider === 'openai' ? { max_completion_tokens: request.maxOutputTokens } : { max_tokens: request.maxOutputTokens }),
    ...(hasTools
      ? {
          tools: (request.tools ?? []).map((tool) => ({
            type: 'function' as const,
            function: { name: tool.name, description: tool.description, parameters: tool.parameters },
          })),
          ...(request.toolChoice ? { tool_choice: toOpenAIToolChoice(request.toolChoice) } : {}),
        }
      : {}),
  };
}

function refusesTemperature(error: unknown): boolean {
  return error instanceof ProviderCallError && error.status === 400 && /temperature/i.test(error.message);
}

export function toOpenAIMessages(system: string, messages: Message[]): ChatMessageParam[] {
  const result: ChatMessageParam[] = system ? [{ role: 'system', content: system }] : [];
  for (const message of messages) {
    if (message.role === 'user') {
      result.push({ role: 'user', content: message.content });
    } else if (message.role === 'assistant') {
      const toolCalls = message.toolCalls ?? [];
      result.push({
        role: 'assistant',
        content: message.content ?? (toolCalls.length > 0 ? null : ''),
        ...(toolCalls.length > 0
          ? {
              tool_calls: toolCalls.map((call) => ({
                id: call.id,
                type: 'function' as const,
                function: { name: call.name, arguments: toolCallArgumentsText(call) },
              })),
            }
          : {}),
      });
    } else {
      // Chat completions have no error flag on tool results; the prefix carries it.
      result.push({ role: 'tool', tool_call_id: message.toolCallId, content: message.isError ? `Error: ${message.content}` : message.content });
    }
  }
  return result;
}

function toOpenAIToolChoice(choice: ToolChoice): ChatToolChoice {
  if (choice === 'auto' || choice === 'required') return choice;
  return { type: 'function', function: { name: choice.name } };
}

const STOP_REASONS: Record<string, StopReason> = {
  stop: 'end',
  tool_calls: 'tool_calls',
  function_call: 'tool_calls',
  length: 'max_tokens',
  content_filter: 'content_filter',
};

/** Checks the shape itself: a proxy error page or a half-implemented compatible server must not pass as an empty answer. */
export function fromOpenAICompletion(completion: unknown, provider: ModelSettings['provider']): ProviderReply {
  const malformed = (what: string) => new ProviderCallError(`${provider} sent a response that is not a chat completion (${what})`, provider, 'malformed');
  if (!isRecord(completion)) throw malformed(typeof completion === 'string' ? 'the body is not JSON' : 'no object');
  const choice: unknown = Array.isArray(completion.choices) ? completion.choices[0] : undefined;
  if (!isRecord(choice) || !isRecord(choice.message)) throw malformed('no choices[0].message');
  const message = choice.message;
  const rawToolCalls: unknown[] = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  const toolCalls = rawToolCalls.filter(isRecord).flatMap((call) => {
    if (call.type !== 'function' || !isRecord(call.function)) return [];
    return [toToolCall(String(call.id), String(call.function.name), call.function.arguments)];
  });
  const usage = isRecord(completion.usage) ? completion.usage : undefined;
  const finishReason = typeof choice.finish_reason === 'string' ? choice.finish_reason : '';
  return {
    text: typeof message.content === 'string' ? message.content : '',
    toolCalls,
    stopReason: STOP_REASONS[finishReason] ?? (toolCalls.length > 0 ? 'tool_calls' : 'other'),
    usage:
      usage && typeof usage.prompt_tokens === 'number'
        ? {
            inputTokens: usage.prompt_tokens,
            outputTokens: typeof usage.completion_tokens === 'number' ? usage.completion_tokens : 0,
            // prompt_tokens includes the tokens OpenAI served from its automatic prefix cache.
            cachedInputTokens: cachedTokens(usage.prompt_tokens_details),
          }
        : undefined,
    model: typeof completion.model === 'string' ? completion.model : '',
  };
}

function cachedTokens(details: unknown): number {
  return isRecord(details) && typeof details.cached_tokens === 'number' ? details.cached_tokens : 0;
}
