/** The one place that maps a provider name to its adapter. */
import type { ModelSettings } from '../types.js';
import { createAnthropicMessagesAdapter } from './anthropic-messages.js';
import { createOpenAIChatAdapter } from './openai-chat.js';
import type { ProviderAdapter } from './provider-adapter.js';

export function createProviderAdapter(settings: ModelSettings, log: (message: string) => void): ProviderAdapter {
  switch (settings.provider) {
    case 'anthropic':
      return createAnthropicMessagesAdapter(settings, log);
    case 'openai':
    case 'openai-compatible':
      return createOpenAIChatAdapter(settings, log);
  }
}
