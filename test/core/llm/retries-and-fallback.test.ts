import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, TransientError } from '../../../src/core/errors.js';
import { ModelConfigurationError, ModelRequestError, ModelUnavailableError } from '../../../src/core/llm/index.js';
import { startModelEmulator, type ModelEmulator } from '../../../src/emulators/model/index.js';
import { anthropicSettings, emulatedClient, openaiSettings } from './emulated-client.js';

const hello = { system: 'Be brief.', messages: [{ role: 'user' as const, content: 'Hello?' }] };

let model: ModelEmulator;

beforeEach(async () => {
  model ??= await startModelEmulator();
  model.reset();
});

afterAll(async () => {
  await model?.close();
});

describe('retries', () => {
  it.each(['openai', 'anthropic'] as const)('retries a 502 from %s with backoff and succeeds', async (provider) => {
    model.faults.add({ status: 502 });
    model.script([{ text: 'recovered' }]);
    const settings = provider === 'openai' ? openaiSettings(model) : anthropicSettings(model);
    const { client, sleeps, logs } = emulatedClient(settings);

    const result = await client.chat(hello);

    expect(result.text).toBe('recovered');
    expect(model.requests.map((request) => request.response?.status)).toEqual([502, 200]);
    // First backoff: 1 s × jitter factor (0.5 + 0.5 × 0.5).
    expect(sleeps).toEqual([750]);
    expect(logs.join('\n')).toContain(`${provider} returned HTTP 502`);
    expect(client.usage.calls).toBe(1);
  });

  it('honours retry-after on a 429', async () => {
    model.faults.add({ status: 429, headers: { 'retry-after': '1' } });
    model.script([{ text: 'after the pause' }]);
    const { client, sleeps } = emulatedClient(openaiSettings(model));

    expect((await client.chat(hello)).text).toBe('after the pause');
    expect(sleeps).toEqual([1000]);
  });

  it('prefers retry-after-ms and grows the backoff exponentially otherwise', async () => {
    model.faults.add({ status: 429, headers: { 'retry-after-ms': '250' } });
    model.faults.add({ status: 503, times: 2 });
    model.script([{ text: 'ok' }]);
    const { client, sleeps } = emulatedClient(openaiSettings(model));

    await client.chat(hello);

    expect(sleeps).toEqual([250, 1500, 3000]);
  });

  it('gives up after maxRetries with a ModelUnavailableError (a TransientError)', async () => {
    model.faults.add({ status: 500, times: Infinity });
    const { client, sleeps } = emulatedClient(anthropicSettings(model, { maxRetries: 2 }));

    const failure = await client.chat(hello).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ModelUnavailableError);
    expect(failure).toBeInstanceOf(TransientError);
    expect(String(failure)).toContain('anthropic (model claude-sonnet-5-5) is unavailable after 3 attempts');
    expect(String(failure)).toContain('HTTP 500');
    expect(model.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(client.usage.calls).toBe(0);
  });

  it('does not wait for a retry-after longer than two minutes', async () => {
    model.faults.add({ status: 429, headers: { 'retry-after': '3600' }, times: Infinity });
    const { client, sleeps } = emulatedClient(openaiSettings(model));

    await expect(client.chat(hello)).rejects.toThrow(ModelUnavailableError);
    expect(model.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a body that is not JSON, then answers', async () => {
    model.faults.add({ malformed: true });
    model.script([{ text: 'clean reply' }]);
    const { client } = emulatedClient(openaiSettings(model));

    expect((await client.chat(hello)).text).toBe('clean reply');
    expect(model.requests).toHaveLength(2);
  });

  it.each(['openai', 'anthropic'] as const)('ends a %s reply that is always cut off in a clear error', async (provider) => {
    model.faults.add({ truncated: true, times: Infinity });
    const settings = provider === 'openai' ? openaiSettings(model, { maxRetries: 1 }) : anthropicSettings(model, { maxRetries: 1 });
    const { client } = emulatedClient(settings);

    const failure = await client.chat(hello).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ModelUnavailableError);
    expect(String(failure)).toContain(`${provider} sent a response body that is not valid JSON`);
    expect(model.requests).toHaveLength(2);
  });

  it('reads an HTML error page under a text content type as malformed too', async () => {
    model.faults.add({ malformed: true, contentType: 'text/html', times: Infinity });
    const { client } = emulatedClient(openaiSettings(model, { maxRetries: 0 }));

    await expect(client.chat(hello)).rejects.toThrow(/openai sent a response that is not a chat completion \(the body is not JSON\)/);
  });

  it('retries a request that timed out', async () => {
    model.faults.add({ delayMs: 400 });
    model.script([{ text: 'in time' }]);
    const { client, logs } = emulatedClient(openaiSettings(model, { timeoutMs: 100 }));

    expect((await client.chat(hello)).text).toBe('in time');
    expect(logs.join('\n')).toContain('did not answer before the timeout');
  });

  it.each(['openai', 'anthropic'] as const)('fails fast on a %s 401 without retrying or echoing the key', async (provider) => {
    const wrongKey = provider === 'openai' ? 'sk-proj-WRONGwrongWRONG1234' : 'sk-ant-WRONGwrongWRONG1234';
    const settings = provider === 'openai' ? openaiSettings(model, { apiKey: wrongKey }) : anthropicSettings(model, { apiKey: wrongKey });
    const { client, sleeps } = emulatedClient(settings);

    const failure = await client.chat(hello).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ModelConfigurationError);
    expect(failure).toBeInstanceOf(ConfigurationError);
    const message = String(failure);
    expect(message).toContain(`${provider} returned HTTP 401`);
    expect(message).toContain(`'${provider}-api-key' input`);
    expect(message).not.toContain(wrongKey);
    expect(model.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('removes a key that a gateway echoes in its error message', async () => {
    const key = 'gw-secret-0123456789abcdef';
    model.faults.add({ status: 403, body: { error: { message: `key ${key} may not use this model`, type: 'permission_denied' } } });
    const { client } = emulatedClient(openaiSettings(model, { apiKey: key }));

    const failure = await client.chat(hello).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ModelConfigurationError);
    expect(String(failure)).not.toContain(key);
    expect(String(failure)).toContain('[redacted]');
  });

  it('fails fast on a 400 with the provider, status and the API message', async () => {
    model.faults.add({ status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long' } } });
    const { client } = emulatedClient(anthropicSettings(model));

    const failure = await client.chat(hello).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ModelRequestError);
    expect(String(failure)).toContain('anthropic returned HTTP 400: invalid_request_error: prompt is too long');
    expect(model.requests).toHaveLength(1);
  });
});

describe('fallback provider', () => {
  it('sends the call to the fallback when the primary keeps failing with 5xx, and records usage there', async () => {
    model.faults.add({ provider: 'openai', status: 503, times: Infinity });
    model.script([{ text: 'from anthropic', usage: { input: 1_000, output: 200 } }]);
    const { client, logs } = emulatedClient(openaiSettings(model, { maxRetries: 1 }), {
      fallback: anthropicSettings(model, { model: 'claude-sonnet-5-5' }),
    });

    const result = await client.chat(hello);

    expect(result.text).toBe('from anthropic');
    expect(result.provider).toBe('anthropic');
    expect(model.requests.map((request) => request.provider)).toEqual(['openai', 'openai', 'anthropic']);
    expect(client.usage.byModel).toEqual([
      { provider: 'anthropic', model: 'claude-sonnet-5-5', calls: 1, inputTokens: 1_000, outputTokens: 200, costUsd: (1_000 * 2 + 200 * 10) / 1e6 },
    ]);
    expect(logs.join('\n')).toContain('sending the call to the fallback anthropic (claude-sonnet-5-5)');
  });

  it('tries the primary again on the next call after a transient failure', async () => {
    model.faults.add({ provider: 'openai', status: 500, times: 2 });
    model.script([{ text: 'fallback' }, { text: 'primary again' }]);
    const { client } = emulatedClient(openaiSettings(model, { maxRetries: 1 }), { fallback: anthropicSettings(model) });

    expect((await client.chat(hello)).provider).toBe('anthropic');
    expect((await client.chat(hello)).provider).toBe('openai');
  });

  it('falls back on a refused key and stays on the fallback for the rest of the run', async () => {
    model.script([{ text: 'one' }, { text: 'two' }]);
    const { client } = emulatedClient(openaiSettings(model, { apiKey: 'sk-revoked-000000000000' }), { fallback: anthropicSettings(model) });

    await client.chat(hello);
    await client.chat(hello);

    expect(model.requests.map((request) => `${request.provider}:${request.response?.status}`)).toEqual(['openai:401', 'anthropic:200', 'anthropic:200']);
  });

  it('falls back on an unknown model (404)', async () => {
    const catalogue = await startModelEmulator({ models: ['claude-sonnet-5-5'] });
    try {
      catalogue.script([{ text: 'served by the fallback' }]);
      const { client } = emulatedClient(anthropicSettings(catalogue, { model: 'claude-sonet-5-5' }), {
        fallback: anthropicSettings(catalogue, { model: 'claude-sonnet-5-5' }),
      });

      expect((await client.chat(hello)).text).toBe('served by the fallback');
      expect(catalogue.requests[0]?.response?.status).toBe(404);
    } finally {
      await catalogue.close();
    }
  });

  it('reports both failures when the fallback fails too', async () => {
    model.faults.add({ status: 502, times: Infinity });
    const { client } = emulatedClient(openaiSettings(model, { maxRetries: 0 }), { fallback: anthropicSettings(model, { maxRetries: 0 }) });

    const failure = await client.chat(hello).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ModelUnavailableError);
    expect(String(failure)).toMatch(/anthropic .* unavailable .* \(the primary provider openai failed first: openai .* unavailable/);
  });

  it('does not fall back on a request the fallback would reject just the same (400)', async () => {
    model.faults.add({ provider: 'openai', status: 400 });
    const { client } = emulatedClient(openaiSettings(model), { fallback: anthropicSettings(model) });

    await expect(client.chat(hello)).rejects.toThrow(ModelRequestError);
    expect(model.requests.map((request) => request.provider)).toEqual(['openai']);
  });
});
