/** OpenAI chat completions on the wire: request checks, response and error bodies as the real API sends them. */
import type { EmulatedUsage, ModelEmulatorOptions, RecordedModelRequest, ScriptedReply } from './types.js';
import { asArray, asRecord, estimateTokens, replyCharacters, type RequestSummary, type WireError } from './wire-common.js';

const DEFAULT_FIXED_TEMPERATURE = /^(?:o\d|gpt-5)/;

export function summarizeOpenAIRequest(body: Record<string, unknown>): RequestSummary {
  const messages: RequestSummary['messages'] = [];
  let system = '';
  for (const raw of asArray(body.messages)) {
    const message = asRecord(raw);
    const role = String(message.role ?? '');
    let text = contentText(message.content);
    for (const call of asArray(message.tool_calls)) {
      const fn = asRecord(asRecord(call).function);
      text += String(fn.name ?? '') + String(fn.arguments ?? '');
    }
    if (role === 'system' || role === 'developer') system += text;
    else messages.push({ role, text });
  }
  const tools = asArray(body.tools);
  const characters =
    system.length + messages.reduce((total, message) => total + message.text.length, 0) + (tools.length > 0 ? JSON.stringify(tools).length : 0);
  const choice = body.tool_choice;
  return {
    model: String(body.model ?? ''),
    system,
    messages,
    toolNames: tools.map((tool) => String(asRecord(asRecord(tool).function).name ?? '')),
    toolChoice:
      choice === 'auto' || choice === 'required' || choice === 'none'
        ? choice
        : choice !== undefined
          ? { name: String(asRecord(asRecord(choice).function).name ?? '') }
          : undefined,
    temperature: typeof body.temperature === 'number' ? body.temperature : undefined,
    maxTokens: typeof body.max_completion_tokens === 'number' ? body.max_completion_tokens : typeof body.max_tokens === 'number' ? body.max_tokens : undefined,
    estimatedInputTokens: Math.ceil(characters / 4),
  };
}

/** The checks the real endpoint makes that a client adapter could get wrong. */
export function validateOpenAIRequest(body: Record<string, unknown>, options: ModelEmulatorOptions): WireError | undefined {
  const invalid = (message: string, param: string | null, code: string | null = null, status = 400): WireError => ({
    status,
    body: openAIErrorBody(message, 'invalid_request_error', param, code),
  });
  if (typeof body.model !== 'string' || body.model === '') return invalid('you must provide a model parameter', 'model');
  if (options.models && !options.models.includes(body.model)) {
    return invalid(`The model \`${body.model}\` does not exist or you do not have access to it.`, null, 'model_not_found', 404);
  }
  const messages = asArray(body.messages);
  if (messages.length === 0) return invalid("[] is too short - 'messages'", 'messages');
  const pending = new Set<string>();
  for (const [index, raw] of messages.entries()) {
    const message = asRecord(raw);
    const role = message.role;
    if (pending.size > 0 && role !== 'tool') {
      return invalid(
        "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. " +
          `The following tool_call_ids did not have response messages: ${[...pending].join(', ')}`,
        `messages.[${index}].role`,
      );
    }
    if (role === 'assistant') {
      for (const call of asArray(message.tool_calls)) pending.add(String(asRecord(call).id));
    } else if (role === 'tool') {
      const id = String(message.tool_call_id ?? '');
      if (!pending.delete(id)) {
        return invalid(
          "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
          `messages.[${index}].role`,
        );
      }
    } else if (!['system', 'developer', 'user'].includes(String(role))) {
      return invalid(
        `Invalid value: '${String(role)}'. Supported values are: 'system', 'assistant', 'user', 'tool', and 'developer'.`,
        `messages[${index}].role`,
      );
    }
  }
  const toolNames = asArray(body.tools).map((tool) => String(asRecord(asRecord(tool).function).name ?? ''));
  const choice = asRecord(body.tool_choice);
  const forcedName = asRecord(choice.function).name;
  if (typeof forcedName === 'string' && !toolNames.includes(forcedName)) {
    return invalid(`Invalid value for 'tool_choice': function '${forcedName}' is not among the tools.`, 'tool_choice');
  }
  if (typeof body.temperature === 'number' && (options.fixedTemperatureModels ?? DEFAULT_FIXED_TEMPERATURE).test(body.model)) {
    return invalid(
      `Unsupported value: 'temperature' does not support ${body.temperature} with this model. Only the default (1) value is supported.`,
      'temperature',
      'unsupported_value',
    );
  }
  return undefined;
}

export function openAIReplyBody(reply: ScriptedReply, request: RecordedModelRequest, usage: EmulatedUsage): unknown {
  const toolCalls = (reply.toolCalls ?? []).map((call, position) => ({
    id: call.id ?? `call_emu${request.index}x${position}`,
    type: 'function',
    function: { name: call.name, arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments) },
  }));
  const stop = reply.stopReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'end');
  return {
    id: `chatcmpl-emu${request.index}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: reply.model ?? request.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.text ?? (toolCalls.length > 0 ? null : ''),
          refusal: null,
          annotations: [],
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: stop === 'end' ? 'stop' : stop === 'max_tokens' ? 'length' : 'tool_calls',
      },
    ],
    ...(reply.omitUsage ? {} : { usage: usageBody(usage) }),
    service_tier: 'default',
    system_fingerprint: 'fp_emulator',
  };
}

function usageBody(usage: EmulatedUsage): unknown {
  return {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
    // prompt_tokens includes the cached ones, as OpenAI reports them.
    prompt_tokens_details: { cached_tokens: usage.cacheRead ?? 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

export function defaultOpenAIUsage(reply: ScriptedReply, request: RecordedModelRequest): { input: number; output: number } {
  return reply.usage ?? { input: request.estimatedInputTokens, output: estimateTokens(replyCharacters(reply)) };
}

const STATUS_ERRORS: Record<number, { message: string; type: string; code: string | null }> = {
  400: { message: 'Bad request.', type: 'invalid_request_error', code: null },
  401: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { message: 'You are not allowed to sample from this model', type: 'invalid_request_error', code: null },
  404: { message: 'The model does not exist or you do not have access to it.', type: 'invalid_request_error', code: 'model_not_found' },
  429: { message: 'Rate limit reached for requests. Please try again later.', type: 'requests', code: 'rate_limit_exceeded' },
  500: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', code: null },
  502: { message: 'Bad gateway.', type: 'server_error', code: null },
  503: { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', code: null },
};

export function openAIStatusError(status: number, message?: string): unknown {
  const known = STATUS_ERRORS[status] ?? { message: `HTTP ${status}`, type: 'server_error', code: null };
  return openAIErrorBody(message ?? known.message, known.type, null, known.code);
}

export function openAIErrorBody(message: string, type: string, param: string | null, code: string | null): unknown {
  return { error: { message, type, param, code } };
}

/** Like the real API, a wrong key is named only by its first and last characters. */
export function maskKey(key: string): string {
  return key.length <= 8 ? '***' : `${key.slice(0, 3)}${'*'.repeat(Math.min(key.length - 7, 20))}${key.slice(-4)}`;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  return asArray(content)
    .map((part) => asRecord(part).text)
    .filter((text): text is string => typeof text === 'string')
    .join('');
}
