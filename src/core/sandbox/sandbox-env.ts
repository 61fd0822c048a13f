/**
 * The environment repository code gets: locale, PATH and where the runner's toolchains live, its own HOME and
 * TMPDIR, the package registry settings when the caller asks (registry-env.ts), and nothing else. No name that looks like a secret passes, whatever the list says.
 */
import { isSecretEnvName, safeChildEnv } from '../git.js';
import { registryEnv } from './registry-env.js';

const PASSED = [
  'PATH',
  'LANG',
  'LANGUAGE',
  'LC_*',
  'TZ',
  'TERM',
  'NO_COLOR',
  'FORCE_COLOR',
  'JAVA_HOME',
  'JAVA_HOME_*',
  'GOROOT',
  'RUSTUP_HOME',
  'DOTNET_ROOT',
];

function allowed(name: string): boolean {
  const upper = name.toUpperCase();
  return PASSED.some((entry) => (entry.endsWith('*') ? upper.startsWith(entry.slice(0, -1)) : upper === entry));
}

/** Pure: the sandbox user's environment. Caches (npm, pip, cargo, go) fall under its own HOME. */
export function sandboxEnv(
  env: Readonly<Record<string, string | undefined>>,
  place: { home: string; tmp: string; user: string },
  registries = false,
): Record<string, string> {
  const out: Record<string, string> = registries ? registryEnv(env) : {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && allowed(name) && !isSecretEnvName(name)) out[name] = value;
  }
  return { ...out, CI: 'true', HOME: place.home, TMPDIR: place.tmp, TMP: place.tmp, TEMP: place.tmp, USER: place.user, LOGNAME: place.user };
}

/** Pure: the environment without a sandbox user, as before: the child-process allowlist, never a secret. */
export function unisolatedEnv(env: Readonly<Record<string, string | undefined>>, registries = false): Record<string, string> {
  return { CI: 'true', ...(registries ? registryEnv(env) : {}), ...safeChildEnv(env) };
}

/** `env -i` arguments that set exactly this environment. Holds no secret: see sandboxEnv. */
export function envArguments(env: Record<string, string>): string[] {
  return Object.entries(env).map(([name, value]) => `${name}=${value}`);
}
