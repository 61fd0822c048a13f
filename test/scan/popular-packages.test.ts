import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript script without type declarations
import { ALWAYS_LISTED, readList } from '../../scripts/popular-packages.js';
import { POPULAR_GO } from '../../src/scan/deps/popular/go.js';
import { POPULAR_NPM } from '../../src/scan/deps/popular/npm.js';
import { POPULAR_PYPI } from '../../src/scan/deps/popular/pypi.js';
import { findTyposquatTarget } from '../../src/scan/deps/typosquat.js';

const SCRIPT = join(import.meta.dirname, '../../scripts/popular-packages.js');
const dir = mkdtempSync(join(tmpdir(), 'popular-packages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the script on a local file in its source's format and loads the list it wrote, as the scanner would. */
async function generate(ecosystem: string, input: unknown, extra: string[] = []): Promise<{ names: string[]; text: string }> {
  const from = join(dir, `${ecosystem}-${Math.random().toString(36).slice(2)}.json`);
  const out = from.replace(/\.json$/, '.ts');
  writeFileSync(from, JSON.stringify(input));
  execFileSync('node', [SCRIPT, ecosystem, '--from', from, '--out', out, '--date', '2026-12-01', ...extra], { stdio: 'pipe' });
  const constant = { npm: 'POPULAR_NPM', pypi: 'POPULAR_PYPI', go: 'POPULAR_GO' }[ecosystem]!;
  const module = (await import(/* @vite-ignore */ pathToFileURL(out).href)) as Record<string, string[]>;
  return { names: module[constant]!, text: readFileSync(out, 'utf8') };
}

describe('popular-package lists from the registries’ public data', () => {
  it('ranks the download-counts object by downloads, drops the inflated application, keeps the well-known names after the ranked ones', async () => {
    const counts = { 'left-pad': 5, lodash: 300, semver: 900, 'telecom-mas-agent': 800, '@types/node': 500, JSONStream: 40 };
    const { names, text } = await generate('npm', counts, ['--dataset', 'download-counts 2.20260301.0']);
    expect(names.slice(0, 5)).toEqual(['semver', '@types/node', 'lodash', 'JSONStream', 'left-pad']);
    expect(names).not.toContain('telecom-mas-agent');
    // left-pad is ranked here, so it is not listed a second time among the well-known names.
    expect(names.slice(5)).toEqual(ALWAYS_LISTED.npm.filter((name: string) => name !== 'left-pad'));
    expect(text).toContain('Source: download-counts 2.20260301.0, ');
    expect(text).toContain('Generated 2026-12-01 by scripts/popular-packages.js');
  });

  it('reads the downloads API answers (a bulk answer and a scoped package’s single answer) and names their period', async () => {
    const bulk = {
      chalk: { downloads: 70, start: '2026-11-01', end: '2026-11-30', package: 'chalk' },
      debug: { downloads: 90, start: '2026-11-01', end: '2026-11-30', package: 'debug' },
      'no-such-package': null,
    };
    const scoped = { downloads: 80, start: '2026-11-01', end: '2026-11-30', package: '@babel/core' };
    const { names, text } = await generate('npm', [bulk, scoped]);
    expect(names.slice(0, 3)).toEqual(['debug', '@babel/core', 'chalk']);
    expect(text).toContain('(2026-11-01 to 2026-11-30)');
  });

  it('reads the Top PyPI Packages JSON, normalising names as PEP 503 does and dating the list by its last update', async () => {
    const top = {
      last_update: '2026-04-01 06:34:06',
      rows: [
        { download_count: 30, project: 'requests' },
        { download_count: 50, project: 'boto3' },
        { download_count: 10, project: 'Zope.Interface' },
        { download_count: 9, project: 'zope_interface' },
      ],
    };
    const { names, text } = await generate('pypi', top);
    expect(names).toEqual(['boto3', 'requests', 'zope-interface']);
    expect(text).toContain("hugovk's Top PyPI Packages");
    expect(text).toContain('(30 days to 2026-04-01)');
  });

  it('ranks Go modules by deps.dev’s count of their dependents', async () => {
    const answers = {
      'github.com/sirupsen/logrus': { dependentCount: 120, directDependentCount: 40, indirectDependentCount: 80 },
      'github.com/stretchr/testify': { dependentCount: 300, directDependentCount: 200, indirectDependentCount: 100 },
    };
    const { names } = await generate('go', answers);
    expect(names).toEqual(['github.com/stretchr/testify', 'github.com/sirupsen/logrus']);
  });

  it('refuses input in another format with one line, and writes nothing', () => {
    const from = join(dir, 'wrong.json');
    const out = join(dir, 'wrong.ts');
    writeFileSync(from, JSON.stringify({ projects: ['boto3'] }));
    const run = spawnSync('node', [SCRIPT, 'pypi', '--from', from, '--out', out], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('popular-packages: PyPI input must be the Top PyPI Packages JSON (an object with "rows")');
    expect(() => readFileSync(out)).toThrow();
  });

  it('the committed lists are what the scanner loads: the script reads back the same names, each header names its source and date', () => {
    const committed = { npm: POPULAR_NPM, pypi: POPULAR_PYPI, go: POPULAR_GO };
    for (const [ecosystem, names] of Object.entries(committed)) {
      const text = readFileSync(join(import.meta.dirname, `../../src/scan/deps/popular/${ecosystem}.ts`), 'utf8');
      expect(readList(text), ecosystem).toEqual(names);
      expect(text, ecosystem).toMatch(/Source: .+/);
      expect(text, ecosystem).toMatch(/20\d\d-\d\d-\d\d/);
      expect(text, ecosystem).toContain('scripts/popular-packages.js');
    }
    expect(POPULAR_NPM).not.toContain('telecom-mas-agent');
    expect(findTyposquatTarget('npm', 'lodahs')).toEqual({ popular: 'lodash', distance: 2 });
    expect(findTyposquatTarget('pypi', 'reqeusts')).toEqual({ popular: 'requests', distance: 2 });
  });
});
