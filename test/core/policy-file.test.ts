import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/core/github.js';
import { loadPolicy } from '../../src/core/policy-file.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';

describe('loading .github/agentic.yml', () => {
  let gh: GitHubEmulator | undefined;
  afterEach(async () => gh?.close());

  async function repoWith(files: Record<string, string>) {
    gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets', defaultBranch: 'trunk', files });
    return { emulator: gh, client: createGitHubClient({ token: gh.botToken, baseUrl: gh.apiUrl }) };
  }

  it('means every default applies when the file is missing', async () => {
    const { client } = await repoWith({ 'README.md': 'x' });
    expect(await loadPolicy(client, { owner: 'acme', repo: 'widgets' }, '.github/agentic.yml')).toEqual({ policy: {}, defaultBranch: 'trunk', found: false });
  });

  it('reads the default branch, not a pull request head', async () => {
    const { emulator, client } = await repoWith({ '.github/agentic.yml': 'labels:\n  roadmap: backlog\n' });
    emulator.state.commitFiles('automated/1-x', { '.github/agentic.yml': 'labels:\n  roadmap: anything\n' }, { message: 'weaken policy' });
    const loaded = await loadPolicy(client, { owner: 'acme', repo: 'widgets' }, '.github/agentic.yml');
    expect(loaded.policy.labels).toEqual({ roadmap: 'backlog' });
    expect(emulator.requests.find((r) => r.route?.includes('/contents/'))?.query.ref).toBe('trunk');
  });

  it('explains invalid YAML and invalid values', async () => {
    const { client } = await repoWith({ '.github/agentic.yml': 'labels: [unclosed\n' });
    await expect(loadPolicy(client, { owner: 'acme', repo: 'widgets' }, '.github/agentic.yml')).rejects.toThrow(
      /\.github\/agentic\.yml on trunk is not valid YAML/,
    );
    await gh?.close();
    const second = await repoWith({ '.github/agentic.yml': 'protected-paths: src/**\n' });
    await expect(loadPolicy(second.client, { owner: 'acme', repo: 'widgets' }, '.github/agentic.yml')).rejects.toThrow(
      '.github/agentic.yml: protected-paths is "src/**"; expected a list',
    );
    gh = second.emulator;
  });
});
