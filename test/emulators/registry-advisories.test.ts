import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEcosystemsEmulator, startRegistryEmulator, type EcosystemsEmulator, type RegistryEmulator } from '../../src/emulators/registry/index.js';

/**
 * What the dependency watchdog reads from the registries: npm audit's advisories (through the real npm
 * client), publishers and maintainers, unpublished packages, outages; PyPI, the Go proxy and OSV.
 */
const run = promisify(execFile);

async function npm(cwd: string, args: string[]): Promise<{ stdout: string; code: number }> {
  // Async: the emulator answers from this very process.
  try {
    const { stdout } = await run('npm', [...args, '--cache', join(cwd, '.npm-cache'), '--no-fund'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, npm_config_update_notifier: 'false' },
      maxBuffer: 8 << 20,
    });
    return { stdout, code: 0 };
  } catch (error) {
    const failed = error as { stdout?: string; code?: unknown };
    return { stdout: failed.stdout ?? '', code: typeof failed.code === 'number' ? failed.code : -1 };
  }
}

describe('npm registry emulator: advisories, maintainers, unpublished packages, outages', { timeout: 120_000 }, () => {
  let registry: RegistryEmulator;
  let dir: string;

  beforeAll(async () => {
    registry = await startRegistryEmulator({
      packages: [
        {
          name: 'lodash',
          maintainers: ['jdalton'],
          versions: [
            { version: '4.17.20', publishedAt: '2020-08-13T00:00:00.000Z' },
            { version: '4.17.21', publishedAt: '2021-02-20T00:00:00.000Z' },
          ],
        },
        {
          name: 'event-stream',
          maintainers: ['dominictarr'],
          versions: [
            { version: '3.3.5', publishedAt: '2018-01-01T00:00:00.000Z' },
            { version: '3.3.6', publishedAt: '2018-09-09T00:00:00.000Z', publisher: 'right9ctrl', maintainers: ['right9ctrl'] },
          ],
        },
        { name: 'gone', maintainers: ['someone'], versions: [{ version: '1.0.0', publishedAt: '2020-01-01T00:00:00.000Z' }] },
      ],
      advisories: [
        {
          id: 1_106_913,
          package: 'lodash',
          title: 'Command Injection in lodash',
          severity: 'high',
          vulnerableVersions: '<4.17.21',
          url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm',
          cwe: ['CWE-77', 'CWE-94'],
          cvss: { score: 7.2, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' },
        },
        {
          id: 1_000_001,
          package: 'lodash',
          title: 'Prototype pollution in an old lodash',
          severity: 'moderate',
          vulnerableVersions: '<4.0.0',
          url: 'https://github.com/advisories/GHSA-xxxx-0000-0001',
        },
      ],
    });
    dir = mkdtempSync(join(tmpdir(), 'registry-advisories-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'shop', version: '1.0.0', private: true, dependencies: { lodash: '4.17.20' } }, null, 2));
    writeFileSync(join(dir, '.npmrc'), `registry=${registry.url}\n`);
    expect((await npm(dir, ['install', '--no-audit', '--ignore-scripts'])).code).toBe(0);
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await registry.close();
  });

  it('answers npm audit through the bulk advisory endpoint (gzipped as npm sends it), only for the versions in range', async () => {
    const audit = await npm(dir, ['audit', '--json']);
    expect(audit.code).toBe(1);
    const report = JSON.parse(audit.stdout) as {
      auditReportVersion: number;
      vulnerabilities: Record<string, { severity: string; via: { source: number; url: string; range: string }[]; fixAvailable: unknown }>;
    };
    expect(report.auditReportVersion).toBe(2);
    expect(report.vulnerabilities.lodash).toMatchObject({
      severity: 'high',
      via: [{ source: 1_106_913, url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm', range: '<4.17.21' }],
      fixAvailable: { name: 'lodash', version: '4.17.21', isSemVerMajor: false },
    });
    // The moderate advisory covers <4.0.0 only: not reported.
    expect(report.vulnerabilities.lodash?.via).toHaveLength(1);
    expect(registry.requests.find((request) => request.path === '/-/npm/v1/security/advisories/bulk')?.body).toEqual({ lodash: ['4.17.20'] });
  });

  it('records who published each version and the maintainers at the time', async () => {
    const doc = (await (await fetch(`${registry.url}event-stream`)).json()) as {
      maintainers: { name: string }[];
      versions: Record<string, { _npmUser: { name: string }; maintainers: { name: string }[] }>;
    };
    expect(doc.versions['3.3.5']?._npmUser.name).toBe('dominictarr');
    expect(doc.versions['3.3.6']?._npmUser.name).toBe('right9ctrl');
    expect(doc.versions['3.3.6']?.maintainers.map((m) => m.name)).toEqual(['right9ctrl']);
    expect(doc.maintainers.map((m) => m.name)).toEqual(['dominictarr']);
  });

  it('keeps only the record of an unpublished package, and its tarballs are gone', async () => {
    registry.unpublish('gone', 'someone');
    const doc = (await (await fetch(`${registry.url}gone`)).json()) as { versions?: unknown; time: { unpublished: { name: string; versions: string[] } } };
    expect(doc.versions).toBeUndefined();
    expect(doc.time.unpublished).toMatchObject({ name: 'someone', versions: ['1.0.0'] });
    expect((await fetch(`${registry.url}gone/-/gone-1.0.0.tgz`)).status).toBe(404);
  });

  it('fails on demand, so clients can be tested against an outage', async () => {
    registry.fail({ path: /^\/lodash$/, status: 503, times: 1 });
    expect((await fetch(`${registry.url}lodash`)).status).toBe(503);
    expect((await fetch(`${registry.url}lodash`)).status).toBe(200);
  });
});

describe('ecosystems emulator: PyPI, the Go proxy and OSV', () => {
  let services: EcosystemsEmulator;

  beforeAll(async () => {
    services = await startEcosystemsEmulator({
      osv: [
        {
          id: 'PYSEC-2023-74',
          summary: 'Requests leaks Proxy-Authorization headers',
          modified: '2023-06-01T00:00:00Z',
          published: '2023-05-22T00:00:00Z',
          aliases: ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q'],
          affected: [
            { package: { ecosystem: 'PyPI', name: 'requests' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.3.0' }, { fixed: '2.31.0' }] }] },
          ],
        },
        {
          id: 'GO-2022-0969',
          summary: 'HTTP/2 server connections can hang forever waiting for a clean shutdown',
          modified: '2023-06-12T00:00:00Z',
          published: '2022-09-12T00:00:00Z',
          affected: [
            {
              package: { ecosystem: 'Go', name: 'golang.org/x/net' },
              ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.0.0-20220906165146-f3363e06e74c' }] }],
            },
          ],
        },
      ],
      pypi: [
        {
          name: 'Requests',
          releases: [
            { version: '2.28.0', uploadedAt: '2022-06-29T00:00:00Z' },
            { version: '2.31.0', uploadedAt: '2023-05-22T00:00:00Z' },
            { version: '2.32.0', uploadedAt: '2024-05-20T00:00:00Z', yanked: 'conflicts with the CVE fix' },
          ],
        },
      ],
      go: [
        {
          path: 'github.com/pkg/errors',
          versions: [
            { version: 'v0.8.1', time: '2019-01-03T00:00:00Z' },
            { version: 'v0.9.1', time: '2020-01-14T00:00:00Z' },
          ],
          deprecated: 'use the standard library errors package',
        },
      ],
    });
  });
  afterAll(() => services.close());

  it('answers PyPI JSON with the latest release that is not yanked, under any spelling of the name', async () => {
    const doc = (await (await fetch(`${services.pypiUrl}/pypi/requests/json`)).json()) as {
      info: { version: string };
      releases: Record<string, { yanked: boolean; yanked_reason: string | null }[]>;
    };
    expect(doc.info.version).toBe('2.31.0');
    expect(doc.releases['2.32.0']?.[0]).toMatchObject({ yanked: true, yanked_reason: 'conflicts with the CVE fix' });
    expect((await fetch(`${services.pypiUrl}/pypi/no-such-project/json`)).status).toBe(404);
  });

  it('answers the Go proxy protocol, with the Deprecated comment in the latest go.mod', async () => {
    expect(await (await fetch(`${services.goProxyUrl}/github.com/pkg/errors/@v/list`)).text()).toBe('v0.8.1\nv0.9.1\n');
    expect(await (await fetch(`${services.goProxyUrl}/github.com/pkg/errors/@latest`)).json()).toEqual({ Version: 'v0.9.1', Time: '2020-01-14T00:00:00Z' });
    expect(await (await fetch(`${services.goProxyUrl}/github.com/pkg/errors/@v/v0.9.1.mod`)).text()).toMatch(
      /^\/\/ Deprecated: use the standard library errors package\nmodule github.com\/pkg\/errors/,
    );
    expect(await (await fetch(`${services.goProxyUrl}/github.com/pkg/errors/@v/v0.8.1.mod`)).text()).not.toContain('Deprecated');
  });

  it('answers OSV batch queries by range: affected from introduced up to the fix, not after', async () => {
    const post = async (body: unknown) => (await fetch(`${services.osvUrl}/v1/querybatch`, { method: 'POST', body: JSON.stringify(body) })).json();
    const pkg = { ecosystem: 'PyPI', name: 'requests' };
    expect(
      await post({
        queries: [
          { package: pkg, version: '2.28.0' },
          { package: pkg, version: '2.31.0' },
          { package: pkg, version: '2.2.0' },
        ],
      }),
    ).toEqual({
      results: [{ vulns: [{ id: 'PYSEC-2023-74', modified: '2023-06-01T00:00:00Z' }] }, {}, {}],
    });
    expect(await post({ queries: [{ package: { ecosystem: 'Go', name: 'golang.org/x/net' }, version: 'v0.0.0-20220526153639-5463443f8c37' }] })).toMatchObject({
      results: [{ vulns: [{ id: 'GO-2022-0969' }] }],
    });
    const record = (await (await fetch(`${services.osvUrl}/v1/vulns/PYSEC-2023-74`)).json()) as { aliases: string[] };
    expect(record.aliases).toContain('CVE-2023-32681');
    expect((await fetch(`${services.osvUrl}/v1/vulns/NOPE-1`)).status).toBe(404);
  });
});
