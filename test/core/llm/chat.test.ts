import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Message, ToolSpec } from '../../../src/core/llm/index.js';
import { startModelEmulator, type ModelEmulator } from '../../../src/emulators/model/index.js';
import { anthropicSettings, emulatedClient, openaiSettings } from './emulated-client.js';

const readFileTool: ToolSpec = {
  name: 'read_file',
  description: 'Read a file of the repository',
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};

let model: ModelEmulator;

beforeEach(async () => {
  model ??= await startModelEmulator({ modelsRefusingForcedToolChoice: ['claude-opus-5-5'] });
  model.reset();
});

afterAll(async () => {
  await model?.close();
});

describe.each([
  ['openai', (m: ModelEmulator) => openaiSettings(m)],
  ['anthropic', (m: ModelEmulator) => anthropicSettings(m)],
] as const)('chat through the real %s SDK', (provider, settingsFor) => {
  it('sends the system prompt and messages and returns the text with usage', async () => {
    model.script([{ text: 'Hello from the emulator.', usage: { input: 120, output: 7 } }]);
    const { client } = emulatedClient(settingsFor(model));

    const result = await client.chat({ system: 'You are terse.', messages: [{ role: 'user', content: 'Say hello.' }] });

    expect(result.text).toBe('Hello from the emulator.');
    expect(result.stopReason).toBe('end');
    expect(result.toolCalls).toEqual([]);
    expect(result.provider).toBe(provider);
    expect(result.usage.inputTokens).toBe(120);
    expect(result.usage.outputTokens).toBe(7);
    const [request] = model.requests;
    expect(request?.provider).toBe(provider);
    expect(request?.system).toBe('You are terse.');
    expect(request?.messages).toEqual([{ role: 'user', text: 'Say hello.' }]);
  });

  it('runs a tool exchange: tool call, tool result, final answer', async () => {
    model.script([
      { toolCalls: [{ name: 'read_file', arguments: { path: 'src/app.ts' } }] },
      {
        text: 'The file exports main().',
        expect: (request) => {
          const last = request.messages.at(-1);
          if (!last?.text.includes('export function main')) throw new Error(`tool result missing: ${JSON.stringify(request.messages)}`);
        },
      },
    ]);
    const { client } = emulatedClient(settingsFor(model));
    const messages: Message[] = [{ role: 'user', content: 'What does src/app.ts export?' }];

    const first = await client.chat({ system: 'Use tools.', messages, tools: [readFileTool], toolChoice: 'auto' });
    expect(first.stopReason).toBe('tool_calls');
    expect(first.toolCalls).toHaveLength(1);
    expect(first.toolCalls[0]).toMatchObject({ name: 'read_file', arguments: { path: 'src/app.ts' } });

    messages.push(first.message);
    for (const call of first.toolCalls) {
      messages.push({ role: 'tool', toolCallId: call.id, content: 'export function main() {}' });
    }
    const second = await client.chat({ system: 'Use tools.', messages, tools: [readFileTool] });

    expect(model.expectationFailures).toEqual([]);
    expect(second.text).toBe('The file exports main().');
    expect(second.stopReason).toBe('end');
    expect(model.requests[0]?.toolNames).toEqual(['read_file']);
    expect(client.usage.calls).toBe(2);
  });

  it('forces a named tool', async () => {
    model.script([{ toolCalls: [{ name: 'read_file', arguments: { path: 'a' } }] }]);
    const { client } = emulatedClient(settingsFor(model));

    await client.chat({ system: 's', messages: [{ role: 'user', content: 'u' }], tools: [readFileTool], toolChoice: { name: 'read_file' } });

    expect(model.requests[0]?.toolChoice).toEqual({ name: 'read_file' });
  });

  it('reports an error result to the model as an error', async () => {
    model.script([{ toolCalls: [{ id: 'call_1', name: 'read_file', arguments: { path: 'nope' } }] }, { text: 'ok' }]);
    const { client } = emulatedClient(settingsFor(model));
    const messages: Message[] = [{ role: 'user', content: 'read nope' }];
    const first = await client.chat({ system: 's', messages, tools: [readFileTool] });
    messages.push(first.message, { role: 'tool', toolCallId: 'call_1', content: 'no such file', isError: true });

    await client.chat({ system: 's', messages, tools: [readFileTool] });

    const body = model.requests[1]?.body;
    const serialized = JSON.stringify(body);
    if (provider === 'openai') expect(serialized).toContain('Error: no such file');
    else expect(serialized).toContain('"is_error":true');
  });
});

describe('provider specifics', () => {
  it('sends the temperature to Anthropic (API version 2023-06-01 takes one)', async () => {
    model.script([{ text: 'fine' }]);
    const { client } = emulatedClient(anthropicSettings(model, { temperature: 0.1 }));

    await client.chat({ system: 's', messages: [{ role: 'user', content: 'u' }], temperature: 0.3 });

    expect(model.requests[0]?.response?.status).toBe(200);
    expect(model.requests[0]?.body).toHaveProperty('temperature', 0.3);
    expect(model.requests[0]?.headers['anthropic-version']).toBe('2023-06-01');
  });

  it('sends the temperature to OpenAI models that take one, and none to reasoning models', async () => {
    model.script([{ text: 'a' }, { text: 'b' }]);
    const plain = emulatedClient(openaiSettings(model, { model: 'gpt-4.1', temperature: 0.3 }));
    const reasoning = emulatedClient(openaiSettings(model, { model: 'gpt-5.5', temperature: 0.3 }));

    await plain.client.chat({ system: 's', messages: [{ role: 'user', content: 'u' }] });
    await reasoning.client.chat({ system: 's', messages: [{ role: 'user', content: 'u' }] });

    expect(model.requests[0]?.temperature).toBe(0.3);
    expect(model.requests[1]?.body).not.toHaveProperty('temperature');
    expect(model.requests[1]?.response?.status).toBe(200);
    expect(reasoning.logs.join('\n')).toContain('gpt-5.5 accepts only its default temperature');
  });

  it('drops the temperature once a model refuses it and keeps it dropped', async () => {
    const strict = await startModelEmulator({ fixedTemperatureModels: /^house-model$/ });
    try {
      strict.script([{ text: 'one' }, { text: 'two' }]);
      const { client, logs } = emulatedClient(openaiSettings(strict, { model: 'house-model' }));

      expect((await client.chat({ system: 's', messages: [{ role: 'user', content: 'u' }] })).text).toBe('one');
      expect((await client.chat({ system: 's', messages: [{ role: 'user', content: 'u' }] })).text).toBe('two');

      expect(strict.requests.map((request) => request.response?.status)).toEqual([400, 200, 200]);
      expect(logs.join('\n')).toContain('house-model refused temperature');
    } finally {
      await strict.close();
    }
  });

  it('uses max_completion_tokens for OpenAI and max_tokens for compatible servers', async () => {
    const local = await startModelEmulator({ openaiApiKey: null });
    try {
      local.script([{ text: 'a' }, { text: 'b' }]);
      await emulatedClient(openaiSettings(local, { apiKey: 'sk-any', maxOutputTokens: 500 })).client.chat({
        system: 's',
        messages: [{ role: 'user', content: 'u' }],
      });
      await emulatedClient({
        provider: 'openai-compatible',
        model: 'llama3.3',
        baseUrl: local.openaiBaseUrl,
        temperature: 0.3,
        maxOutputTokens: 400,
      }).client.chat({
        system: 's',
        messages: [{ role: 'user', content: 'u' }],
      });

      expect(local.requests[0]?.body).toMatchObject({ max_completion_tokens: 500 });
      expect(local.requests[1]?.body).toMatchObject({ max_tokens: 400, temperature: 0.3 });
    } finally {
      await local.close();
    }
  });

  it('reaches a keyless OpenAI-compatible server through baseUrl and prices its model at $0 with one warning', async () => {
    const local = await startModelEmulator({ openaiApiKey: null });
    try {
      local.script([{ text: 'local one', usage: { input: 1000, output: 100 } }, { text: 'local two' }]);
      const { client, logs } = emulatedClient({
        provider: 'openai-compatible',
        model: 'qwen3-coder:30b',
        baseUrl: local.openaiBaseUrl,
        temperature: 0.3,
      });

      const first = await client.chat({ system: 's', messages: [{ role: 'user', content: 'u' }] });
      await client.chat({ system: 's', messages: [{ role: 'user', content: 'again' }] });

      expect(first.text).toBe('local one');
      expect(first.provider).toBe('openai-compatible');
      expect(first.usage).toEqual({ inputTokens: 1000, outputTokens: 100, costUsd: 0, cachedInputTokens: 0, cacheWriteTokens: 0 });
      expect(local.requests[0]?.headers.authorization).toBe('Bearer no-key');
      expect(logs.filter((line) => line.includes("No price is known for model 'qwen3-coder:30b'"))).toHaveLength(1);
    } finally {
      await local.close();
    }
  });

  it('returns Anthropic thinking blocks unchanged with the tool results', async () => {
    model.script([{ thinking: 'The user wants the file.', toolCalls: [{ name: 'read_file', arguments: { path: 'README.md' } }] }, { text: 'It is a readme.' }]);
    const { client } = emulatedClient(anthropicSettings(model, { model: 'claude-opus-5-5' }));
    const messages: Message[] = [{ role: 'user', content: 'Read the readme.' }];

    const first = await client.chat({ system: 's', messages, tools: [readFileTool] });
    messages.push(first.message, { role: 'tool', toolCallId: first.toolCalls[0]?.id ?? '', content: '# Readme' });
    const second = await client.chat({ system: 's', messages, tools: [readFileTool] });

    expect(second.text).toBe('It is a readme.');
    const assistantTurn = (model.requests[1]?.body?.messages as Array<{ role: string; content: Array<{ type: string }> }>)[1];
    expect(assistantTurn?.content[0]?.type).toBe('thinking');
  });

  it('the emulator refuses an assistant tool turn that lost its thinking block', async () => {
    model.script([{ thinking: 'hmm', toolCalls: [{ name: 'read_file', arguments: { path: 'a' } }] }]);
    const { client } = emulatedClient(anthropicSettings(model, { model: 'claude-opus-5-5' }));
    const first = await client.chat({ system: 's', messages: [{ role: 'user', content: 'u' }], tools: [readFileTool] });
    const stripped = { role: 'assistant' as const, toolCalls: first.toolCalls };

    await expect(
      client.chat({
        system: 's',
        messages: [{ role: 'user', content: 'u' }, stripped, { role: 'tool', toolCallId: first.toolCalls[0]?.id ?? '', content: 'x' }],
        tools: [readFileTool],
      }),
    ).rejects.toThrow(/must start with a thinking block/);
  });

  it('asks for the tool in words when an Anthropic model refuses a forced tool choice, and remembers it', async () => {
    model.script([{ toolCalls: [{ name: 'read_file', arguments: { path: 'a' } }] }, { toolCalls: [{ name: 'read_file', arguments: { path: 'b' } }] }]);
    const { client, logs } = emulatedClient(anthropicSettings(model, { model: 'claude-opus-5-5' }));
    const forced = { system: 's', messages: [{ role: 'user' as const, content: 'u' }], tools: [readFileTool], toolChoice: { name: 'read_file' } };

    const first = await client.chat(forced);
    await client.chat(forced);

    expect(first.toolCalls[0]?.arguments).toEqual({ path: 'a' });
    expect(model.requests.map((request) => [request.response?.status, request.toolChoice])).toEqual([
      [400, { name: 'read_file' }],
      [200, 'auto'],
      [200, 'auto'],
    ]);
    expect(logs.join('\n')).toContain('does not accept a forced tool choice');
  });

  it('marks unparseable OpenAI tool arguments instead of guessing', async () => {
    model.script([{ toolCalls: [{ name: 'read_file', arguments: '{"path": "src/' }] }]);
    const { client } = emulatedClient(openaiSettings(model));

    const result = await client.chat({ system: 's', messages: [{ role: 'user', content: 'u' }], tools: [readFileTool] });

    expect(result.toolCalls[0]).toMatchObject({ name: 'read_file', arguments: {}, invalidArguments: '{"path": "src/' });
  });
});
