/** The real registries, built in one place from the run's settings. */
import { createGoProxy } from './go-proxy.js';
import { createNpmRegistry } from './npm-registry.js';
import { createPypiRegistry } from './pypi-registry.js';
import type { HttpOptions, Registries } from './registry.js';

export interface RegistryEndpoints extends HttpOptions {
  npmRegistryUrl?: string;
  npmDownloadsUrl?: string;
  pypiUrl?: string;
  goProxyUrl?: string;
}

export function createRegistries(endpoints: RegistryEndpoints = {}): Registries {
  const http: HttpOptions = {
    ...(endpoints.fetch ? { fetch: endpoints.fetch } : {}),
    ...(endpoints.timeoutMs !== undefined ? { timeoutMs: endpoints.timeoutMs } : {}),
  };
  return {
    npm: createNpmRegistry({
      ...http,
      ...(endpoints.npmRegistryUrl ? { registryUrl: endpoints.npmRegistryUrl } : {}),
      ...(endpoints.npmDownloadsUrl ? { downloadsUrl: endpoints.npmDownloadsUrl } : {}),
    }),
    pypi: createPypiRegistry({ ...http, ...(endpoints.pypiUrl ? { indexUrl: endpoints.pypiUrl } : {}) }),
    go: createGoProxy({ ...http, ...(endpoints.goProxyUrl ? { proxyUrl: endpoints.goProxyUrl } : {}) }),
  };
}
