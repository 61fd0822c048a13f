import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEcosystemsEmulator, type EcosystemsEmulator } from '../../src/emulators/registry/index.js';

const run = promisify(execFile);

async function available(command: string, args: string[]): Promise<boolean> {
  return run(command, args).then(
    () => true,
    () => false,
  );
}

const hasVenv = await available('python3', ['-c', 'import venv, ensurepip']);
const hasGo = await available('go', ['version']);

// The real pip and go commands against the emulator: a simple index with wheels built in memory, a Go module
// proxy serving .info, .mod and .zip. Skipped, and said so, where python3 with venv or go is missing.
describe('the Python index and the Go module proxy, used by the real tools', () => {
  let emulator: EcosystemsEmulator;
  let dir: string;
  beforeAll(async () => {
    emulator = await startEcosystemsEmulator({
      pypi: [
        {
          name: 'acme-tally',
          releases: [
            { version: '1.0.0', uploadedAt: '2026-11-01T00:00:00Z', files: { 'acme_tally/__init__.py': 'def total(items):\n    return sum(items)\n' } },
            { version: '1.1.0', uploadedAt: '2026-12-01T00:00:00Z', files: { 'acme_tally/__init__.py': 'def total(items):\n    return sum(list(items))\n' } },
          ],
        },
      ],
      go: [
        {
          path: 'example.com/greet',
          versions: [
            {
              version: 'v1.0.0',
              time: '2026-11-01T00:00:00Z',
              files: { 'go.mod': 'module example.com/greet\n\ngo 1.19\n', 'greet.go': 'package greet\n\nfunc Hello() string { return "hello" }\n' },
            },
          ],
        },
      ],
    });
    dir = mkdtempSync(join(tmpdir(), 'ecosystems-tools-'));
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the PEP 503 page and the PEP 691 JSON page of a project', async () => {
    const html = await (await fetch(`${emulator.pypiIndexUrl}/Acme_Tally/`)).text();
    expect(html).toMatch(/<a href="[^"]+\/acme_tally-1\.1\.0-py3-none-any\.whl#sha256=[0-9a-f]{64}">/);
    const json = (await (await fetch(`${emulator.pypiIndexUrl}/acme-tally/`, { headers: { accept: 'application/vnd.pypi.simple.v1+json' } })).json()) as {
      files: Array<{ filename: string }>;
    };
    expect(json.files.map((file) => file.filename)).toEqual(['acme_tally-1.0.0-py3-none-any.whl', 'acme_tally-1.1.0-py3-none-any.whl']);
    expect((await fetch(`${emulator.pypiIndexUrl}/left-pad/`)).status).toBe(404);
  });

  it.skipIf(!hasVenv)('pip resolves the newest version and installs a pinned wheel into a virtual environment', { timeout: 120_000 }, async () => {
    const env = { ...process.env, PIP_INDEX_URL: emulator.pypiIndexUrl, PIP_CONFIG_FILE: '/dev/null', PIP_NO_INPUT: '1' };
    const report = await run('python3', ['-m', 'pip', 'install', '--dry-run', '--ignore-installed', '--no-deps', '--quiet', '--report', '-', 'acme-tally'], {
      env,
    });
    expect(JSON.parse(report.stdout).install[0].metadata).toMatchObject({ name: 'acme-tally', version: '1.1.0' });
    await run('python3', ['-m', 'venv', join(dir, 'venv')]);
    await run(join(dir, 'venv', 'bin', 'pip'), ['install', '--quiet', 'acme-tally==1.0.0'], { env });
    const out = await run(join(dir, 'venv', 'bin', 'python'), ['-c', 'import acme_tally; print(acme_tally.total([1, 2]))']);
    expect(out.stdout.trim()).toBe('3');
  });

  it.skipIf(!hasGo)('go downloads a module from the proxy and lists its update once a newer version is published', { timeout: 120_000 }, async () => {
    const module = join(dir, 'shop');
    mkdirSync(module, { recursive: true });
    writeFileSync(join(module, 'go.mod'), 'module example.com/shop\n\ngo 1.19\n\nrequire example.com/greet v1.0.0\n');
    writeFileSync(join(module, 'shop.go'), 'package shop\n\nimport "example.com/greet"\n\nfunc Greeting() string { return greet.Hello() }\n');
    const env = {
      ...process.env,
      GOPROXY: emulator.goProxyUrl,
      GOSUMDB: 'off',
      GOFLAGS: '-mod=mod',
      GOPATH: join(dir, 'gopath'),
      GOCACHE: join(dir, 'gocache'),
    };
    await run('go', ['mod', 'tidy'], { cwd: module, env });
    expect(readFileSync(join(module, 'go.sum'), 'utf8')).toMatch(/^example\.com\/greet v1\.0\.0 h1:/m);
    await run('go', ['build', './...'], { cwd: module, env });
    emulator.go.get('example.com/greet')?.versions.push({
      version: 'v1.1.0',
      time: '2026-12-01T00:00:00Z',
      files: { 'go.mod': 'module example.com/greet\n\ngo 1.19\n', 'greet.go': 'package greet\n\nfunc Hello() string { return "hello!" }\n' },
    });
    const listed = await run('go', ['list', '-m', '-u', '-json', 'example.com/greet'], { cwd: module, env });
    expect(JSON.parse(listed.stdout)).toMatchObject({ Path: 'example.com/greet', Version: 'v1.0.0', Update: { Version: 'v1.1.0' } });
    await run('chmod', ['-R', 'u+w', join(dir, 'gopath')]);
  });
});
