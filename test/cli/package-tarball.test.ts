import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST } from '../harness/runner.js';

const ROOT = join(DIST, '..');

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  files?: string[];
};

/**
 * The package as it would be published: `npm pack`, then `npx ./<tarball>` in an empty folder, offline and with
 * an empty npm cache, so nothing can come from this checkout or from a registry. npx needs the `./`: a bare path
 * would be run as a command.
 */
describe('the packed package', () => {
  let dir: string;
  let tarball: string;
  const env = (): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH ?? '',
    HOME: dir,
    npm_config_cache: join(dir, 'cache'),
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'agentic-pack-'));
    const { stdout } = await run('npm', ['pack', '--pack-destination', dir, '--silent'], {
      cwd: ROOT,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    tarball = join(dir, stdout.trim().split('\n').pop() ?? '');
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('can be published and installs nothing: dist/ bundles every library it runs', () => {
    expect(pkg.private).toBeUndefined();
    // A runtime dependency would make `npx` fetch it from a registry; dist/ already contains it.
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(tarball).toBe(join(dir, `${pkg.name}-${pkg.version}.tgz`));
  });

  it('runs agentic --version from the tarball with npx, offline', async () => {
    const { stdout } = await run('npx', ['--yes', `./${basename(tarball)}`, '--version'], { cwd: dir, env: env() });
    expect(stdout.trim()).toBe(pkg.version);
  }, 120_000);

  it('ships the templates next to dist/, so init works from the tarball', async () => {
    const target = join(dir, 'project');
    mkdirSync(target);
    const { stdout } = await run('npx', ['--yes', `./${basename(tarball)}`, 'init', '--dir', target], { cwd: dir, env: env() });
    expect(stdout).toMatch(/wrote\s+\.github\/workflows\/agentic\.yml/);
    expect(existsSync(join(target, '.github', 'agentic.yml'))).toBe(true);
  }, 120_000);
});
