import { describe, expect, it } from 'vitest';
import { registryEnv } from '../../src/core/sandbox/registry-env.js';
import { sandboxEnv, unisolatedEnv } from '../../src/core/sandbox/sandbox-env.js';

const runner = {
  PATH: '/usr/bin',
  GOPROXY: 'http://127.0.0.1:4000/go',
  GOSUMDB: 'off',
  PIP_INDEX_URL: 'http://127.0.0.1:4000/simple',
  npm_config_registry: 'http://127.0.0.1:4001/',
  NPM_TOKEN: 'npm_secret',
  GITHUB_TOKEN: 'ghs_secret',
};

describe('package registry settings in the sandbox', () => {
  it('passes where packages come from when the caller asks, and no token', () => {
    const env = sandboxEnv(runner, { home: '/h', tmp: '/t', user: 'sandbox' }, true);
    expect(env).toMatchObject({
      GOPROXY: runner.GOPROXY,
      GOSUMDB: 'off',
      PIP_INDEX_URL: runner.PIP_INDEX_URL,
      npm_config_registry: runner.npm_config_registry,
    });
    expect(Object.values(env).join('\n')).not.toContain('secret');
    // No keyring for repository code (it gets no credentials): Poetry would otherwise fail asking a daemon that is not there.
    expect(env.PYTHON_KEYRING_BACKEND).toBe('keyring.backends.null.Keyring');
    expect(unisolatedEnv(runner).PYTHON_KEYRING_BACKEND).toBe('keyring.backends.null.Keyring');
    expect(unisolatedEnv(runner, true)).toMatchObject({ GOPROXY: runner.GOPROXY, npm_config_registry: runner.npm_config_registry });
  });

  it('passes none of them unless asked (the default for every other caller)', () => {
    const env = sandboxEnv(runner, { home: '/h', tmp: '/t', user: 'sandbox' });
    expect(env.GOPROXY).toBeUndefined();
    expect(env.PIP_INDEX_URL).toBeUndefined();
    expect(unisolatedEnv(runner).npm_config_registry).toBeUndefined();
  });

  it('attack: a registry URL with credentials in it never reaches repository code; control: the same host without them does', () => {
    const env = registryEnv({
      PIP_INDEX_URL: 'https://build:s3cret@pypi.example.com/simple',
      GOPROXY: 'https://proxy.example.com,https://token@goproxy.example.com',
      npm_config_registry: 'https://registry.example.com/',
      PIP_EXTRA_INDEX_URL: 'https://pypi.example.com/simple',
    });
    expect(env).toEqual({ npm_config_registry: 'https://registry.example.com/', PIP_EXTRA_INDEX_URL: 'https://pypi.example.com/simple' });
  });
});
