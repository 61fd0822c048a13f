import { describe, expect, it } from 'vitest';
import { toReviewFinding, scannerContext } from '../../src/ciso/deterministic-findings.js';
import { resolveScannerSettings, ignoreMatcher } from '../../src/ciso/policy.js';
import { addedByContent, collectScanInputs, type ChangedFile } from '../../src/ciso/scan-input.js';
import type { ScanFinding } from '../../src/scan/finding.js';

describe('collectScanInputs', () => {
  const contents: Record<string, string> = {
    'head:package.json': '{"dependencies":{"a":"1.0.0","b":"2.0.0"}}',
    'base:package.json': '{"dependencies":{"a":"1.0.0"}}',
    'head:.github/workflows/ci.yml': 'on: pull_request_target\njobs: {}\n',
    'head:big.txt': 'one\ntwo\nnew line\nthree\n',
    'base:big.txt': 'one\ntwo\nthree\n',
  };
  const reads: string[] = [];
  const read = async (path: string, ref: string) => {
    reads.push(`${ref}:${path}`);
    return contents[`${ref}:${path}`];
  };

  it('uses patches, reads workflow files and manifests whole, compares versions when there is no patch', async () => {
    const changed: ChangedFile[] = [
      { filename: 'src/a.ts', status: 'modified', patch: '@@ -1,1 +1,2 @@\n x\n+y' },
      { filename: '.github/workflows/ci.yml', status: 'added', patch: '@@ -0,0 +1,2 @@\n+on: pull_request_target\n+jobs: {}' },
      { filename: 'package.json', status: 'modified', patch: '@@ -1 +1 @@\n-{}\n+{}' },
      { filename: 'big.txt', status: 'modified' },
      { filename: 'image.png', status: 'added' },
      { filename: 'old.ts', status: 'removed', patch: '@@ -1 +0,0 @@\n-x' },
    ];
    const inputs = await collectScanInputs(changed, read, { base: 'base', head: 'head' });
    expect(inputs.files.map((file) => [file.path, file.added.map((line) => line.line)])).toEqual([
      ['src/a.ts', [2]],
      ['.github/workflows/ci.yml', [1, 2]],
      ['package.json', [1]],
      ['big.txt', [3]],
    ]);
    expect(inputs.files[1]?.content).toBe(contents['head:.github/workflows/ci.yml']);
    expect(inputs.manifests).toEqual([{ path: 'package.json', before: contents['base:package.json'], after: contents['head:package.json'] }]);
    expect(inputs.unscanned).toEqual([{ path: 'image.png', reason: expect.stringContaining('binary or too large') }]);
    expect(reads).not.toContain('base:old.ts');
  });

  it('counts repeated lines when comparing versions', () => {
    expect(addedByContent('a\nb\na\n', 'a\nb\na\na\nc\n')).toEqual([
      { line: 4, text: 'a' },
      { line: 5, text: 'c' },
    ]);
  });
});

describe('scanner settings', () => {
  it('defaults, and an input may only lengthen the minimum package age', () => {
    expect(resolveScannerSettings({}, {}).dependencyPolicy).toEqual({ minPackageAgeDays: 7, minWeeklyDownloads: 50, trustedPackages: [] });
    expect(resolveScannerSettings({ 'min-package-age-days': 14 }, { minPackageAgeDays: 3 }).dependencyPolicy.minPackageAgeDays).toBe(14);
    expect(resolveScannerSettings({ 'min-package-age-days': 14 }, { minPackageAgeDays: 30 }).dependencyPolicy.minPackageAgeDays).toBe(30);
  });

  it('takes registries, allowed lockfile hosts and ignored paths from the policy', () => {
    const settings = resolveScannerSettings(
      {
        registries: { npm: 'https://npm.acme.dev', pypi: 'https://pypi.acme.dev' },
        'registry-timeout-ms': 500,
        'allowed-registries': ['https://npm.acme.dev/'],
        'ignore-paths': ['fixtures/**'],
      },
      {},
    );
    expect(settings.registries).toEqual({ npmRegistryUrl: 'https://npm.acme.dev', pypiUrl: 'https://pypi.acme.dev', timeoutMs: 500 });
    expect(settings.allowedRegistries).toContain('https://npm.acme.dev/');
    expect(settings.allowedRegistries).toContain('https://registry.npmjs.org/');
    const ignored = ignoreMatcher(settings.ignoreGlobs);
    expect(ignored?.('fixtures/keys/a.pem')).toBe(true);
    expect(ignored?.('src/a.ts')).toBe(false);
    expect(ignoreMatcher([])).toBeUndefined();
  });
});

describe('deterministic findings for the review engine', () => {
  const scan: ScanFinding = {
    ruleId: 'secret/github-token',
    kind: 'secret',
    severity: 'critical',
    category: 'secret-leakage',
    title: 'GitHub token committed in a.ts',
    body: 'Line 3 adds `ghp_…[redacted]`.',
    path: 'a.ts',
    line: 3,
    snippet: 'const t = "ghp_…[redacted]";',
  };

  it('are certain, carry their rule, and become issues as well as comments', () => {
    expect(toReviewFinding(scan)).toMatchObject({
      origin: 'deterministic',
      ruleId: 'secret/github-token',
      file: 'a.ts',
      line: 3,
      confidence: 1,
      prSpecific: false,
      snippet: scan.snippet,
    });
    expect(toReviewFinding({ ...scan, line: 0 })).toMatchObject({ line: 1 });
    expect(toReviewFinding({ ...scan, line: 0 }).snippet).toBeUndefined();
  });

  it('are listed for the model so it does not repeat them', () => {
    expect(scannerContext([])).toBe('');
    expect(scannerContext([scan])).toContain('a.ts:3 [critical] secret/github-token');
  });
});
