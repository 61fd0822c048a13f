/** Anthropic messages on the wire (API version 2026-10-21): request checks, response and error bodies. */
import type { EmulatedUsage, ModelEmulatorOptions, RecordedModelRequest, ScriptedReply } from './types.js';
import { asArray, asRecord, estimateTokens, replyCharacters, type RequestSummary, type WireError } from './wire-common.js';

/** From this API version on, sampling parameters are rejected whatever their value. */
const SAMPLING_REMOVED_IN = '2026-10-21';

export function summarizeAnthropicRequest(body: Record<string, unknown>): RequestSummary {
  const system = typeof body.system === 'string' ? body.system : blocksText(body.system);
  const messages = asArray(body.messages).map((raw) => {
    const message = asRecord(raw);
    return { role: String(message.role ?? ''), text: typeof message.content === 'string' ? message.content : blocksText(message.content) };
  });
  const tools = asArray(body.tools);
  const characters =
    system.length + messages.reduce((total, message) => total + message.text.length, 0) + (tools.length > 0 ? JSON.stringify(tools).length : 0);
  const choice = asRecord(body.tool_choice);
  return {
    model: String(body.model ?? ''),
    system,
    messages,
    toolNames: tools.map((tool) => String(asRecord(tool).name ?? '')),
    toolChoice:
      choice.type === 'auto' || choice.type === 'none'
        ? choice.type
        : choice.type === 'any'
          ? 'required'
          : choice.type === 'tool'
            ? { name: String(choice.name ?? '') }
            : undefined,
    temperature: typeof body.temperature === 'number' ? body.temperature : undefined,
    maxTokens: typeof body.max_tokens === 'number' ? body.max_tokens : undefined,
    estimatedInputTokens: Math.ceil(characters / 4),
  };
}

/**
 * @param signatures thinking signatures issued with earlier tool_use blocks, by tool_use id: the API
 *   requires the final assistant turn of a tool loop to come back with its thinking block unchanged.
 */
export function validateAnthropicRequest(
  body: Record<string, unknown>,
  version: string,
  options: ModelEmulatorOptions,
  signatures: ReadonlyMap<string, string>,
): WireError | undefined {
  const invalid = (message: string, status = 400): WireError => ({ status, body: anthropicErrorBody(status, message) });
  if (typeof body.model !== 'string' || body.model === '') return invalid('model: Field required');
  if (options.models && !options.models.includes(body.model)) return invalid(`model: ${body.model}`, 404);
  if (!(typeof body.max_tokens === 'number' && Number.isInteger(body.max_tokens) && body.max_tokens >= 1)) {
    return invalid('max_tokens: Field required');
  }
  if (version >= SAMPLING_REMOVED_IN) {
    for (const field of ['temperature', 'top_p', 'top_k']) {
      if (field in body) return invalid(`${field}: Extra inputs are not permitted`);
    }
  }
  const messages = asArray(body.messages).map(asRecord);
  if (messages.length === 0) return invalid('messages: at least one message is required');
  if (messages[0]?.role !== 'user') return invalid('messages: first message must use the "user" role');
  let lastAssistant = -1;
  for (const [index, message] of messages.entries()) {
    if (message.role !== 'user' && message.role !== 'assistant') {
      return invalid(
        `messages.${index}.role: Unexpected role "${String(message.role)}". The Messages API accepts a top-level \`system\` parameter, not "system" as an input message role.`,
      );
    }
    const blocks = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : asArray(message.content).map(asRecord);
    if (blocks.some((block) => block.type === 'text' && block.text === '')) return invalid('messages: text content blocks must be non-empty');
    if (message.role === 'assistant') lastAssistant = index;
    const previous = messages[index - 1];
    const previousToolUses = previous?.role === 'assistant' ? toolUseIds(previous.content) : [];
    const results = blocks.filter((block) => block.type === 'tool_result').map((block) => String(block.tool_use_id));
    const stray = results.find((id) => !previousToolUses.includes(id));
    if (stray) {
      return invalid(
        `messages.${index}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${stray}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
      );
    }
    const unanswered = previousToolUses.filter((id) => !results.includes(id));
    const resultsFirst = blocks.slice(0, results.length).every((block) => block.type === 'tool_result');
    if (unanswered.length > 0 || !resultsFirst) {
      return invalid(
        `messages.${index - 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(', ')}. ` +
          'Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
      );
    }
  }
  const last = messages[lastAssistant];
  if (last && Array.isArray(last.content)) {
    const signed = toolUseIds(last.content)
      .map((id) => signatures.get(id))
      .find((signature) => signature !== undefined);
    const first = asRecord(last.content[0]);
    if (signed !== undefined && !(first.type === 'thinking' && first.signature === signed)) {
      return invalid(
        `messages.${lastAssistant}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(first.type)}\`. ` +
          'When `thinking` is enabled, a final `assistant` message must start with a thinking block, unchanged from the response that produced it.',
      );
    }
  }
  const toolNames = asArray(body.tools).map((tool) => String(asRecord(tool).name ?? ''));
  const choice = asRecord(body.tool_choice);
  if (choice.type === 'tool' && !toolNames.includes(String(choice.name))) return invalid(`tool_choice.name: Tool '${String(choice.name)}' not found in tools`);
  if ((choice.type === 'tool' || choice.type === 'any') && options.modelsRefusingForcedToolChoice?.includes(body.model)) {
    return invalid('tool_choice: forcing tool use is not supported for this model; use tool_choice "auto" or "none".');
  }
  return undefined;
}

export function anthropicReplyBody(reply: ScriptedReply, request: RecordedModelRequest, usage: EmulatedUsage): unknown {
  const content: unknown[] = [];
  if (reply.thinking !== undefined) content.push({ type: 'thinking', thinking: reply.thinking, signature: signatureFor(request.index) });
  if (reply.text) content.push({ type: 'text', text: reply.text, citations: null });
  for (const [position, call] of (reply.toolCalls ?? []).entries()) {
    const input: unknown = typeof call.arguments === 'string' ? JSON.parse(call.arguments) : call.arguments;
    content.push({ type: 'tool_use', id: call.id ?? `toolu_emu${request.index}x${position}`, name: call.name, input, caller: { type: 'direct' } });
  }
  const stop = reply.stopReason ?? ((reply.toolCalls?.length ?? 0) > 0 ? 'tool_calls' : 'end');
  return {
    id: `msg_emu${request.index}`,
    type: 'message',
    role: 'assistant',
    model: reply.model ?? request.model,
    content,
    container: null,
    diagnostics: null,
    stop_reason: stop === 'end' ? 'end_turn' : stop === 'max_tokens' ? 'max_tokens' : 'tool_use',
    stop_sequence: null,
    stop_details: null,
    usage: {
      // Anthropic's input_tokens counts only what came after the last cache breakpoint.
      input_tokens: usage.input - (usage.cacheRead ?? 0) - (usage.cacheWrite ?? 0),
      output_tokens: usage.output,
      cache_creation: usage.cacheWrite ? { ephemeral_5m_input_tokens: usage.cacheWrite, ephemeral_1h_input_tokens: 0 } : null,
      cache_creation_input_tokens: usage.cacheWrite ?? 0,
      cache_read_input_tokens: usage.cacheRead ?? 0,
      inference_geo: null,
      output_tokens_details: null,
      server_tool_use: null,
      service_tier: 'standard',
      speed: null,
    },
  };
}

export function defaultAnthropicUsage(reply: ScriptedReply, request: RecordedModelRequest): { input: number; output: number } {
  return reply.usage ?? { input: request.estimatedInputTokens, output: estimateTokens(replyCharacters(reply) + (reply.thinking?.length ?? 0)) };
}

export function signatureFor(requestIndex: number): string {
  return `sig_emu${requestIndex}_${Buffer.from(`thinking-${requestIndex}`).toString('base64')}`;
}

const STATUS_TYPES: Record<number, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'Invalid request.' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  402: { type: 'billing_error', message: 'Your credit balance is too low to access the Anthropic API.' },
  403: { type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' },
  404: { type: 'not_found_error', message: 'The requested resource could not be found.' },
  413: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  429: { type: 'rate_limit_error', message: 'Number of request tokens has exceeded your per-minute rate limit.' },
  500: { type: 'api_error', message: 'Internal server error' },
  502: { type: 'api_error', message: 'Bad gateway' },
  503: { type: 'api_error', message: 'Service unavailable' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

export function anthropicErrorBody(status: number, message?: string): unknown {
  const known = STATUS_TYPES[status] ?? { type: 'api_error', message: `HTTP ${status}` };
  return { type: 'error', error: { type: known.type, message: message ?? known.message }, request_id: `req_emu${status}` };
}

function toolUseIds(content: unknown): string[] {
  return asArray(content)
    .map(asRecord)
    .filter((block) => block.type === 'tool_use')
    .map((block) => String(block.id));
}

function blocksText(content: unknown): string {
  return asArray(content)
    .map((raw) => {
      const block = asRecord(raw);
      if (block.type === 'text') return String(block.text ?? '');
      if (block.type === 'tool_use') return String(block.name ?? '') + JSON.stringify(block.input ?? {});
      if (block.type === 'tool_result') return typeof block.content === 'string' ? block.content : blocksText(block.content);
      return '';
    })
    .join('');
}
