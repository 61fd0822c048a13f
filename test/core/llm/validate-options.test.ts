import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/core/errors.js';
import { createModelClient, type ModelClientOptions } from '../../../src/core/llm/index.js';

const valid: ModelClientOptions = {
  primary: { provider: 'openai', model: 'gpt-4.1', apiKey: 'sk-test-key-0000', temperature: 0.3 },
  budget: { maxCostUsd: 1 },
};

function configurationMessage(options: ModelClientOptions): string {
  try {
    createModelClient(options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigurationError');
}

describe('createModelClient option checks', () => {
  it('accepts valid options without loading anything or calling out', () => {
    const client = createModelClient(valid);

    expect(client.usage).toEqual({ calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, cachedInputTokens: 0, cacheWriteTokens: 0, byModel: [] });
  });

  it('names the input for a missing API key', () => {
    expect(configurationMessage({ ...valid, primary: { ...valid.primary, apiKey: undefined } })).toBe(
      "provider 'openai' needs an API key; set the 'openai-api-key' input",
    );
    expect(configurationMessage({ ...valid, fallback: { provider: 'anthropic', model: 'claude-sonnet-5-5', temperature: 0.2 } })).toContain(
      "'anthropic-api-key' input",
    );
  });

  it('names the provider input and the accepted values for an unknown provider', () => {
    const options = { ...valid, primary: { ...valid.primary, provider: 'gemini' } } as unknown as ModelClientOptions;

    expect(configurationMessage(options)).toBe(`input 'provider' is "gemini"; expected one of openai, anthropic, openai-compatible`);
  });

  it('requires base-url for openai-compatible and checks that it is a URL', () => {
    const compatible = { provider: 'openai-compatible' as const, model: 'llama3', temperature: 0.3 };

    expect(configurationMessage({ ...valid, primary: compatible })).toContain("set the 'base-url' input");
    expect(configurationMessage({ ...valid, primary: { ...compatible, baseUrl: 'localhost:11434' } })).toContain('input \'base-url\' is "localhost:11434"');
  });

  it('checks budgets, temperatures, limits and prices', () => {
    expect(configurationMessage({ ...valid, budget: { maxCostUsd: -1 } })).toContain("input 'max-cost-usd' is -1");
    expect(configurationMessage({ ...valid, budget: { maxCostUsd: 1, maxInputTokensPerCall: 0 } })).toContain('per-call input token limit');
    expect(configurationMessage({ ...valid, primary: { ...valid.primary, temperature: 3 } })).toContain('expected a number from 0 to 2');
    expect(configurationMessage({ ...valid, primary: { ...valid.primary, maxRetries: -1 } })).toContain('maxRetries');
    expect(configurationMessage({ ...valid, prices: { m: { inputPerMillion: Number.NaN, outputPerMillion: 1 } } })).toContain("price for model 'm'");
  });
});
