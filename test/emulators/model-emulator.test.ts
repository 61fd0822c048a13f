import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_ANTHROPIC_KEY, EMULATOR_OPENAI_KEY, startModelEmulator, type ModelEmulator } from '../../src/emulators/model/index.js';

let model: ModelEmulator;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  model = await startModelEmulator();
  openai = new OpenAI({ apiKey: EMULATOR_OPENAI_KEY, baseURL: model.openaiBaseUrl, maxRetries: 0 });
  anthropic = new Anthropic({ apiKey: EMULATOR_ANTHROPIC_KEY, baseURL: model.anthropicBaseUrl, maxRetries: 0 });
});

beforeEach(() => model.reset());

afterAll(async () => {
  await model.close();
});

const userTurn = [{ role: 'user' as const, content: 'hi' }];
const weatherTool = { name: 'weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } };

async function rawPost(path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await fetch(`${model.anthropicBaseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

describe('OpenAI chat completions', () => {
  it('answers in the real response shape, tool arguments as a JSON string', async () => {
    model.script([{ text: 'Checking.', toolCalls: [{ name: 'weather', arguments: { city: 'Oslo' } }], usage: { input: 11, output: 5 } }]);

    const completion = await openai.chat.completions.create({
      model: 'gpt-4.1',
      messages: userTurn,
      tools: [{ type: 'function', function: weatherTool }],
    });

    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('gpt-4.1');
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBe('Checking.');
    const call = choice?.message.tool_calls?.[0];
    expect(call?.type).toBe('function');
    expect(call?.id).toMatch(/^call_/);
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(typeof call.function.arguments).toBe('string');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Oslo' });
    expect(completion.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 5, total_tokens: 16 });
  });

  it('rejects a wrong key with 401 invalid_api_key, naming only a masked key', async () => {
    const wrong = new OpenAI({ apiKey: 'sk-wrong-key-abcdefghijkl', baseURL: model.openaiBaseUrl, maxRetries: 0 });

    const failure = await wrong.chat.completions.create({ model: 'gpt-4.1', messages: userTurn }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(OpenAI.AuthenticationError);
    const error = failure as InstanceType<typeof OpenAI.AuthenticationError>;
    expect(error.status).toBe(401);
    expect(error.code).toBe('invalid_api_key');
    expect(error.message).not.toContain('sk-wrong-key-abcdefghijkl');
    expect(model.requests[0]?.response?.status).toBe(401);
  });

  it('refuses tool messages that answer no tool call, as the API does', async () => {
    model.script([{ text: 'unused' }]);

    const failure = await openai.chat.completions
      .create({ model: 'gpt-4.1', messages: [...userTurn, { role: 'tool', tool_call_id: 'call_x', content: 'r' }] })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect(model.remainingScript).toBe(1);
  });

  it('refuses a temperature on a reasoning model', async () => {
    const failure = await openai.chat.completions.create({ model: 'gpt-5.5', messages: userTurn, temperature: 0.2 }).catch((error: unknown) => error);

    expect(String(failure)).toContain("'temperature' does not support 0.2 with this model");
  });
});

describe('Anthropic messages', () => {
  it('answers in the real response shape with text and tool_use blocks', async () => {
    model.script([{ text: 'Let me look.', toolCalls: [{ name: 'weather', arguments: { city: 'Oslo' } }], usage: { input: 20, output: 9 } }]);

    const message = await anthropic.messages.create({
      model: 'claude-sonnet-5-5',
      max_tokens: 100,
      messages: userTurn,
      tools: [{ name: weatherTool.name, description: weatherTool.description, input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
    });

    expect(message.id).toMatch(/^msg_/);
    expect(message.type).toBe('message');
    expect(message.role).toBe('assistant');
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.map((block) => block.type)).toEqual(['text', 'tool_use']);
    const toolUse = message.content[1];
    if (toolUse?.type !== 'tool_use') throw new Error('expected tool_use');
    expect(toolUse.id).toMatch(/^toolu_/);
    expect(toolUse.input).toEqual({ city: 'Oslo' });
    expect(message.usage).toMatchObject({ input_tokens: 20, output_tokens: 9 });
  });

  it('accepts the key as x-api-key or as a bearer token, and requires anthropic-version', async () => {
    model.script([{ text: 'a' }, { text: 'b' }]);
    const body = { model: 'claude-sonnet-5-5', max_tokens: 10, messages: userTurn };

    const viaHeader = await rawPost('/v1/messages', body, { 'x-api-key': EMULATOR_ANTHROPIC_KEY, 'anthropic-version': '2023-06-01' });
    const viaBearer = await rawPost('/v1/messages', body, { authorization: `Bearer ${EMULATOR_ANTHROPIC_KEY}`, 'anthropic-version': '2026-10-21' });
    const noVersion = await rawPost('/v1/messages', body, { 'x-api-key': EMULATOR_ANTHROPIC_KEY });

    expect([viaHeader.status, viaBearer.status, noVersion.status]).toEqual([200, 200, 400]);
    expect(JSON.parse(noVersion.text)).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
    });
  });

  it('rejects a wrong key with 401 authentication_error', async () => {
    const wrong = new Anthropic({ apiKey: 'sk-ant-nope', baseURL: model.anthropicBaseUrl, maxRetries: 0 });

    const failure = await wrong.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 10, messages: userTurn }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((failure as InstanceType<typeof Anthropic.AuthenticationError>).type).toBe('authentication_error');
  });

  it('rejects sampling parameters under API version 2026-10-21 but not 2023-06-01', async () => {
    model.script([{ text: 'old version' }]);
    const body = { model: 'claude-sonnet-5-5', max_tokens: 10, messages: userTurn, temperature: 0.2 };

    const current = await rawPost('/v1/messages', body, { 'x-api-key': EMULATOR_ANTHROPIC_KEY, 'anthropic-version': '2026-10-21' });
    const legacy = await rawPost('/v1/messages', body, { 'x-api-key': EMULATOR_ANTHROPIC_KEY, 'anthropic-version': '2023-06-01' });

    expect(current.status).toBe(400);
    expect(current.text).toContain('temperature: Extra inputs are not permitted');
    expect(legacy.status).toBe(200);
  });

  it('requires every tool_use to be answered by a tool_result in the next turn', async () => {
    const failure = await anthropic.messages
      .create({
        model: 'claude-sonnet-5-5',
        max_tokens: 10,
        messages: [
          ...userTurn,
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'weather', input: {} }] },
          { role: 'user', content: 'never mind' },
        ],
      })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(Anthropic.BadRequestError);
    expect(String(failure)).toContain('`tool_use` ids were found without `tool_result` blocks immediately after: toolu_1');
  });
});

describe('script, log and faults', () => {
  it('answers 500 naming the exhausted script when no reply is left', async () => {
    const failure = await openai.chat.completions.create({ model: 'gpt-4.1', messages: userTurn }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(OpenAI.InternalServerError);
    expect(String(failure)).toContain('the script is exhausted');
  });

  it('records every request with its estimated input and the usage it answered', async () => {
    model.script([{ text: 'x'.repeat(40) }]);

    await openai.chat.completions.create({
      model: 'gpt-4.1',
      messages: [
        { role: 'system', content: 's'.repeat(20) },
        { role: 'user', content: 'u'.repeat(21) },
      ],
    });

    const [request] = model.requests;
    expect(request).toMatchObject({ index: 0, provider: 'openai', model: 'gpt-4.1', system: 's'.repeat(20), estimatedInputTokens: 11 });
    expect(request?.response).toEqual({ status: 200, usage: { input: 11, output: 10, cacheRead: 0, cacheWrite: 0 } });
    expect(request?.headers.authorization).toBe(`Bearer ${EMULATOR_OPENAI_KEY}`);
  });

  it('runs a step expectation and answers 400 with its message when it fails', async () => {
    model.script([
      {
        text: 'never sent',
        expect: (request) => {
          if (request.model !== 'gpt-4o') throw new Error(`expected gpt-4o, got ${request.model}`);
        },
      },
    ]);

    const failure = await openai.chat.completions.create({ model: 'gpt-4.1', messages: userTurn }).catch((error: unknown) => error);

    expect(String(failure)).toContain('expected gpt-4o, got gpt-4.1');
    expect(model.expectationFailures).toHaveLength(1);
  });

  it('answers from a script function once the queue is empty', async () => {
    model.script([{ text: 'queued' }]);
    model.script((request, index) => ({ text: `dynamic ${index} for ${request.model}` }));

    const texts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const completion = await openai.chat.completions.create({ model: 'gpt-4.1', messages: userTurn });
      texts.push(completion.choices[0]?.message.content ?? '');
    }

    expect(texts).toEqual(['queued', 'dynamic 1 for gpt-4.1', 'dynamic 2 for gpt-4.1']);
  });

  it('serves queued faults first, per provider and as many times as asked, without using the script', async () => {
    model.faults.add({ provider: 'anthropic', status: 429, headers: { 'retry-after': '7' }, times: 2 });
    model.script([{ text: 'openai is fine' }]);

    const first = await anthropic.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 5, messages: userTurn }).catch((error: unknown) => error);
    const completion = await openai.chat.completions.create({ model: 'gpt-4.1', messages: userTurn });
    const second = await anthropic.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 5, messages: userTurn }).catch((error: unknown) => error);

    expect(first).toBeInstanceOf(Anthropic.RateLimitError);
    expect((first as InstanceType<typeof Anthropic.RateLimitError>).headers.get('retry-after')).toBe('7');
    expect(completion.choices[0]?.message.content).toBe('openai is fine');
    expect(second).toBeInstanceOf(Anthropic.RateLimitError);
    expect(model.requests.map((request) => request.response?.status)).toEqual([429, 200, 429]);
  });

  it('sends a malformed body and a truncated one as 200s the SDK cannot parse', async () => {
    model.faults.add({ malformed: true });
    model.faults.add({ truncated: true });
    const headers = { authorization: `Bearer ${EMULATOR_OPENAI_KEY}` };
    const body = { model: 'gpt-4.1', messages: userTurn };

    const malformed = await rawPost('/v1/chat/completions', body, headers);
    const truncated = await rawPost('/v1/chat/completions', body, headers);

    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.text)).toThrow();
    expect(truncated.status).toBe(200);
    expect(truncated.text.startsWith('{"id":"chatcmpl-')).toBe(true);
    expect(() => JSON.parse(truncated.text)).toThrow();
  });

  it('delays a reply and then answers from the script', async () => {
    model.faults.add({ delayMs: 150 });
    model.script([{ text: 'late' }]);
    const started = Date.now();

    const completion = await openai.chat.completions.create({ model: 'gpt-4.1', messages: userTurn });

    expect(completion.choices[0]?.message.content).toBe('late');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('a step can answer with a fault and is used up by it', async () => {
    model.script([{ fault: { status: 503 } }, { text: 'second step' }]);

    const failure = await openai.chat.completions.create({ model: 'gpt-4.1', messages: userTurn }).catch((error: unknown) => error);
    const completion = await openai.chat.completions.create({ model: 'gpt-4.1', messages: userTurn });

    expect((failure as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
    expect(completion.choices[0]?.message.content).toBe('second step');
  });

  it('answers 404 for a route it does not serve', async () => {
    const response = await rawPost('/v1/responses', {}, {});

    expect(response.status).toBe(404);
    expect(response.text).toContain('no route for POST /v1/responses');
  });
});
