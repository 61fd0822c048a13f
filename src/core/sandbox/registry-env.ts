/**
 * Where packages come from, as the runner (or the person running the CLI) configured it: the npm registry,
 * the Python index and the Go module proxy with its checksum settings. These name places, not secrets, and
 * an install or an update in the sandbox must ask the same mirror the rest of the machine uses. A value that
 * carries credentials (`https://user:token@host/`) is never passed: repository code must not see it.
 */

/** The settings passed, by their exact names (npm reads its own in any case; the others are upper case). */
export const REGISTRY_VARIABLES = [
  'npm_config_registry',
  'NPM_CONFIG_REGISTRY',
  'YARN_REGISTRY',
  'PIP_INDEX_URL',
  'PIP_EXTRA_INDEX_URL',
  'PIP_TRUSTED_HOST',
  'UV_INDEX_URL',
  'UV_DEFAULT_INDEX',
  'UV_EXTRA_INDEX_URL',
  'GOPROXY',
  'GOSUMDB',
  'GONOSUMDB',
  'GONOSUMCHECK',
  'GOPRIVATE',
  'GONOPROXY',
  'GOFLAGS',
  'GOTOOLCHAIN',
] as const;

/** `scheme://user@host` or `scheme://user:password@host` anywhere in the value. */
const CREDENTIALS = /[a-z][a-z0-9+.-]*:\/\/[^/\s@]*@/i;

/** Pure: the registry settings of `env` that may reach repository code; values with credentials are left out. */
export function registryEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of REGISTRY_VARIABLES) {
    const value = env[name];
    if (value === undefined || value === '' || value.length > 2_000 || CREDENTIALS.test(value) || /[\n\r\0]/.test(value)) continue;
    out[name] = value;
  }
  return out;
}
