/**
 * Anthropic messages API. The SDK is imported on the first call only, and only its base client, the Messages
 * resource and the error classes: the SDK's root export brings every resource (beta, files, skills, webhooks…),
 * about three times the code, and the bundle is what every action loads.
 */
import type { Anthropic } from '@anthropic-ai/sdk';
import type { BaseAnthropic } from '@anthropic-ai/sdk/client';
import type { Messages } from '@anthropic-ai/sdk/resources/messages';
import { isRecord } from '../../is-record.js';
import type { Message, ModelSettings, StopReason, ToolChoice } from '../types.js';
import { type ProviderAdapter, type ProviderReply, type ProviderRequest, toToolCall } from './provider-adapter.js';
import { ProviderCallError } from './provider-call-error.js';
import { type SdkErrorClasses, toProviderCallError } from './sdk-errors.js';

type MessageParams = Anthropic.Messages.MessageCreateParamsNonStreaming;
type MessageParam = Anthropic.Messages.MessageParam;
type ContentBlockParam = Anthropic.Messages.ContentBlockParam;

interface LoadedClient {
  client: BaseAnthropic & { messages: Messages };
  errors: SdkErrorClasses;
}

export function createAnthropicMessagesAdapter(settings: ModelSettings, log: (message: string) => void): ProviderAdapter {
  let loaded: Promise<LoadedClient> | undefined;
  // Models with always-on thinking refuse a forced tool choice; learned from the first refusal, kept for the run.
  const modelsRefusingForcedTools = new Set<string>();

  const load = async (): Promise<LoadedClient> => {
    const [{ BaseAnthropic }, { Messages }, errors] = await Promise.all([
      import('@anthropic-ai/sdk/client'),
      import('@anthropic-ai/sdk/resources/messages'),
      import('@anthropic-ai/sdk/core/error'),
    ]);
    class MessagesClient extends BaseAnthropic {
      messages = new Messages(this);
    }
    const client = new MessagesClient({
      apiKey: settings.apiKey,
      baseURL: settings.baseUrl,
      timeout: settings.timeoutMs,
      // Exactly one retry policy: the model client's.
      maxRetries: 0,
    });
    return { client, errors };
  };

  return {
    provider: 'anthropic',
    async send(request: ProviderRequest): Promise<ProviderReply> {
      loaded ??= load();
      const { client, errors } = await loaded;
      const create = async (forceTools: boolean): Promise<unknown> => {
        try {
          return await client.messages.create(toAnthropicParams(request, forceTools));
        } catch (error) {
          throw toProviderCallError(error, 'anthropic', errors, settings.apiKey);
        }
      };
      const forces = request.toolChoice !== undefined && request.toolChoice !== 'auto' && (request.tools?.length ?? 0) > 0;
      const forceTools = forces && !modelsRefusingForcedTools.has(request.model);
      try {
        return fromAnthropicMessage(await create(forceTools));
      } catch (error) {
        if (!(forceTools && refusesForcedToolChoice(error))) throw error;
        modelsRefusingForcedTools.add(request.model);
        log(`${request.model} does not accept a forced tool choice; asking for the tool call in the prompt instead.`);
        return fromAnthropicMessage(await create(false));
      }
    },
  };
}

/**
 * The SDK speaks API version 2023-06-01, which takes a temperature, so the agents' temperatures (implement
 * 0.3, cto 0.2, ciso 0.1) apply. A forced tool choice that the model refuses is sent as `auto`; the system
 * prompt and structured-output repair still ask for the call.
 */
export function toAnthropicParams(request: ProviderRequest, forceTools: boolean): MessageParams {
  const hasTools = request.tools !== undefined && request.tools.length > 0;
  const toolChoice = request.toolChoice && forceTools ? toAnthropicToolChoice(request.toolChoice) : { type: 'auto' as const };
  return {
    model: request.model,
    max_tokens: request.maxOutputTokens,
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    messages: request.cacheConversation
      ? markLastBlock(toAnthropicMessages(request.messages, request.model))
      : toAnthropicMessages(request.messages, request.model),
    // Cache breakpoints: tools, then the system prompt (the prefix every call of a run or review shares), and
    // with cacheConversation the end of the history, which the next turn of a tool loop reads back.
    ...(request.system ? { system: [{ type: 'text' as const, text: request.system, cache_control: EPHEMERAL }] } : {}),
    ...(hasTools
      ? {
          tools: (request.tools ?? []).map((tool, i, all) => ({
            name: tool.name,
            description: tool.description,
            input_schema: { ...tool.parameters, type: 'object' as const },
            ...(i === all.length - 1 ? { cache_control: EPHEMERAL } : {}),
          })),
          ...(request.toolChoice ? { tool_choice: toolChoice } : {}),
        }
      : {}),
  };
}

const EPHEMERAL = { type: 'ephemeral' as const };

/** The last text, tool_use or tool_result block of the history carries a breakpoint (thinking blocks cannot). */
function markLastBlock(messages: MessageParam[]): MessageParam[] {
  const last = messages.at(-1);
  if (!last || !Array.isArray(last.content)) return messages;
  const blocks = [...last.content];
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i];
    if (block && (block.type === 'text' || block.type === 'tool_use' || block.type === 'tool_result')) {
      blocks[i] = { ...block, cache_control: EPHEMERAL };
      return [...messages.slice(0, -1), { ...last, content: blocks }];
    }
  }
  return messages;
}

function refusesForcedToolChoice(error: unknown): boolean {
  return error instanceof ProviderCallError && error.status === 400 && /tool_choice|forc/i.test(error.message);
}

/**
 * Anthropic wants alternating turns, tool results as `tool_result` blocks in the user turn right after
 * the `tool_use`, and no empty text blocks; neutral messages are merged accordingly.
 */
export function toAnthropicMessages(messages: Message[], model: string): MessageParam[] {
  const result: MessageParam[] = [];
  const append = (role: 'user' | 'assistant', blocks: ContentBlockParam[]) => {
    if (blocks.length === 0) return;
    const last = result.at(-1);
    if (last && last.role === role && Array.isArray(last.content)) last.content.push(...blocks);
    else result.push({ role, content: blocks });
  };
  for (const message of messages) {
    if (message.role === 'user') {
      append('user', message.content ? [{ type: 'text', text: message.content }] : []);
    } else if (message.role === 'assistant') {
      const own = message.providerContent;
      if (own && own.provider === 'anthropic' && own.model === model) {
        append('assistant', own.blocks as ContentBlockParam[]);
        continue;
      }
      const blocks: ContentBlockParam[] = message.content ? [{ type: 'text', text: message.content }] : [];
      for (const call of message.toolCalls ?? []) {
        blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: call.arguments });
      }
      append('assistant', blocks);
    } else {
      append('user', [{ type: 'tool_result', tool_use_id: message.toolCallId, content: message.content, ...(message.isError ? { is_error: true } : {}) }]);
    }
  }
  return result;
}

function toAnthropicToolChoice(choice: ToolChoice): Anthropic.Messages.ToolChoice {
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'required') return { type: 'any' };
  return { type: 'tool', name: choice.name };
}

const STOP_REASONS: Record<string, StopReason> = {
  end_turn: 'end',
  stop_sequence: 'end',
  tool_use: 'tool_calls',
  max_tokens: 'max_tokens',
  model_context_window_exceeded: 'max_tokens',
  refusal: 'content_filter',
};

export function fromAnthropicMessage(reply: unknown): ProviderReply {
  const malformed = (what: string) => new ProviderCallError(`anthropic sent a response that is not a message (${what})`, 'anthropic', 'malformed');
  if (!isRecord(reply)) throw malformed(typeof reply === 'string' ? 'the body is not JSON' : 'no object');
  if (!Array.isArray(reply.content)) throw malformed('no content array');
  // Selected by type, never by position: thinking models put thinking blocks first.
  const blocks = reply.content.filter(isRecord);
  const text = blocks
    .filter((block) => block.type === 'text' && typeof block.text === 'string')
    .map((block) => block.text as string)
    .join('');
  const toolCalls = blocks.filter((block) => block.type === 'tool_use').map((block) => toToolCall(String(block.id), String(block.name), block.input));
  const usage = isRecord(reply.usage) ? reply.usage : undefined;
  const count = (key: string) => (usage && typeof usage[key] === 'number' ? usage[key] : 0);
  const stopReason = typeof reply.stop_reason === 'string' ? reply.stop_reason : '';
  return {
    text,
    toolCalls,
    stopReason: STOP_REASONS[stopReason] ?? 'other',
    usage: usage
      ? {
          // Anthropic's input_tokens leaves out what was read from or written to the cache; all of it is prompt.
          inputTokens: count('input_tokens') + count('cache_creation_input_tokens') + count('cache_read_input_tokens'),
          outputTokens: count('output_tokens'),
          cachedInputTokens: count('cache_read_input_tokens'),
          cacheWriteTokens: count('cache_creation_input_tokens'),
        }
      : undefined,
    model: typeof reply.model === 'string' ? reply.model : '',
    // Thinking blocks carry signatures the API checks when they come back; keep the turn exactly as sent.
    providerContent: reply.content,
  };
}
