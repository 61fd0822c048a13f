import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTarball, startRegistryEmulator, tarballDigests, type RegistryEmulator } from '../../src/emulators/registry/index.js';

// The real npm client against the emulator: what it installs, how it checks tarballs, what outdated reports.
const run = promisify(execFile);

function npm(cwd: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  // Async: the emulator answers from this very process. Its own cache, so no run reuses another's documents.
  return run('npm', [...args, '--no-audit', '--no-fund', '--cache', join(cwd, '.npm-cache'), '--prefer-online'], {
    cwd,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
}

describe('npm registry emulator', { timeout: 120_000 }, () => {
  let registry: RegistryEmulator;
  let dir: string;

  beforeAll(async () => {
    registry = await startRegistryEmulator({
      packages: [
        {
          name: 'left-pad',
          repository: 'https://github.com/acme/left-pad',
          weeklyDownloads: 1234,
          versions: [{ version: '1.0.0' }, { version: '1.1.0' }, { version: '2.0.0' }],
        },
        {
          name: '@acme/util',
          versions: [{ version: '0.3.0', dependencies: { 'left-pad': '^1.0.0' }, files: { 'index.js': 'module.exports = require("left-pad");\n' } }],
        },
      ],
    });
    dir = mkdtempSync(join(tmpdir(), 'registry-emulator-'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { 'left-pad': '~1.0.0', '@acme/util': '^0.3.0' } }, null, 2),
    );
    writeFileSync(join(dir, '.npmrc'), `registry=${registry.url}\n`);
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await registry.close();
  });

  it('serves what npm installs: abbreviated documents, tarballs whose integrity npm checks, scoped names', async () => {
    await npm(dir, ['install']);
    expect(readFileSync(join(dir, 'node_modules', 'left-pad', 'index.js'), 'utf8')).toBe('module.exports = "1.0.0";\n');
    expect(readFileSync(join(dir, 'node_modules', '@acme', 'util', 'index.js'), 'utf8')).toContain('require("left-pad")');
    const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string; integrity: string }> };
    expect(lock.packages['node_modules/left-pad']).toMatchObject({ version: '1.0.0' });
    expect(registry.requests.map((request) => request.path)).toContain('/left-pad/-/left-pad-1.0.0.tgz');
    expect(lock.packages['node_modules/left-pad']?.integrity).toMatch(/^sha512-/);
    expect(registry.requests.some((request) => request.path === '/@acme%2futil')).toBe(true);
  });

  it('npm outdated sees the wanted version within the range and the latest beyond it', async () => {
    const outdated = await npm(dir, ['outdated', '--json']).catch((error: { stdout: string }) => error); // exit 1 when something is outdated
    const report = JSON.parse(outdated.stdout) as Record<string, { current: string; wanted: string; latest: string }>;
    expect(report['left-pad']).toMatchObject({ current: '1.0.0', wanted: '1.0.0', latest: '2.0.0' });
    expect(report['@acme/util']).toBeUndefined();
  });

  it('a version published later is seen on the next request; published versions never change', async () => {
    registry.publish({ name: 'left-pad', versions: [{ version: '1.0.1' }] });
    const outdated = await npm(dir, ['outdated', '--json']).catch((error: { stdout: string }) => error);
    expect((JSON.parse(outdated.stdout) as Record<string, { wanted: string }>)['left-pad']?.wanted).toBe('1.0.1');
    expect(() => registry.publish({ name: 'left-pad', versions: [{ version: '1.0.1' }] })).toThrow(/already published/);
  });

  it('a tampered tarball is refused by npm (EINTEGRITY): the digests are the real ones', async () => {
    const lockPath = join(dir, 'package-lock.json');
    const lock = readFileSync(lockPath, 'utf8');
    const wrong = tarballDigests(buildTarball({ 'index.js': 'other' })).integrity;
    writeFileSync(lockPath, lock.replace(/"integrity": "sha512-[^"]+"/, `"integrity": "${wrong}"`));
    rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
    rmSync(join(dir, '.npm-cache'), { recursive: true, force: true });
    await expect(npm(dir, ['ci'])).rejects.toMatchObject({ stderr: expect.stringMatching(/EINTEGRITY|integrity/) as unknown });
    writeFileSync(lockPath, lock);
    await npm(dir, ['ci']);
  });

  it('full documents carry times, repository and dist; downloads and unknown names answer like the registry', async () => {
    const full = (await (await fetch(`${registry.url}left-pad`)).json()) as {
      time: Record<string, string>;
      repository: { url: string };
      versions: Record<string, { dist: { shasum: string } }>;
      'dist-tags': { latest: string };
    };
    expect(full['dist-tags'].latest).toBe('2.0.0');
    expect(Object.keys(full.time)).toEqual(expect.arrayContaining(['created', 'modified', '1.0.0', '2.0.0']));
    expect(full.repository.url).toBe('git+https://github.com/acme/left-pad.git');
    expect(full.versions['1.0.0']?.dist.shasum).toMatch(/^[0-9a-f]{40}$/);
    expect(await (await fetch(`${registry.url}downloads/point/last-week/left-pad`)).json()).toMatchObject({ downloads: 1234 });
    const abbreviated = await fetch(`${registry.url}left-pad`, { headers: { accept: 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8' } });
    expect(abbreviated.headers.get('content-type')).toBe('application/vnd.npm.install-v1+json');
    const small = (await abbreviated.json()) as Record<string, unknown> & { versions: Record<string, Record<string, unknown>> };
    expect(small.time).toBeUndefined();
    expect(Object.keys(small.versions['1.0.0'] ?? {}).sort()).toEqual(['dist', 'name', 'version']);
    const missing = await fetch(`${registry.url}no-such-package`);
    expect(missing.status).toBe(404);
  });

  it('tarballs are gzipped ustar archives under package/, the same bytes for the same files', () => {
    const tarball = buildTarball({ 'index.js': 'x' });
    expect(tarball.equals(buildTarball({ 'index.js': 'x' }))).toBe(true);
    const raw = gunzipSync(tarball);
    expect(raw.subarray(0, 16).toString('utf8').replace(/\0+$/, '')).toBe('package/index.js');
    expect(raw.subarray(257, 262).toString('ascii')).toBe('ustar');
  });
});
