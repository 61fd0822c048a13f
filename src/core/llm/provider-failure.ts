/** Turns the last failed attempt against a provider into the typed error the caller sees. */
import { ModelConfigurationError, ModelRequestError, ModelUnavailableError } from './model-errors.js';
import { isRejectedConfiguration, ProviderCallError } from './providers/provider-call-error.js';
import { RetriesExhaustedError } from './retry.js';
import type { ModelSettings } from './types.js';
import { apiKeyInputFor } from './validate-options.js';

export function toModelError(failure: ProviderCallError | RetriesExhaustedError, settings: ModelSettings): Error {
  if (failure instanceof RetriesExhaustedError) {
    const attempts = failure.attempts === 1 ? '1 attempt' : `${failure.attempts} attempts`;
    return new ModelUnavailableError(
      `${settings.provider} (model ${settings.model}) is unavailable after ${attempts}: ${failure.last.message}`,
      settings.provider,
      failure.last.status,
    );
  }
  if (isRejectedConfiguration(failure)) {
    return new ModelConfigurationError(
      `${failure.message.replace(/\.+$/, '')}. ${configurationHint(failure.status, settings)}`,
      settings.provider,
      failure.status ?? 0,
    );
  }
  return new ModelRequestError(`${failure.message} (model ${settings.model})`, settings.provider, failure.status);
}

function configurationHint(status: number | undefined, settings: ModelSettings): string {
  if (status === 404) {
    return `Check the model name '${settings.model}'${settings.baseUrl ? ` and the 'base-url' input` : ''} for ${settings.provider}.`;
  }
  return `Check the '${apiKeyInputFor(settings.provider)}' input: the key was refused for ${settings.provider}${status === 403 ? ' or lacks access to this model' : ''}.`;
}

/** Both attempts failed: say what happened to each, the fallback's failure deciding the type. */
export function withPrimaryContext(fallbackError: Error, primaryError: Error, primary: ModelSettings): Error {
  fallbackError.message = `${fallbackError.message} (the primary provider ${primary.provider} failed first: ${primaryError.message})`;
  return fallbackError;
}
