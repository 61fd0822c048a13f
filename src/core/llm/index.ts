/** The model layer's public surface. It imports no GitHub code, so it runs anywhere. */
export { createModelClient } from './model-client.js';
export {
  CISO_REVIEW_TEMPERATURE,
  CTO_REVIEW_TEMPERATURE,
  DEFAULT_MAX_OUTPUT_TOKENS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TEMPERATURES,
  DEFAULT_TIMEOUT_MS,
  IMPLEMENT_TEMPERATURE,
} from './defaults.js';
export {
  CostBudgetExceededError,
  InputTooLargeError,
  ModelConfigurationError,
  ModelOutputError,
  ModelRequestError,
  ModelUnavailableError,
} from './model-errors.js';
export { billedInputTokens, CACHE_RATES, costUsd, DEFAULT_PRICES, findPrice } from './prices.js';
export { estimateRequestTokens } from './request-size.js';
export { estimateStructuredRequestTokens } from './structured-output.js';
export { CHARACTERS_PER_TOKEN, estimateTokens, fenceUntrusted, sanitizeUntrusted } from './untrusted.js';
export { PROVIDER_NAMES } from './types.js';
export type {
  AssistantMessage,
  CallUsage,
  ChatRequest,
  ChatResult,
  Message,
  ModelClient,
  ModelClientOptions,
  ModelPrice,
  ModelSettings,
  ModelUsageEntry,
  PriceTable,
  ProviderName,
  RunBudget,
  RunUsage,
  StopReason,
  StructuredRequest,
  StructuredResult,
  ToolCall,
  ToolChoice,
  ToolResultMessage,
  ToolSpec,
  UserMessage,
} from './types.js';
