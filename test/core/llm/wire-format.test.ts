import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/core/llm/index.js';
import { fromAnthropicMessage, toAnthropicMessages, toAnthropicParams } from '../../../src/core/llm/providers/anthropic-messages.js';
import { fromOpenAICompletion, toOpenAIMessages } from '../../../src/core/llm/providers/openai-chat.js';
import { ProviderCallError } from '../../../src/core/llm/providers/provider-call-error.js';

const toolTurn: Message[] = [
  { role: 'user', content: 'Look at both files.' },
  {
    role: 'assistant',
    content: 'Reading.',
    toolCalls: [
      { id: 't1', name: 'read', arguments: { path: 'a' } },
      { id: 't2', name: 'read', arguments: {}, invalidArguments: '{"path": ' },
    ],
  },
  { role: 'tool', toolCallId: 't1', content: 'A' },
  { role: 'tool', toolCallId: 't2', content: 'bad arguments', isError: true },
  { role: 'user', content: 'And now?' },
];

describe('to Anthropic messages', () => {
  it('puts all tool results of a turn, then the user text, in one user message', () => {
    const messages = toAnthropicMessages(toolTurn, 'claude-sonnet-5-5');

    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[2]?.content).toEqual([
      { type: 'tool_result', tool_use_id: 't1', content: 'A' },
      { type: 'tool_result', tool_use_id: 't2', content: 'bad arguments', is_error: true },
      { type: 'text', text: 'And now?' },
    ]);
  });

  it('replays provider content only to the same provider and model', () => {
    const blocks = [
      { type: 'thinking', thinking: '', signature: 'sig' },
      { type: 'tool_use', id: 't1', name: 'read', input: { path: 'a' } },
    ];
    const history: Message[] = [
      { role: 'user', content: 'u' },
      {
        role: 'assistant',
        toolCalls: [{ id: 't1', name: 'read', arguments: { path: 'a' } }],
        providerContent: { provider: 'anthropic', model: 'claude-opus-5-5', blocks },
      },
      { role: 'tool', toolCallId: 't1', content: 'A' },
    ];

    expect(toAnthropicMessages(history, 'claude-opus-5-5')[1]?.content).toEqual(blocks);
    expect(toAnthropicMessages(history, 'claude-sonnet-5-5')[1]?.content).toEqual([{ type: 'tool_use', id: 't1', name: 'read', input: { path: 'a' } }]);
  });

  it('sends the agent temperature and sends auto when forcing is off', () => {
    const params = toAnthropicParams(
      {
        model: 'm',
        system: '',
        messages: [{ role: 'user', content: 'u' }],
        tools: [{ name: 'x', description: 'd', parameters: { type: 'object' } }],
        toolChoice: { name: 'x' },
        temperature: 0.1,
        maxOutputTokens: 10,
      },
      false,
    );

    expect(params.temperature).toBe(0.1);
    expect(params).not.toHaveProperty('system');
    expect(params.tool_choice).toEqual({ type: 'auto' });
  });
});

describe('to OpenAI messages', () => {
  it('sends tool calls with null content, raw invalid arguments as the model wrote them, and flags errors in text', () => {
    const messages = toOpenAIMessages('sys', toolTurn);

    expect(messages[0]).toEqual({ role: 'system', content: 'sys' });
    expect(messages[2]).toMatchObject({
      role: 'assistant',
      content: 'Reading.',
      tool_calls: [
        { id: 't1', type: 'function', function: { name: 'read', arguments: '{"path":"a"}' } },
        { id: 't2', type: 'function', function: { name: 'read', arguments: '{"path": ' } },
      ],
    });
    expect(messages[4]).toEqual({ role: 'tool', tool_call_id: 't2', content: 'Error: bad arguments' });
  });
});

describe('from provider replies', () => {
  it('refuses OpenAI replies that are not chat completions', () => {
    for (const reply of ['<html>', { choices: [] }, { choices: [{}] }, null]) {
      expect(() => fromOpenAICompletion(reply, 'openai-compatible')).toThrow(ProviderCallError);
    }
    try {
      fromOpenAICompletion({ choices: [] }, 'openai-compatible');
    } catch (error) {
      expect((error as ProviderCallError).kind).toBe('malformed');
      expect((error as ProviderCallError).message).toContain('openai-compatible sent a response that is not a chat completion');
    }
  });

  it('leaves usage unset when the server reports none', () => {
    const reply = fromOpenAICompletion({ model: 'm', choices: [{ message: { content: 'hi' }, finish_reason: 'stop' }] }, 'openai-compatible');

    expect(reply).toMatchObject({ text: 'hi', stopReason: 'end', usage: undefined });
  });

  it('selects Anthropic blocks by type, counts cached input and keeps the raw content', () => {
    const content = [
      { type: 'thinking', thinking: '', signature: 's' },
      { type: 'text', text: 'Done', citations: null },
      { type: 'tool_use', id: 'toolu_1', name: 'read', input: { path: 'x' } },
    ];
    const reply = fromAnthropicMessage({
      model: 'claude-opus-5-5',
      content,
      stop_reason: 'tool_use',
      usage: { input_tokens: 10, output_tokens: 4, cache_creation_input_tokens: 5, cache_read_input_tokens: 100 },
    });

    expect(reply.text).toBe('Done');
    expect(reply.toolCalls).toEqual([{ id: 'toolu_1', name: 'read', arguments: { path: 'x' } }]);
    expect(reply.stopReason).toBe('tool_calls');
    expect(reply.usage).toEqual({ inputTokens: 115, outputTokens: 4, cachedInputTokens: 100, cacheWriteTokens: 5 });
    expect(reply.providerContent).toBe(content);
  });
});
