import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { createGitHubClient } from '../../src/core/github.js';
import { GITHUB_ACTIONS_BOT, canWrite, isBot, permissionFrom, resolveBotIdentity, userPermission } from '../../src/core/identity.js';
import { formatRepository, parseRepository } from '../../src/core/repo.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';

describe('isBot', () => {
  const bot = GITHUB_ACTIONS_BOT;

  it('matches by id and type', () => {
    expect(isBot({ id: 41898282, type: 'Bot' }, bot)).toBe(true);
  });

  it('is not fooled by a login, nor by the same id with another type', () => {
    const impostor = { id: 123, type: 'Bot', login: 'github-actions[bot]' };
    expect(isBot(impostor, bot)).toBe(false);
    expect(isBot({ id: 41898282, type: 'User' }, bot)).toBe(false);
  });

  it('handles deleted users', () => {
    expect(isBot(null, bot)).toBe(false);
    expect(isBot(undefined, bot)).toBe(false);
  });
});

describe('permissions', () => {
  it('prefers role_name, which distinguishes maintain and triage', () => {
    expect(permissionFrom({ permission: 'write', role_name: 'maintain' })).toBe('maintain');
    expect(permissionFrom({ permission: 'read', role_name: 'triage' })).toBe('triage');
    expect(permissionFrom({ permission: 'admin' })).toBe('admin');
    // custom repository roles have other names; fall back to the base permission
    expect(permissionFrom({ permission: 'write', role_name: 'release-manager' })).toBe('write');
    expect(permissionFrom({})).toBe('none');
  });

  it('lets write and above decide', () => {
    expect(['admin', 'maintain', 'write'].every((p) => canWrite(p as 'admin'))).toBe(true);
    expect(canWrite('triage')).toBe(false);
    expect(canWrite('read')).toBe(false);
    expect(canWrite('none')).toBe(false);
  });
});

describe('parseRepository', () => {
  it('parses owner/name', () => {
    expect(parseRepository('octo-org/my.repo_1')).toEqual({ owner: 'octo-org', repo: 'my.repo_1' });
    expect(formatRepository({ owner: 'a', repo: 'b' })).toBe('a/b');
  });

  it('refuses anything else with a ConfigurationError naming the value', () => {
    for (const bad of ['', 'owner', 'a/b/c', '/b', 'a/', 'a b/c', 'owner/..', '-owner/x']) {
      expect(() => parseRepository(bad), bad).toThrow(ConfigurationError);
    }
    expect(() => parseRepository('nope', 'input repository')).toThrow('input repository is "nope"; expected "owner/name"');
  });
});

describe('identity against the GitHub emulator', () => {
  const repo = { owner: 'acme', repo: 'widgets' };
  let gh: GitHubEmulator;

  beforeEach(async () => {
    gh = await startGitHubEmulator(repo);
  });
  afterEach(async () => {
    await gh.close();
  });

  const client = () => createGitHubClient({ token: gh.botToken, baseUrl: gh.apiUrl, retries: 0 });

  it('resolves the default bot with GITHUB_TOKEN, where GET /user would fail', async () => {
    const api = client();
    await expect(api.rest.users.getAuthenticated()).rejects.toMatchObject({ status: 403 });
    expect(await resolveBotIdentity(api)).toEqual(GITHUB_ACTIONS_BOT);
  });

  it('resolves a configured app bot by login', async () => {
    const app = gh.state.addUser({ login: 'my-agent[bot]', type: 'Bot' });
    expect(await resolveBotIdentity(client(), 'my-agent[bot]')).toEqual({ login: 'my-agent[bot]', id: app.id, type: 'Bot' });
    await expect(resolveBotIdentity(client(), 'nobody-here')).rejects.toMatchObject({ status: 404 });
  });

  it('reads permissions, including maintain and triage, and none for strangers', async () => {
    gh.state.setPermission('alice', 'maintain');
    gh.state.setPermission('bob', 'triage');
    gh.state.setPermission('carol', 'write');
    gh.state.addUser({ login: 'dave' });
    const api = client();
    expect(await userPermission(api, repo, 'alice')).toBe('maintain');
    expect(await userPermission(api, repo, 'bob')).toBe('triage');
    expect(await userPermission(api, repo, 'carol')).toBe('write');
    expect(await userPermission(api, repo, 'acme')).toBe('admin');
    expect(await userPermission(api, repo, 'dave')).toMatch(/^(none|read)$/);
    expect(await userPermission(api, repo, 'ghost-user')).toBe('none');
    expect(canWrite(await userPermission(api, repo, 'bob'))).toBe(false);
  });
});
