import { describe, expect, it } from 'vitest';
import { costUsd, DEFAULT_PRICES, findPrice } from '../../../src/core/llm/index.js';

describe('findPrice', () => {
  it('matches exact names first', () => {
    expect(findPrice(DEFAULT_PRICES, 'gpt-4o-mini')).toEqual({
      inputPerMillion: 0.15,
      outputPerMillion: 0.6,
      cachedInputPerMillion: 0.075,
      cacheWritePerMillion: 0.15,
    });
  });

  it('matches dated snapshots and aliases by the longest base name', () => {
    expect(findPrice(DEFAULT_PRICES, 'gpt-4o-2024-08-06')).toBe(DEFAULT_PRICES['gpt-4o']);
    expect(findPrice(DEFAULT_PRICES, 'gpt-4o-mini-2024-07-18')).toBe(DEFAULT_PRICES['gpt-4o-mini']);
    expect(findPrice(DEFAULT_PRICES, 'claude-sonnet-4-20250514')).toBe(DEFAULT_PRICES['claude-sonnet-4']);
    expect(findPrice(DEFAULT_PRICES, 'claude-opus-5-5')).toBe(DEFAULT_PRICES['claude-opus-5-5']);
  });

  it('does not take a different model for a longer name without a dash boundary', () => {
    expect(findPrice(DEFAULT_PRICES, 'gpt-5.3')).toBeUndefined();
    expect(findPrice(DEFAULT_PRICES, 'o3x')).toBeUndefined();
  });

  it('ignores a gateway vendor prefix', () => {
    expect(findPrice(DEFAULT_PRICES, 'openai/gpt-4.1')).toBe(DEFAULT_PRICES['gpt-4.1']);
    expect(findPrice(DEFAULT_PRICES, 'anthropic/claude-haiku-4-5-20251001')).toBe(DEFAULT_PRICES['claude-haiku-4-5']);
  });

  it('finds nothing for local models', () => {
    expect(findPrice(DEFAULT_PRICES, 'llama3.3:70b')).toBeUndefined();
  });
});

describe('costUsd', () => {
  it('charges input and output per million tokens, and nothing without a price', () => {
    expect(costUsd({ inputPerMillion: 3, outputPerMillion: 15 }, 2_000_000, 100_000)).toBeCloseTo(7.5, 10);
    expect(costUsd(undefined, 2_000_000, 100_000)).toBe(0);
  });
});
