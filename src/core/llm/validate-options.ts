/**
 * Checks the model client's options before any call, so a missing key or a mistyped provider fails the
 * step as a configuration error naming the input, not as an SDK stack trace mid-run.
 */
import { ConfigurationError, describeValue } from '../errors.js';
import { PROVIDER_NAMES, type ModelClientOptions, type ModelSettings } from './types.js';

/** The action inputs users set; named in messages so they know what to change. */
const API_KEY_INPUT: Record<ModelSettings['provider'], string> = {
  openai: 'openai-api-key',
  anthropic: 'anthropic-api-key',
  'openai-compatible': 'openai-api-key',
};

export function apiKeyInputFor(provider: ModelSettings['provider']): string {
  return API_KEY_INPUT[provider];
}

export function validateModelClientOptions(options: ModelClientOptions): void {
  validateSettings(options.primary, 'provider');
  if (options.fallback) validateSettings(options.fallback, 'fallback-provider');
  const { maxCostUsd, maxInputTokensPerCall } = options.budget;
  if (!Number.isFinite(maxCostUsd) || maxCostUsd < 0) {
    throw new ConfigurationError(`input 'max-cost-usd' is ${describeValue(maxCostUsd)}; expected a number of dollars, 0 or more`);
  }
  if (maxInputTokensPerCall !== undefined && !isPositiveInteger(maxInputTokensPerCall)) {
    throw new ConfigurationError(`the per-call input token limit is ${describeValue(maxInputTokensPerCall)}; expected a positive whole number`);
  }
  for (const [model, price] of Object.entries(options.prices ?? {})) {
    const valid = [price.inputPerMillion, price.outputPerMillion].every((value) => Number.isFinite(value) && value >= 0);
    if (!valid) {
      throw new ConfigurationError(`price for model '${model}' is ${describeValue(price)}; expected inputPerMillion and outputPerMillion in USD, 0 or more`);
    }
  }
}

function validateSettings(settings: ModelSettings, providerInput: string): void {
  const { provider } = settings;
  if (!PROVIDER_NAMES.includes(provider)) {
    throw new ConfigurationError(`input '${providerInput}' is ${describeValue(provider)}; expected one of ${PROVIDER_NAMES.join(', ')}`);
  }
  if (!settings.model || settings.model.trim() === '') {
    throw new ConfigurationError(`no model is set for provider '${provider}'; set the model input`);
  }
  if (provider !== 'openai-compatible' && !settings.apiKey) {
    throw new ConfigurationError(`provider '${provider}' needs an API key; set the '${apiKeyInputFor(provider)}' input`);
  }
  if (provider === 'openai-compatible' && !settings.baseUrl) {
    throw new ConfigurationError(`provider 'openai-compatible' needs the endpoint; set the 'base-url' input`);
  }
  if (settings.baseUrl !== undefined && !isHttpUrl(settings.baseUrl)) {
    throw new ConfigurationError(`input 'base-url' is ${describeValue(settings.baseUrl)}; expected an http(s) URL`);
  }
  if (!Number.isFinite(settings.temperature) || settings.temperature < 0 || settings.temperature > 2) {
    throw new ConfigurationError(`temperature for '${provider}' is ${describeValue(settings.temperature)}; expected a number from 0 to 2`);
  }
  for (const [name, value] of [
    ['maxOutputTokens', settings.maxOutputTokens],
    ['timeoutMs', settings.timeoutMs],
  ] as const) {
    if (value !== undefined && !isPositiveInteger(value)) {
      throw new ConfigurationError(`model setting ${name} is ${describeValue(value)}; expected a positive whole number`);
    }
  }
  if (settings.maxRetries !== undefined && !(Number.isInteger(settings.maxRetries) && settings.maxRetries >= 0)) {
    throw new ConfigurationError(`model setting maxRetries is ${describeValue(settings.maxRetries)}; expected 0 or more`);
  }
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
