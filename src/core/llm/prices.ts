/**
 * Cost accounting. Prices are USD per million tokens from the providers' public price lists; a user
 * can override or extend them (`prices` option, the policy's models.prices) when a list changes or a gateway
 * charges differently.
 */
import type { CallUsage, ModelPrice, PriceTable } from './types.js';

/** Standard-tier list prices as published in November 2026, before the prompt-cache rates below are added. */
const LIST_PRICES: PriceTable = {
  // OpenAI
  'gpt-5.5': { inputPerMillion: 5, outputPerMillion: 30 },
  'gpt-5.5-pro': { inputPerMillion: 30, outputPerMillion: 180 },
  'gpt-5.4': { inputPerMillion: 2.5, outputPerMillion: 15 },
  'gpt-5.4-mini': { inputPerMillion: 0.75, outputPerMillion: 4.5 },
  'gpt-5.4-nano': { inputPerMillion: 0.2, outputPerMillion: 1.25 },
  'gpt-5.2': { inputPerMillion: 1.75, outputPerMillion: 14 },
  'gpt-5.1': { inputPerMillion: 1.25, outputPerMillion: 10 },
  'gpt-5': { inputPerMillion: 1.25, outputPerMillion: 10 },
  'gpt-5-mini': { inputPerMillion: 0.25, outputPerMillion: 2 },
  'gpt-5-nano': { inputPerMillion: 0.05, outputPerMillion: 0.4 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  o3: { inputPerMillion: 2, outputPerMillion: 8 },
  'o4-mini': { inputPerMillion: 1.1, outputPerMillion: 4.4 },
  // Anthropic
  'claude-fable-5-1': { inputPerMillion: 10, outputPerMillion: 50 },
  'claude-opus-5-5': { inputPerMillion: 4, outputPerMillion: 20 },
  'claude-opus-5': { inputPerMillion: 5, outputPerMillion: 25 },
  'claude-sonnet-5-5': { inputPerMillion: 2, outputPerMillion: 10 },
  'claude-sonnet-5': { inputPerMillion: 2, outputPerMillion: 10 },
  // Haiku 5.5 bills prompts over 100k tokens at a higher band; the model client sees one call at a time
  // and the review chunks stay far below that, so the lower band is the one that applies.
  'claude-haiku-5-5': { inputPerMillion: 0.1, outputPerMillion: 0.5 },
  'claude-haiku-4-5': { inputPerMillion: 1, outputPerMillion: 5 },
  'claude-opus-4-5': { inputPerMillion: 5, outputPerMillion: 25 },
  'claude-opus-4-1': { inputPerMillion: 15, outputPerMillion: 75 },
  'claude-opus-4': { inputPerMillion: 15, outputPerMillion: 75 },
  'claude-sonnet-4': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-3-7-sonnet': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-3-5-haiku': { inputPerMillion: 0.8, outputPerMillion: 4 },
};

/**
 * How each provider bills prompt-cache tokens, as a share of the model's input price (the providers' pricing
 * pages, checked 2026-12-06). Anthropic: a read costs 0.1x, a write with the default 5-minute lifetime 1.25x.
 * OpenAI caches on its own and never bills a write; a cached read costs 0.1x on the gpt-5 family, 0.25x on
 * gpt-4.1 and the o-series, 0.5x on gpt-4o. A model matching no rule bills cached input as fresh input.
 */
export const CACHE_RATES: ReadonlyArray<{ models: RegExp; read: number; write: number }> = [
  { models: /^claude-/, read: 0.1, write: 1.25 },
  { models: /^gpt-5/, read: 0.1, write: 1 },
  { models: /^(?:gpt-4\.1|o3|o4-mini)/, read: 0.25, write: 1 },
  { models: /^gpt-4o/, read: 0.5, write: 1 },
];

function withCacheRates(table: PriceTable): PriceTable {
  return Object.fromEntries(
    Object.entries(table).map(([model, price]) => {
      const rate = CACHE_RATES.find((candidate) => candidate.models.test(model));
      if (!rate) return [model, price];
      return [model, { ...price, cachedInputPerMillion: price.inputPerMillion * rate.read, cacheWritePerMillion: price.inputPerMillion * rate.write }];
    }),
  );
}

export const DEFAULT_PRICES: PriceTable = withCacheRates(LIST_PRICES);

/**
 * Exact name first, then the longest table entry the name starts with followed by `-`, so dated
 * snapshots and aliases (`gpt-4o-2024-08-06`, `claude-sonnet-4-5-20250929`, `claude-3-5-haiku-latest`)
 * find their base price. Gateway names such as `openai/gpt-4o` are matched without the vendor prefix.
 */
export function findPrice(table: PriceTable, model: string): ModelPrice | undefined {
  const candidates = [model, model.slice(model.lastIndexOf('/') + 1)];
  for (const name of candidates) {
    const exact = table[name];
    if (exact) return exact;
  }
  for (const name of candidates) {
    let best: string | undefined;
    for (const key of Object.keys(table)) {
      if (name.startsWith(`${key}-`) && (best === undefined || key.length > best.length)) best = key;
    }
    if (best !== undefined) return table[best];
  }
  return undefined;
}

/** Prompt tokens by how they are billed: `inputTokens` counts all of them, cached reads and writes included. */
export interface CacheSplit {
  cachedInputTokens?: number;
  cacheWriteTokens?: number;
}

export function costUsd(price: ModelPrice | undefined, inputTokens: number, outputTokens: number, cache: CacheSplit = {}): number {
  if (!price) return 0;
  const read = Math.min(cache.cachedInputTokens ?? 0, inputTokens);
  const write = Math.min(cache.cacheWriteTokens ?? 0, inputTokens - read);
  const fresh = inputTokens - read - write;
  const input =
    fresh * price.inputPerMillion +
    read * (price.cachedInputPerMillion ?? price.inputPerMillion) +
    write * (price.cacheWritePerMillion ?? price.inputPerMillion);
  return (input + outputTokens * price.outputPerMillion) / 1_000_000;
}

/**
 * Input tokens as the bill counts them, in fresh-input equivalents: what caching saves (or costs, when a
 * write is never read again) on the same prompt, independent of the model's price.
 */
export function billedInputTokens(price: ModelPrice | undefined, usage: CallUsage): number {
  if (!price || price.inputPerMillion === 0) return usage.inputTokens;
  return (costUsd(price, usage.inputTokens, 0, usage) * 1_000_000) / price.inputPerMillion;
}

export function usageWithCost(price: ModelPrice | undefined, inputTokens: number, outputTokens: number, cache: CacheSplit = {}): CallUsage {
  return { inputTokens, outputTokens, costUsd: costUsd(price, inputTokens, outputTokens, cache), ...cache };
}
