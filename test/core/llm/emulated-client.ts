/** Model clients wired to a running model emulator, with recorded sleeps and log lines. */
import { createModelClient } from '../../../src/core/llm/index.js';
import type { ModelClient, ModelClientOptions, ModelSettings } from '../../../src/core/llm/index.js';
import type { ModelEmulator } from '../../../src/emulators/model/index.js';

export interface EmulatedClient {
  client: ModelClient;
  sleeps: number[];
  logs: string[];
}

export function openaiSettings(model: ModelEmulator, overrides: Partial<ModelSettings> = {}): ModelSettings {
  return {
    provider: 'openai',
    model: 'gpt-4.1',
    apiKey: model.keys.openai ?? undefined,
    baseUrl: model.openaiBaseUrl,
    temperature: 0.2,
    ...overrides,
  };
}

export function anthropicSettings(model: ModelEmulator, overrides: Partial<ModelSettings> = {}): ModelSettings {
  return {
    provider: 'anthropic',
    model: 'claude-sonnet-5-5',
    apiKey: model.keys.anthropic,
    baseUrl: model.anthropicBaseUrl,
    temperature: 0.2,
    ...overrides,
  };
}

export function emulatedClient(primary: ModelSettings, options: Partial<Omit<ModelClientOptions, 'primary'>> = {}): EmulatedClient {
  const sleeps: number[] = [];
  const logs: string[] = [];
  const client = createModelClient({
    primary,
    budget: { maxCostUsd: 10 },
    log: (message) => logs.push(message),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { client, sleeps, logs };
}
