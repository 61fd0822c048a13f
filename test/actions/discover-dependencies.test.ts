import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { startModelEmulator, type ModelEmulator } from '../../src/emulators/model/index.js';
import { startEcosystemsEmulator, startRegistryEmulator, type EcosystemsEmulator, type RegistryEmulator } from '../../src/emulators/registry/index.js';
import { NPM_ADVISORIES, NPM_PACKAGES, OSV_RECORDS } from '../discover/dependency-registry.js';
import { NOW, runDiscover, suggestionIssues } from '../discover/harness.js';

/** A checkout with package.json + package-lock.json (written by npm), requirements.txt and go.mod. */
function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'discover-deps-'));
  cpSync(join(import.meta.dirname, '..', 'fixtures', 'discover', 'dependencies'), dir, { recursive: true });
  return dir;
}

describe('bundled discover: the dependency watchdog', { timeout: 240_000 }, () => {
  let gh: GitHubEmulator;
  let npm: RegistryEmulator;
  let services: EcosystemsEmulator;
  let model: ModelEmulator;
  let inputs: Record<string, string>;
  const workspace = checkout();

  beforeAll(async () => {
    gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets', files: { 'README.md': '# widgets\n' } });
    gh.clock.set(NOW);
    npm = await startRegistryEmulator({ packages: NPM_PACKAGES, advisories: NPM_ADVISORIES, now: () => new Date(NOW) });
    npm.unpublish('left-pad', 'azer');
    services = await startEcosystemsEmulator({ osv: OSV_RECORDS });
    model = await startModelEmulator();
    inputs = {
      analysts: 'dependencies',
      'max-new-issues': '20',
      'npm-registry': npm.url,
      'osv-url': services.osvUrl,
      'openai-api-key': 'sk-test-key-for-the-emulator',
      'base-url': model.openaiBaseUrl,
    };
  }, 60_000);
  afterAll(async () => {
    await gh.close();
    await npm.close();
    await services.close();
    await model.close();
  });

  it('files advisories with their fix, deprecated, changed-hands, unpublished and far-behind packages, and calls no model', async () => {
    const run = await runDiscover(gh, inputs, { workspace });
    expect(run.exitCode, run.stderr + run.summary).toBe(0);
    expect(model.requests).toHaveLength(0);
    const issues = suggestionIssues(gh);
    const titles = issues.map((issue) => issue.title).sort();
    expect(titles).toEqual([
      '[Dependency] event-stream changed hands: 3.3.6 was published by right9ctrl',
      '[Dependency] express is 2 major versions behind (3.21.2 → 5.1.0)',
      '[Dependency] golang.org/x/net v0.0.0-20220526153639-5463443f8c37: Denial of service in net/http and golang.org/x/net/http2 (GO-2022-0969)',
      '[Dependency] left-pad was unpublished from the registry',
      '[Dependency] lodash 4.17.20: Command Injection in lodash (GHSA-35jh-r3h4-6jhm)',
      '[Dependency] qs 6.5.2: qs vulnerable to Prototype Pollution (GHSA-hrpp-h998-j3pp)',
      '[Dependency] request 2.88.2 is deprecated',
      '[Dependency] requests 2.28.0: Unintended leak of Proxy-Authorization header in requests (PYSEC-2023-74)',
    ]);
    const byTitle = (start: string) => issues.find((issue) => issue.title.startsWith(`[Dependency] ${start}`));
    const lodash = byTitle('lodash');
    expect(lodash?.labels).toEqual(['agent-suggestion', 'needs-approval', 'severity-high', 'source:dependencies']);
    expect(lodash?.body).toContain('[GHSA-35jh-r3h4-6jhm](https://github.com/advisories/GHSA-35jh-r3h4-6jhm)');
    expect(lodash?.body).toMatch(/\| Fixed in \| `4\.17\.21` \|/);
    expect(lodash?.body).toContain('Upgrade `lodash` to `4.17.21`.');
    expect(lodash?.body).toMatch(/<!-- agentic-workflow:suggestion \{.*"source":"discovery".*"category":"dependencies:vulnerable"/);
    // Indirect: named with the package that brings it in.
    expect(byTitle('qs')?.body).toMatch(/indirect, through `express`/);
    expect(byTitle('request')?.body).toContain('request has been deprecated, see https://github.com/request/request/issues/3142');
    expect(byTitle('request')?.labels).toContain('severity-medium');
    expect(byTitle('event-stream')?.body).toMatch(/Maintainers of the installed version \| `dominictarr`/);
    expect(byTitle('event-stream')?.labels).toContain('severity-high');
    expect(byTitle('express')?.body).toContain('[release notes](https://github.com/expressjs/express/releases)');
    expect(byTitle('express')?.labels).toContain('severity-low');
    expect(byTitle('left-pad')?.body).toMatch(/Unpublished \| 2026-12-06 by `azer`/);
    const requests = byTitle('requests 2.28.0');
    expect(requests?.body).toMatch(/\| Fixed in \| `2\.31\.0` \|/);
    expect(requests?.body).toContain('`CVE-2023-32681`');
    expect(requests?.labels).toContain('severity-medium');
    expect(byTitle('golang.org/x/net')?.body).toMatch(/Fixed in \| `v0\.0\.0-20220906165146-f3363e06e74c`/);
    // chalk is up to date and uuid/gunicorn have no advisory: nothing filed for them.
    expect(titles.some((title) => /chalk|uuid|gunicorn/.test(title))).toBe(false);
    expect(run.summary).toContain('npm audit: 2 advisories on 2 packages (1 more package affected through them).');
    expect(run.summary).toContain('1 Python requirement without a pinned version (==) not checked against OSV.');
    // npm audit asked the registry it was given, for the versions in the lockfile.
    expect(npm.requests.find((request) => request.path === '/-/npm/v1/security/advisories/bulk')?.body).toMatchObject({ lodash: ['4.17.20'], qs: ['6.5.2'] });
  });

  it('files nothing new when run again on the same data', async () => {
    const before = suggestionIssues(gh).length;
    const run = await runDiscover(gh, inputs, { workspace });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ 'issues-created': '0', known: String(before) });
    expect(suggestionIssues(gh)).toHaveLength(before);
  });

  it('a registry that cannot be reached leaves the night incomplete and files nothing half-checked as clean', async () => {
    const fresh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets', files: { 'README.md': '# widgets\n' } });
    try {
      npm.fail({ status: 503 });
      const run = await runDiscover(fresh, { ...inputs, 'osv-url': 'http://127.0.0.1:9/' }, { workspace });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.summary).toMatch(/### dependencies \(incomplete\)/);
      expect(run.summary).toMatch(/The npm registry .* could not be reached \(HTTP 503\)/);
      expect(run.summary).toMatch(/OSV at http:\/\/127\.0\.0\.1:9 could not be reached/);
      expect(run.summary).toMatch(/npm audit failed/);
      expect(suggestionIssues(fresh)).toHaveLength(0);
    } finally {
      await fresh.close();
    }
  });
});
