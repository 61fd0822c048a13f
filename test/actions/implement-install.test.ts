import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { startRegistryEmulator } from '../../src/emulators/registry/index.js';
import { fileAt, ISSUE, labelsOf, openScenario, pullsFor, redThenGreen, runImplement, sampleFiles, scriptAgent, stickyOf } from '../implement/scenario.js';

// Runner emulation on the bundled dist/implement.js: the sample shop, plus a dependency its tests import
// (a file: package with a real package-lock.json, so `npm ci` installs it without a network).
const INSTALL_REPO = resolve(import.meta.dirname, '..', 'fixtures', 'install-repo');

function installRepoFiles(overrides: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(INSTALL_REPO, path).split('\\').join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(INSTALL_REPO);
  return sampleFiles({ ...files, ...overrides });
}

function fileAtRef(gh: GitHubEmulator, ref: string, path: string): string | null {
  return fileAt(gh, ref.replace('refs/heads/', ''), path);
}

describe.concurrent('bundled implement installs the repository’s dependencies', { timeout: 180_000 }, () => {
  it('runs npm ci from package-lock.json before the tests, which pass only with the dependency installed', async () => {
    const { gh, model, workspace, close } = await openScenario(installRepoFiles());
    try {
      const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
      scriptAgent(model, { loop: redThenGreen() });
      const run = await runImplement({ gh, model, workspace });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect(run.outputs).toMatchObject({ status: 'opened', 'issue-number': String(issue.number) });
      expect(run.summary).toMatch(/Dependencies installed:\n {2}- `npm ci --no-audit --no-fund` \(package-lock\.json\): ok in \d+\.\d s/);
      // node_modules stays out of the pull request: only the two planned files changed.
      const pull = gh.state.issue(pullsFor(gh)[0]?.number ?? 0);
      expect(pull?.body).toContain('`src/format.js`');
      expect(pull?.body).not.toContain('node_modules');
      const toolResults = model.requests.filter((request) => request.toolNames.includes('run_tests')).map((request) => request.messages.at(-1)?.text ?? '');
      expect(toolResults.some((text) => /Tests passed/.test(text))).toBe(true);
    } finally {
      await close();
    }
  });

  it('control: with install-command none the same run cannot pass, because the tests import the dependency', async () => {
    const { gh, model, workspace, close } = await openScenario(installRepoFiles());
    try {
      gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
      scriptAgent(model, { loop: redThenGreen() });
      const run = await runImplement({ gh, model, workspace }, { inputs: { 'install-command': 'none', 'max-iterations': 2 } });
      expect(run.outputs.status).toBe('failed');
      expect(run.summary).toContain('Dependencies: nothing installed (install-command is "none")');
      expect(run.summary).toMatch(/tests still fail/);
    } finally {
      await close();
    }
  });

  it('a failing install ends as "dependencies could not be installed", with the install output, before any edit', async () => {
    const { gh, model, workspace, close } = await openScenario(installRepoFiles());
    try {
      const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
      const agent = scriptAgent(model, { loop: redThenGreen() });
      const run = await runImplement({ gh, model, workspace }, { inputs: { 'install-command': 'npm ci --no-audit --no-fund && node -e "process.exit(3)"' } });
      expect(run.exitCode).toBe(1);
      expect(run.outputs.status).toBe('failed');
      expect(agent.loopCalls()).toBe(0);
      expect(pullsFor(gh)).toEqual([]);
      expect(labelsOf(gh, issue.number)).toEqual(['agent:failed', 'roadmap']);
      const report = stickyOf(gh, issue.number) ?? '';
      expect(report).toContain('The agent could not finish: dependencies could not be installed');
      expect(report).toContain('exited with 3');
      expect(report).toContain('### Last install output');
      expect(report).not.toContain('tests still fail');
      expect(run.summary).toContain('**Dependencies could not be installed**');
    } finally {
      await close();
    }
  });

  it('a repository that does not ignore node_modules still gets a pull request without it', async () => {
    const { gh, model, workspace, close } = await openScenario(installRepoFiles({ '.gitignore': '' }));
    try {
      gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
      scriptAgent(model, { loop: redThenGreen() });
      const run = await runImplement({ gh, model, workspace });
      // Isolated, the install lands in the sandbox's copy and the PR opens; run in the checkout itself, the
      // install is refused (test/implement/install). Either way node_modules never reaches the branch.
      const branches = gh.state.git.listRefs('refs/heads/automated/');
      for (const { ref } of branches) expect(fileAtRef(gh, ref, 'node_modules/group-digits/index.js')).toBeNull();
      if (run.outputs.status === 'opened') expect(branches).toHaveLength(1);
      else expect(run.summary).toMatch(/the install changed files git tracks or does not ignore \(node_modules/);
    } finally {
      await close();
    }
  });

  it("installs from the runner's registry (npm_config_registry), as the janitor does", async () => {
    const registry = await startRegistryEmulator({
      packages: [{ name: 'acme-digits', versions: [{ version: '1.0.0', files: { 'index.js': 'module.exports = 1;\n' } }] }],
    });
    const { gh, model, workspace, close } = await openScenario(installRepoFiles());
    try {
      gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
      scriptAgent(model, { loop: redThenGreen() });
      // No lockfile names the registry: npm asks the one the environment configures.
      const install = 'npm ci --no-audit --no-fund && npm install --no-audit --no-fund --no-save acme-digits@1.0.0 && node -e "require(\'acme-digits\')"';
      // Two installs and the agent's test runs: more time than the default on a loaded machine.
      const run = await runImplement(
        { gh, model, workspace },
        { inputs: { 'install-command': install }, env: { npm_config_registry: registry.url }, timeoutMs: 300_000 },
      );
      expect(run.stderr).toBe('');
      expect(run.outputs.status).toBe('opened');
      expect(run.summary).toMatch(/Dependencies installed:\n {2}- `npm ci .*` \(install-command\): ok in/);
      expect(registry.requests.map((request) => request.path)).toContain('/acme-digits/-/acme-digits-1.0.0.tgz');
    } finally {
      await Promise.all([close(), registry.close()]);
    }
  });
});
