import type { CommonConfig, ModelChoice } from '../core/config.js';
import { createModelClient, type ModelClient, type ModelSettings, type PriceTable } from '../core/llm/index.js';

export { pricesFromPolicy } from '../core/model-prices.js';

function settings(choice: ModelChoice, temperature: number): ModelSettings {
  return { provider: choice.provider, model: choice.model, apiKey: choice.apiKey, baseUrl: choice.baseUrl, temperature };
}

/** The model client for one action run, from the common inputs: primary, fallback and the run's cost budget;
 * `prices` (the policy's models.prices) are merged over the shipped price table. */
export function modelFromConfig(
  config: CommonConfig,
  temperature: number,
  options: { maxInputTokensPerCall?: number; prices?: PriceTable; log?: (message: string) => void } = {},
): ModelClient {
  return createModelClient({
    primary: settings(config.primaryModel, temperature),
    fallback: config.fallbackModel ? settings(config.fallbackModel, temperature) : undefined,
    budget: { maxCostUsd: config.maxCostUsd, maxInputTokensPerCall: options.maxInputTokensPerCall },
    prices: options.prices,
    log: options.log,
  });
}
