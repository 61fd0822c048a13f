/**
 * The environment repository code gets: locale, a fixed PATH that finds the runner's toolchains
 * (sandbox-path.ts) and where they live, its own HOME and TMPDIR, the package registry settings when the
 * caller asks (registry-env.ts), and nothing else. No name that looks like a secret passes, whatever the list says.
 */
import { isSecretEnvName, safeChildEnv } from '../git.js';
import { registryEnv } from './registry-env.js';
import { hostPathPlatform, sandboxPath, type PathPlatform } from './sandbox-path.js';

const PASSED = ['LANG', 'LANGUAGE', 'LC_*', 'TZ', 'TERM', 'NO_COLOR', 'FORCE_COLOR', 'JAVA_HOME', 'JAVA_HOME_*', 'GOROOT', 'RUSTUP_HOME', 'DOTNET_ROOT'];

/**
 * Repository code gets no credentials, so no keyring either: without this, Python tools that ask one for every
 * index (Poetry 1.x) fail with "Failed to unlock the item!" where no keyring daemon answers.
 */
const NO_KEYRING = { PYTHON_KEYRING_BACKEND: 'keyring.backends.null.Keyring' };

function allowed(name: string): boolean {
  const upper = name.toUpperCase();
  return PASSED.some((entry) => (entry.endsWith('*') ? upper.startsWith(entry.slice(0, -1)) : upper === entry));
}

/** Pure: the sandbox user's environment. Caches (npm, pip, cargo, go) fall under its own HOME. */
export function sandboxEnv(
  env: Readonly<Record<string, string | undefined>>,
  place: { home: string; tmp: string; user: string },
  registries = false,
  platform: PathPlatform = hostPathPlatform(env),
): Record<string, string> {
  const out: Record<string, string> = registries ? registryEnv(env) : {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && allowed(name) && !isSecretEnvName(name)) out[name] = value;
  }
  return {
    ...out,
    ...NO_KEYRING,
    PATH: sandboxPath(env.PATH, platform),
    CI: 'true',
    HOME: place.home,
    TMPDIR: place.tmp,
    TMP: place.tmp,
    TEMP: place.tmp,
    USER: place.user,
    LOGNAME: place.user,
  };
}

/** Pure: the environment without a sandbox user, as before: the child-process allowlist, never a secret. */
export function unisolatedEnv(
  env: Readonly<Record<string, string | undefined>>,
  registries = false,
  platform: PathPlatform = hostPathPlatform(env),
): Record<string, string> {
  const out: Record<string, string> = { CI: 'true', ...NO_KEYRING, ...(registries ? registryEnv(env) : {}), ...safeChildEnv(env) };
  // Windows spells it Path; one entry, the fixed one.
  for (const name of Object.keys(out)) if (name.toUpperCase() === 'PATH') delete out[name];
  return { ...out, PATH: sandboxPath(env.PATH ?? env.Path, platform) };
}

/** `env -i` arguments that set exactly this environment. Holds no secret: see sandboxEnv. */
export function envArguments(env: Record<string, string>): string[] {
  return Object.entries(env).map(([name, value]) => `${name}=${value}`);
}
