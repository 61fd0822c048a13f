import { describe, expect, it } from 'vitest';
import { diffDependencies } from '../../src/scan/deps/changes.js';
import { checkDependencies, DEFAULT_DEPENDENCY_POLICY, judgeRegistryAnswer } from '../../src/scan/deps/check-dependencies.js';
import type { DependencyChange } from '../../src/scan/deps/dependency.js';
import type { PackageRegistry, RegistryAnswer } from '../../src/scan/deps/registry.js';
import { findTyposquatTarget, maxEditsFor } from '../../src/scan/deps/typosquat.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();

/** An in-memory registry: the injected lookup the checks use in unit tests. */
function fakeRegistry(ecosystem: PackageRegistry['ecosystem'], packages: Record<string, RegistryAnswer>): PackageRegistry & { calls: string[] } {
  const calls: string[] = [];
  return {
    ecosystem,
    label: `fake-${ecosystem}`,
    calls,
    lookup: async (name, version) => {
      calls.push(`${name}@${version ?? ''}`);
      return packages[name] ?? { status: 'not-found' };
    },
  };
}

const old = (extra: Partial<{ weeklyDownloads: number; license: string; versionPublishedAt: string }> = {}): RegistryAnswer => ({
  status: 'found',
  facts: { createdAt: daysAgo(3000), version: '1.0.0', versionPublishedAt: daysAgo(400), weeklyDownloads: 2_000_000, ...extra },
});

describe('typosquat distance', () => {
  it('catches transpositions and one-letter changes of popular names, per ecosystem', () => {
    expect(findTyposquatTarget('npm', 'lodahs')).toEqual({ popular: 'lodash', distance: 2 });
    expect(findTyposquatTarget('npm', 'expresss')).toEqual({ popular: 'express', distance: 1 });
    expect(findTyposquatTarget('pypi', 'reqeusts')).toEqual({ popular: 'requests', distance: 2 });
    expect(findTyposquatTarget('go', 'github.com/sirupsen/logruz')).toEqual({ popular: 'github.com/sirupsen/logrus', distance: 1 });
  });

  it('passes the popular packages themselves, spelling variants PyPI treats as equal, and unrelated names', () => {
    for (const name of ['lodash', 'react', 'express', 'ws', 'chalk', 'JSONStream']) expect(findTyposquatTarget('npm', name), name).toBeUndefined();
    expect(findTyposquatTarget('pypi', 'Python_Dateutil')).toBeUndefined();
    expect(findTyposquatTarget('npm', 'acme-internal-billing-client')).toBeUndefined();
  });

  it('allows fewer edits for short names, where real names are dense', () => {
    expect([maxEditsFor(3), maxEditsFor(4), maxEditsFor(5), maxEditsFor(6)]).toEqual([0, 1, 1, 2]);
    expect(findTyposquatTarget('npm', 'qz')).toBeUndefined();
  });

  it('accepts names a repository declares as its own', () => {
    expect(findTyposquatTarget('npm', 'lodahs', ['lodahs'])).toBeUndefined();
  });
});

describe('judging what the registry said (pure)', () => {
  const change: DependencyChange = { ecosystem: 'npm', name: 'fresh-lib', spec: '^1.0.0', source: 'registry', line: 3, change: 'added', path: 'package.json' };

  it('an old, popular package passes', () => {
    expect(judgeRegistryAnswer(change, old(), NOW)).toEqual([]);
  });

  it('a package first published yesterday is too new; the reason names its age and the minimum', () => {
    const [finding] = judgeRegistryAnswer(change, { status: 'found', facts: { createdAt: daysAgo(1), version: '1.0.0', versionPublishedAt: daysAgo(1) } }, NOW);
    expect(finding).toMatchObject({ ruleId: 'dependency/too-new', severity: 'high', line: 3 });
    expect(finding?.body).toContain('1 day ago');
    expect(finding?.body).toContain('minimum age is 7 days');
  });

  it('a pinned version published yesterday of an old package is too new, at medium severity', () => {
    const pinned = { ...change, spec: '2.0.0', exactVersion: '2.0.0' };
    const answer: RegistryAnswer = {
      status: 'found',
      facts: { createdAt: daysAgo(900), version: '2.0.0', versionPublishedAt: daysAgo(1), weeklyDownloads: 10_000 },
    };
    expect(judgeRegistryAnswer(pinned, answer, NOW)).toEqual([expect.objectContaining({ ruleId: 'dependency/too-new', severity: 'medium' })]);
    expect(judgeRegistryAnswer(pinned, answer, NOW, { ...DEFAULT_DEPENDENCY_POLICY, minPackageAgeDays: 1 })).toEqual([]);
  });

  it('a missing package is critical, a missing version high, a rarely used package low, copyleft medium', () => {
    expect(judgeRegistryAnswer(change, { status: 'not-found' }, NOW)).toEqual([
      expect.objectContaining({ ruleId: 'dependency/not-found', severity: 'critical' }),
    ]);
    expect(judgeRegistryAnswer(change, { status: 'version-not-found', facts: { version: '9.9.9' } }, NOW)).toEqual([
      expect.objectContaining({ ruleId: 'dependency/version-not-found', severity: 'high' }),
    ]);
    expect(judgeRegistryAnswer(change, old({ weeklyDownloads: 3 }), NOW)).toEqual([
      expect.objectContaining({ ruleId: 'dependency/low-downloads', severity: 'low' }),
    ]);
    expect(judgeRegistryAnswer(change, old({ license: 'AGPL-3.0-only' }), NOW)).toEqual([
      expect.objectContaining({ ruleId: 'dependency/copyleft-license', severity: 'medium' }),
    ]);
    expect(judgeRegistryAnswer(change, old({ license: 'LGPL-2.1' }), NOW)).toEqual([]);
  });
});

describe('checkDependencies with an injected registry', () => {
  const pkg = (deps: Record<string, string>) => JSON.stringify({ dependencies: deps }, null, 2);

  it('flags a typosquat, a package that does not exist and one published yesterday with distinct reasons; a normal dependency passes', async () => {
    const npm = fakeRegistry('npm', {
      express: old(),
      react: old(),
      lodahs: { status: 'found', facts: { createdAt: daysAgo(400), version: '1.0.0', versionPublishedAt: daysAgo(400), weeklyDownloads: 120 } },
      'fresh-lib': { status: 'found', facts: { createdAt: daysAgo(1), version: '0.1.0', versionPublishedAt: daysAgo(1), weeklyDownloads: 60 } },
    });
    const diff = diffDependencies([
      {
        path: 'package.json',
        before: pkg({ express: '^4.19.0' }),
        after: pkg({ express: '^4.19.0', lodahs: '^1.0.0', 'totally-made-up-pkg-xyz': '^1.0.0', 'fresh-lib': '^0.1.0', react: '^19.0.0' }),
      },
    ]);
    const registry = { npm };
    const result = await checkDependencies(diff, registry, NOW);
    const byPackage = Object.fromEntries(result.findings.map((finding) => [finding.snippet, finding.ruleId]));
    expect(byPackage).toEqual({
      'npm:lodahs@^1.0.0': 'dependency/typosquat',
      'npm:totally-made-up-pkg-xyz@^1.0.0': 'dependency/not-found',
      'npm:fresh-lib@^0.1.0': 'dependency/too-new',
    });
    expect(new Set(result.findings.map((finding) => finding.ruleId)).size).toBe(3);
    expect(result.newDependencies).toEqual(['npm:lodahs@^1.0.0', 'npm:totally-made-up-pkg-xyz@^1.0.0', 'npm:fresh-lib@^0.1.0', 'npm:react@^19.0.0']);
    expect(result.complete).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('withdraws a typosquat suspicion when the registry shows an established package', async () => {
    const diff = diffDependencies([{ path: 'package.json', after: pkg({ lodahs: '^1.0.0' }) }]);
    const result = await checkDependencies(diff, { npm: fakeRegistry('npm', { lodahs: old() }) }, NOW);
    expect(result.findings).toEqual([]);
  });

  it('degrades to a warning when a registry is unreachable, keeps the registry-free checks, and says the check is incomplete', async () => {
    let lookups = 0;
    const unreachable: PackageRegistry = {
      ecosystem: 'pypi',
      label: 'pypi.org',
      lookup: async () => {
        lookups++;
        return { status: 'unreachable', reason: 'ENOTFOUND' };
      },
    };
    const diff = diffDependencies([{ path: 'requirements.txt', before: '', after: 'reqeusts==2.0.0\nflask==3.0.0\n' }]);
    const result = await checkDependencies(diff, { pypi: unreachable }, NOW);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['dependency/typosquat']);
    expect(result.warnings).toEqual([
      'pypi.org unreachable (ENOTFOUND); `reqeusts` was not checked for existence and age',
      'pypi.org unreachable (ENOTFOUND); `flask` was not checked for existence and age',
    ]);
    expect(result.complete).toBe(false);
    // Asked once: a registry that did not answer is not waited for again in the same run.
    expect(lookups).toBe(1);
  });

  it('looks each package up once, and never for sources outside the registry', async () => {
    const npm = fakeRegistry('npm', { lodash: old() });
    const diff = diffDependencies([
      { path: 'a/package.json', after: pkg({ lodash: '^4.17.21', fork: 'github:someone/fork' }) },
      { path: 'b/package.json', after: pkg({ lodash: '^4.17.21' }) },
    ]);
    const result = await checkDependencies(diff, { npm }, NOW);
    expect(npm.calls).toEqual(['lodash@']);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['dependency/non-registry-source']);
  });

  it('reports lockfile entries outside the registry and extra package indexes', async () => {
    const lock = JSON.stringify(
      { lockfileVersion: 3, packages: { 'node_modules/a': { version: '1.0.0', resolved: 'git+ssh://git@github.com/evil/a.git#deadbeef' } } },
      null,
      2,
    );
    const diff = diffDependencies([
      { path: 'package-lock.json', after: lock },
      { path: 'requirements.txt', before: '', after: '--extra-index-url https://pkgs.evil.dev/simple\n' },
    ]);
    const result = await checkDependencies(diff, {}, NOW);
    expect(result.findings.map((finding) => [finding.ruleId, finding.path, finding.line])).toEqual([
      ['dependency/lockfile-untrusted-source', 'package-lock.json', 6],
      ['dependency/extra-package-index', 'requirements.txt', 1],
    ]);
  });
});
