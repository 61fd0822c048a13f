import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { billedInputTokens, costUsd, DEFAULT_PRICES, findPrice, type Message, type ToolSpec } from '../../../src/core/llm/index.js';
import { startModelEmulator, type ModelEmulator } from '../../../src/emulators/model/index.js';
import { PromptCache } from '../../../src/emulators/model/prompt-cache.js';
import { anthropicSettings, emulatedClient, openaiSettings } from './emulated-client.js';

const tool: ToolSpec = { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } } } };
// Long enough to be cached (1,024 tokens at 4 characters a token).
const SYSTEM = `You implement approved plans. ${'Follow the repository conventions and keep the change small. '.repeat(80)}`;

let model: ModelEmulator;
beforeEach(async () => {
  model ??= await startModelEmulator();
  model.reset();
});
afterAll(async () => {
  await model?.close();
});

describe('Anthropic cache breakpoints', () => {
  it('marks the last tool and the system prompt, and the end of the history when the loop asks for it', async () => {
    model.script([{ text: 'one' }, { text: 'two' }]);
    const { client } = emulatedClient(anthropicSettings(model));
    const messages: Message[] = [{ role: 'user', content: 'Fix the bug.' }];
    await client.chat({ system: SYSTEM, messages, tools: [tool] });
    await client.chat({ system: SYSTEM, messages, tools: [tool], cacheConversation: true });

    const [plain, looped] = model.requests.map((request) => request.body ?? {});
    expect((plain?.tools as Array<Record<string, unknown>>).at(-1)?.cache_control).toEqual({ type: 'ephemeral' });
    expect(plain?.system).toEqual([{ type: 'text', text: SYSTEM, cache_control: { type: 'ephemeral' } }]);
    expect(JSON.stringify(plain?.messages)).not.toContain('cache_control');
    const lastMessage = (looped?.messages as Array<{ content: Array<Record<string, unknown>> }>).at(-1);
    expect(lastMessage?.content.at(-1)).toEqual({ type: 'text', text: 'Fix the bug.', cache_control: { type: 'ephemeral' } });
  });

  it('reads the shared prefix back on the next turn and prices reads and writes as Anthropic bills them', async () => {
    model.script([{ text: 'first' }, { text: 'second' }]);
    const { client } = emulatedClient(anthropicSettings(model));
    const messages: Message[] = [{ role: 'user', content: 'Fix the bug.' }];
    const first = await client.chat({ system: SYSTEM, messages, tools: [tool], cacheConversation: true });
    messages.push(first.message, { role: 'user', content: 'Continue.' });
    const second = await client.chat({ system: SYSTEM, messages, tools: [tool], cacheConversation: true });

    expect(first.usage.cachedInputTokens).toBe(0);
    expect(first.usage.cacheWriteTokens).toBeGreaterThan(1000);
    expect(second.usage.cachedInputTokens).toBe(first.usage.cacheWriteTokens);
    const price = findPrice(DEFAULT_PRICES, 'claude-sonnet-5-5');
    expect(second.usage.costUsd).toBeCloseTo(costUsd(price, second.usage.inputTokens, second.usage.outputTokens, second.usage), 12);
    expect(second.usage.costUsd).toBeLessThan(costUsd(price, second.usage.inputTokens, second.usage.outputTokens) / 2);
    expect(client.usage.cachedInputTokens).toBe(second.usage.cachedInputTokens);
  });
});

describe('OpenAI automatic caching', () => {
  it('reports cached_tokens for a repeated prefix and bills them at the cached rate', async () => {
    model.script([{ text: 'a' }, { text: 'b' }]);
    const { client } = emulatedClient(openaiSettings(model));
    await client.chat({ system: SYSTEM, messages: [{ role: 'user', content: 'First chunk.' }], tools: [tool] });
    const second = await client.chat({ system: SYSTEM, messages: [{ role: 'user', content: 'Second chunk.' }], tools: [tool] });

    const body = model.requests[1]?.response?.usage;
    expect(body?.cacheRead).toBe(second.usage.cachedInputTokens);
    expect(second.usage.cachedInputTokens).toBeGreaterThanOrEqual(1024);
    expect(((second.usage.cachedInputTokens ?? 0) - 1024) % 128).toBe(0);
    expect(second.usage.cacheWriteTokens).toBe(0);
    const price = findPrice(DEFAULT_PRICES, 'gpt-4.1');
    expect(billedInputTokens(price, second.usage)).toBeCloseTo(second.usage.inputTokens - 0.75 * (second.usage.cachedInputTokens ?? 0), 6);
  });
});

describe('costUsd with a cache split', () => {
  it('bills fresh, read and written input at their own rates and falls back to the input rate', () => {
    const price = { inputPerMillion: 2, outputPerMillion: 10, cachedInputPerMillion: 0.2, cacheWritePerMillion: 2.5 };
    expect(costUsd(price, 1_000_000, 0, { cachedInputTokens: 500_000, cacheWriteTokens: 250_000 })).toBeCloseTo(0.5 + 0.1 + 0.625, 10);
    expect(costUsd({ inputPerMillion: 2, outputPerMillion: 10 }, 1_000_000, 0, { cachedInputTokens: 500_000 })).toBeCloseTo(2, 10);
    // Counts never exceed the prompt: a provider's inconsistent report cannot make a call cheaper than free.
    expect(costUsd(price, 100, 0, { cachedInputTokens: 1_000 })).toBeCloseTo((100 * 0.2) / 1_000_000, 12);
  });
});

describe('the emulator prompt cache', () => {
  const body = (system: string, messages: unknown[]) => ({
    model: 'claude-sonnet-5-5',
    system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
    messages,
  });

  it('neither reads nor writes a prefix below the minimum cacheable length', () => {
    const cache = new PromptCache();
    expect(cache.anthropic(body('short', [{ role: 'user', content: 'hi' }]))).toMatchObject({ read: 0, write: 0 });
    expect(cache.anthropic(body('short', [{ role: 'user', content: 'hi' }]))).toMatchObject({ read: 0, write: 0 });
  });

  it('finds an earlier breakpoint within the lookback when the history grew', () => {
    const cache = new PromptCache();
    const turn = (n: number) => Array.from({ length: n }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: [{ type: 'text', text: `turn ${i}` }] }));
    const mark = (messages: Array<{ content: Array<Record<string, unknown>> }>) => {
      const last = messages.at(-1)?.content.at(-1);
      if (last) last.cache_control = { type: 'ephemeral' };
      return messages;
    };
    const first = cache.anthropic(body(SYSTEM, mark(turn(3))));
    const second = cache.anthropic(body(SYSTEM, mark(turn(5))));
    expect(first.read).toBe(0);
    expect(second.read).toBe(first.write);
    expect(second.write).toBeGreaterThan(0);
    // A different system prompt shares nothing.
    expect(cache.anthropic(body(`${SYSTEM}!`, mark(turn(5)))).read).toBe(0);
  });
});
