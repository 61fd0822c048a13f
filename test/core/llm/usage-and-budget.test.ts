import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { BudgetExceededError } from '../../../src/core/errors.js';
import { CostBudgetExceededError, estimateRequestTokens, InputTooLargeError } from '../../../src/core/llm/index.js';
import { startModelEmulator, type ModelEmulator } from '../../../src/emulators/model/index.js';
import { anthropicSettings, emulatedClient, openaiSettings } from './emulated-client.js';

const ask = (content: string) => ({ system: 'sys', messages: [{ role: 'user' as const, content }] });

let model: ModelEmulator;

beforeEach(async () => {
  model ??= await startModelEmulator();
  model.reset();
});

afterAll(async () => {
  await model?.close();
});

describe('usage and cost', () => {
  it('prices each call from the table and sums the run per provider and model', async () => {
    model.script([
      { text: 'a', usage: { input: 10_000, output: 2_000 } },
      { text: 'b', usage: { input: 5_000, output: 1_000 } },
      { text: 'c', usage: { input: 1_000_000, output: 0 } },
    ]);
    const { client } = emulatedClient(openaiSettings(model, { model: 'gpt-4.1' }), { fallback: anthropicSettings(model) });

    const first = await client.chat(ask('one'));
    await client.chat(ask('two'));
    const claude = emulatedClient(anthropicSettings(model, { model: 'claude-opus-5-5' }));
    const third = await claude.client.chat(ask('three'));

    // gpt-4.1: $2 in / $8 out per million.
    expect(first.usage.costUsd).toBeCloseTo((10_000 * 2 + 2_000 * 8) / 1e6, 10);
    expect(client.usage).toMatchObject({ calls: 2, inputTokens: 15_000, outputTokens: 3_000 });
    expect(client.usage.costUsd).toBeCloseTo((15_000 * 2 + 3_000 * 8) / 1e6, 10);
    expect(client.usage.byModel).toEqual([expect.objectContaining({ provider: 'openai', model: 'gpt-4.1', calls: 2 })]);
    // claude-opus-5-5: $4 in per million.
    expect(third.usage.costUsd).toBeCloseTo(4, 10);
  });

  it('finds the price of a dated snapshot under its base name', async () => {
    model.script([{ text: 'a', usage: { input: 1_000_000, output: 1_000_000 } }]);
    const { client, logs } = emulatedClient(openaiSettings(model, { model: 'gpt-4o-mini-2024-07-18' }));

    const result = await client.chat(ask('x'));

    expect(result.usage.costUsd).toBeCloseTo(0.15 + 0.6, 10);
    expect(logs).toEqual([]);
  });

  it('counts an unpriced model at $0 with one warning, unless prices are given', async () => {
    model.script([{ text: 'a' }, { text: 'b' }, { text: 'c', usage: { input: 2_000_000, output: 0 } }]);
    const unpriced = emulatedClient(openaiSettings(model, { model: 'house-model-7b' }));
    const priced = emulatedClient(openaiSettings(model, { model: 'house-model-7b' }), {
      prices: { 'house-model-7b': { inputPerMillion: 0.5, outputPerMillion: 1 } },
    });

    await unpriced.client.chat(ask('x'));
    await unpriced.client.chat(ask('y'));
    const result = await priced.client.chat(ask('z'));

    expect(unpriced.client.usage.costUsd).toBe(0);
    expect(unpriced.logs.filter((line) => line.includes("No price is known for model 'house-model-7b'"))).toHaveLength(1);
    expect(priced.logs).toEqual([]);
    expect(result.usage.costUsd).toBeCloseTo(1, 10);
  });

  it('estimates usage when a compatible server reports none', async () => {
    const local = await startModelEmulator({ openaiApiKey: null });
    try {
      local.script([{ text: 'abcdefgh', omitUsage: true }]);
      const { client } = emulatedClient({ provider: 'openai-compatible', model: 'm', baseUrl: local.openaiBaseUrl, temperature: 0 });
      const request = ask('0123456789abcdef');

      const result = await client.chat(request);

      expect(local.requests[0]?.body).toBeDefined();
      expect(result.usage.inputTokens).toBe(estimateRequestTokens(request));
      expect(result.usage.outputTokens).toBe(2);
    } finally {
      await local.close();
    }
  });
});

describe('budgets', () => {
  it('stops before a call whose estimated input alone would exceed max-cost-usd', async () => {
    model.script([{ text: 'cheap', usage: { input: 100_000, output: 0 } }]);
    // gpt-4.1 input is $2 per million tokens: the first call costs $0.20 of a $0.25 budget.
    const { client } = emulatedClient(openaiSettings(model, { model: 'gpt-4.1' }), { budget: { maxCostUsd: 0.25 } });
    await client.chat(ask('first'));

    // ~40,000 estimated input tokens = $0.08 more: over the limit, so the call is never sent.
    const failure = await client.chat(ask('x'.repeat(160_000))).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(CostBudgetExceededError);
    expect(failure).toBeInstanceOf(BudgetExceededError);
    const error = failure as CostBudgetExceededError;
    expect(error.spentUsd).toBeCloseTo(0.2, 10);
    expect(error.limitUsd).toBe(0.25);
    expect(error.message).toContain('over max-cost-usd $0.25');
    expect(model.requests).toHaveLength(1);
  });

  it('stops after a call whose actual cost went over the limit', async () => {
    model.script([{ text: 'expensive', usage: { input: 10, output: 1_000_000 } }]);
    const { client } = emulatedClient(anthropicSettings(model, { model: 'claude-sonnet-5-5' }), { budget: { maxCostUsd: 5 } });

    const failure = await client.chat(ask('short')).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(CostBudgetExceededError);
    expect((failure as CostBudgetExceededError).spentUsd).toBeCloseTo(10 + 10 * 2e-6, 8);
    expect(client.usage.calls).toBe(1);
  });

  it('checks the fallback against the budget with the fallback price', async () => {
    model.faults.add({ provider: 'openai', status: 503, times: Infinity });
    const { client } = emulatedClient(openaiSettings(model, { model: 'gpt-4.1-nano', maxRetries: 0 }), {
      fallback: anthropicSettings(model, { model: 'claude-fable-5-1' }),
      budget: { maxCostUsd: 0.01 },
    });

    // ~2,500 tokens: $0.00025 on gpt-4.1-nano, $0.025 on claude-fable-5-1.
    await expect(client.chat(ask('y'.repeat(10_000)))).rejects.toThrow(CostBudgetExceededError);
    expect(model.requests.map((request) => request.provider)).toEqual(['openai']);
  });

  it('refuses a call whose estimated input is over maxInputTokensPerCall, so callers chunk', async () => {
    model.script([{ text: 'small is fine' }]);
    const { client } = emulatedClient(openaiSettings(model), { budget: { maxCostUsd: 10, maxInputTokensPerCall: 1_000 } });

    await client.chat(ask('z'.repeat(3_000)));
    const failure = await client.chat(ask('z'.repeat(4_000))).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(InputTooLargeError);
    expect((failure as InputTooLargeError).limitTokens).toBe(1_000);
    expect((failure as InputTooLargeError).estimatedTokens).toBe(estimateRequestTokens(ask('z'.repeat(4_000))));
    expect(String(failure)).toContain('split the input into smaller chunks');
    expect(model.requests).toHaveLength(1);
  });

  it('estimates input from the system prompt, every message and the tool definitions', () => {
    const estimate = estimateRequestTokens({
      system: 'x'.repeat(40),
      messages: [
        { role: 'user', content: 'y'.repeat(40) },
        { role: 'assistant', toolCalls: [{ id: '1', name: 'grep', arguments: { q: 'a' } }] },
        { role: 'tool', toolCallId: '1', content: 'z'.repeat(40) },
      ],
      tools: [{ name: 'grep', description: 'd', parameters: { type: 'object' } }],
    });
    const toolsJson = JSON.stringify([{ name: 'grep', description: 'd', parameters: { type: 'object' } }]);

    expect(estimate).toBe(Math.ceil((40 + 40 + 'grep'.length + '{"q":"a"}'.length + 40 + toolsJson.length) / 4));
  });
});
