import { ConfigurationError } from './errors.js';
import { input, parseInputs, type InputReader } from './inputs.js';
import { outbound } from './outbound-gate.js';

export const PROVIDERS = ['openai', 'anthropic', 'openai-compatible'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** Inputs every action accepts (the model, its key and budget, the token, the policy file). Names are the action.yml input names. */
export const commonInputSpec = {
  'github-token': input.required(),
  provider: input.oneOf(PROVIDERS, 'openai'),
  model: input.optional(),
  'openai-api-key': input.optional(),
  'anthropic-api-key': input.optional(),
  'base-url': input.optional(),
  'fallback-provider': input.optionalOneOf(PROVIDERS),
  'fallback-model': input.optional(),
  'max-cost-usd': input.number(2, 0),
  'config-path': input.string('.github/agentic.yml'),
  'dry-run': input.boolean(false),
};

export interface ModelChoice {
  provider: Provider;
  model: string;
  apiKey: string | undefined;
  baseUrl: string | undefined;
}

export interface CommonConfig {
  githubToken: string;
  primaryModel: ModelChoice;
  fallbackModel: ModelChoice | undefined;
  maxCostUsd: number;
  configPath: string;
  dryRun: boolean;
}

export const DEFAULT_MODELS: Record<Provider, string> = {
  openai: 'gpt-4.1',
  anthropic: 'claude-sonnet-4-5',
  'openai-compatible': '',
};

function modelChoice(provider: Provider, model: string | undefined, raw: ReturnType<typeof readRaw>): ModelChoice {
  return {
    provider,
    model: model ?? DEFAULT_MODELS[provider],
    apiKey: provider === 'anthropic' ? raw['anthropic-api-key'] : raw['openai-api-key'],
    // base-url is for OpenAI-compatible gateways; the official providers use their SDK default unless set.
    baseUrl: raw['base-url'],
  };
}

function readRaw(read: InputReader) {
  return parseInputs(commonInputSpec, read);
}

export function readCommonConfig(read: InputReader): CommonConfig {
  const raw = readRaw(read);
  // The credentials the action holds: masked in the log and redacted from everything it writes from here on.
  for (const secret of [raw['github-token'], raw['openai-api-key'], raw['anthropic-api-key']]) outbound.hold(secret);
  const primaryModel = modelChoice(raw.provider, raw.model, raw);
  if (primaryModel.provider === 'openai-compatible' && !primaryModel.baseUrl) {
    throw new ConfigurationError("input 'base-url' is missing; expected the endpoint URL when provider is openai-compatible");
  }
  if (primaryModel.provider === 'openai-compatible' && !primaryModel.model) {
    throw new ConfigurationError("input 'model' is missing; expected a model name when provider is openai-compatible");
  }
  const fallbackProvider = raw['fallback-provider'];
  const fallbackModel = fallbackProvider ? modelChoice(fallbackProvider, raw['fallback-model'], raw) : undefined;
  return {
    githubToken: raw['github-token'],
    primaryModel,
    fallbackModel,
    maxCostUsd: raw['max-cost-usd'],
    configPath: raw['config-path'],
    dryRun: raw['dry-run'],
  };
}

/** For actions that cannot work without a model: names the key input the chosen provider needs. */
export function requireModelKey(choice: ModelChoice): void {
  if (choice.apiKey) return;
  if (choice.provider === 'openai-compatible') return; // local gateways (Ollama, vLLM) often take no key
  const inputName = choice.provider === 'anthropic' ? 'anthropic-api-key' : 'openai-api-key';
  throw new ConfigurationError(`Input required and not supplied: ${inputName} (provider is ${choice.provider})`);
}
