import { describe, expect, it } from 'vitest';
import { diffDependencies } from '../../src/scan/deps/changes.js';
import { parseGoMod } from '../../src/scan/deps/manifest-go.js';
import { parsePackageJson, parsePackageLock, parseYarnLock } from '../../src/scan/deps/manifest-npm.js';
import { parsePyproject, parseRequirements } from '../../src/scan/deps/manifest-python.js';

const pkg = (deps: Record<string, string>, dev: Record<string, string> = {}) =>
  JSON.stringify({ name: 'app', version: '1.0.0', dependencies: deps, devDependencies: dev }, null, 2);

describe('package.json', () => {
  it('reads every section with line numbers, aliases and sources', () => {
    const text = pkg(
      { lodash: '^4.17.21', mine: 'npm:@acme/real@^2.0.0', fork: 'github:someone/fork#main', tar: 'https://example.com/x.tgz', local: 'file:../local' },
      { vitest: '4.1.0' },
    );
    const { dependencies } = parsePackageJson(text);
    expect(dependencies).toEqual([
      { ecosystem: 'npm', name: 'lodash', spec: '^4.17.21', source: 'registry', line: 5 },
      { ecosystem: 'npm', name: '@acme/real', spec: '^2.0.0', source: 'registry', line: 6, alias: 'mine' },
      { ecosystem: 'npm', name: 'fork', spec: 'github:someone/fork#main', source: 'git', line: 7 },
      { ecosystem: 'npm', name: 'tar', spec: 'https://example.com/x.tgz', source: 'url', line: 8 },
      { ecosystem: 'npm', name: 'local', spec: 'file:../local', source: 'local', line: 9 },
      { ecosystem: 'npm', name: 'vitest', spec: '4.1.0', source: 'registry', line: 12 },
    ]);
  });

  it('reports a file that is not JSON instead of guessing', () => {
    expect(parsePackageJson('{ "dependencies": ').error).toMatch(/not valid JSON/);
  });
});

describe('lockfiles', () => {
  it('reads package-lock v3 packages and v1 nested dependencies', () => {
    const v3 = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': { name: 'app' },
        'node_modules/a': { version: '1.0.0', resolved: 'https://registry.npmjs.org/a/-/a-1.0.0.tgz' },
        'node_modules/a/node_modules/b': { version: '2.0.0' },
        'node_modules/w': { link: true },
      },
    });
    expect([...(parsePackageLock(v3)?.values() ?? [])].map((entry) => `${entry.name}@${entry.version}`)).toEqual(['a@1.0.0', 'b@2.0.0']);
    const v1 = JSON.stringify({
      lockfileVersion: 1,
      dependencies: { a: { version: '1.0.0', dependencies: { b: { version: '2.0.0', resolved: 'git+ssh://git@github.com/x/b.git#abc' } } } },
    });
    expect([...(parsePackageLock(v1)?.entries() ?? [])].map(([key, entry]) => `${key}=${entry.resolved ?? ''}`)).toEqual([
      'node_modules/a=',
      'node_modules/a/node_modules/b=git+ssh://git@github.com/x/b.git#abc',
    ]);
  });

  it('reads yarn.lock v1 blocks', () => {
    const text =
      '# yarn lockfile v1\n\n"@babel/core@^7.0.0", "@babel/core@^7.1.0":\n  version "7.2.0"\n  resolved "https://registry.yarnpkg.com/@babel/core/-/core-7.2.0.tgz#abc"\n';
    expect([...parseYarnLock(text).values()]).toEqual([
      { name: '@babel/core', version: '7.2.0', resolved: 'https://registry.yarnpkg.com/@babel/core/-/core-7.2.0.tgz#abc' },
    ]);
  });
});

describe('Python manifests', () => {
  it('reads requirements with pins, extras, markers, URLs, editables and index options', () => {
    const text = [
      '# deps',
      'requests[socks]==2.31.0 ; python_version > "3.8"',
      'flask>=3',
      '-r base.txt',
      '--extra-index-url https://pypi.acme.dev/simple',
      'mylib @ git+https://github.com/acme/mylib@v1',
      '-e git+https://github.com/acme/other#egg=other',
      '',
    ].join('\n');
    const parsed = parseRequirements(text);
    expect(parsed.dependencies.map((d) => [d.name, d.spec, d.source, d.line])).toEqual([
      ['requests', '==2.31.0', 'registry', 2],
      ['flask', '>=3', 'registry', 3],
      ['mylib', 'git+https://github.com/acme/mylib@v1', 'git', 6],
      ['other', 'git+https://github.com/acme/other#egg=other', 'git', 7],
    ]);
    expect(parsed.indexes).toEqual([{ url: 'https://pypi.acme.dev/simple', line: 5 }]);
  });

  it('reads PEP 621 arrays and Poetry tables from pyproject.toml', () => {
    const text = [
      '[project]',
      'name = "app"',
      'dependencies = [',
      '  "httpx>=0.27",',
      "  'pydantic==2.7.0',",
      ']',
      '[project.optional-dependencies]',
      'dev = ["pytest>=8"]',
      '[tool.poetry.dependencies]',
      'python = "^3.11"',
      'rich = "13.7.1"',
      'private = { git = "https://github.com/acme/private.git", rev = "abc" }',
      '',
    ].join('\n');
    expect(parsePyproject(text).dependencies.map((d) => [d.name, d.spec, d.source, d.line])).toEqual([
      ['httpx', '>=0.27', 'registry', 4],
      ['pydantic', '==2.7.0', 'registry', 5],
      ['pytest', '>=8', 'registry', 8],
      ['rich', '==13.7.1', 'registry', 11],
      ['private', 'https://github.com/acme/private.git', 'git', 12],
    ]);
  });
});

describe('pyproject.toml read by a TOML parser', () => {
  it('reads forms a line reader misses: multi-line arrays with comments, Poetry groups and constraint lists, build requirements', () => {
    const text = [
      '[build-system]',
      'requires = ["hatchling>=1.20"]',
      '[project]',
      'name = "app"',
      'dependencies = [\'httpx>=0.27\', # a comment with "quotes" and ]',
      '  "attrs"]',
      '[tool.poetry.group.docs.dependencies]',
      'mkdocs = [{ version = "^1.5", python = ">=3.8" }, { version = "^1.4", python = "<3.8" }]',
      '[tool.poetry.dependencies.local-lib]',
      'path = "../lib"',
    ].join('\n');
    expect(parsePyproject(text).dependencies.map((d) => [d.name, d.spec, d.source, d.line])).toEqual([
      ['hatchling', '>=1.20', 'registry', 2],
      ['httpx', '>=0.27', 'registry', 5],
      ['attrs', '', 'registry', 6],
      ['mkdocs', '^1.5', 'registry', 8],
      ['local-lib', '../lib', 'local', 9],
    ]);
  });

  it('a malformed file is a problem naming the file and the line, and declares nothing', () => {
    const broken = '[project]\nname = "app"\ndependencies = [\n  "requests"\n  "rich"\n]\n';
    expect(parsePyproject(broken)).toEqual({ dependencies: [], error: 'not valid TOML (line 5, column 3: expected comma or end of structure)' });
    const diff = diffDependencies([{ path: 'services/api/pyproject.toml', before: '[project]\ndependencies = []\n', after: broken }]);
    expect(diff.problems).toEqual([{ path: 'services/api/pyproject.toml', message: 'not valid TOML (line 5, column 3: expected comma or end of structure)' }]);
    expect(diff.changes).toEqual([]);
  });
});

describe('go.mod', () => {
  it('reads require lines and blocks, and module replacements but not local ones', () => {
    const text = [
      'module example.com/app',
      '',
      'go 1.22',
      '',
      'require github.com/pkg/errors v0.9.1',
      'require (',
      '\tgithub.com/gin-gonic/gin v1.10.0',
      '\tgolang.org/x/text v0.14.0 // indirect',
      ')',
      'replace github.com/a/b => github.com/evil/b v1.0.0',
      'replace github.com/c/d => ../d',
      '',
    ].join('\n');
    expect(parseGoMod(text).dependencies.map((d) => [d.name, d.spec, d.line])).toEqual([
      ['github.com/pkg/errors', 'v0.9.1', 5],
      ['github.com/gin-gonic/gin', 'v1.10.0', 7],
      ['golang.org/x/text', 'v0.14.0', 8],
      ['github.com/evil/b', 'v1.0.0', 10],
    ]);
  });
});

describe('diffDependencies', () => {
  it('reports added and changed dependencies, not unchanged or moved ones', () => {
    const before = pkg({ lodash: '^4.17.20', express: '^4.19.0' }, { vitest: '4.0.0' });
    const after = pkg({ express: '^4.19.0', lodash: '^4.17.21', left: '1.0.0' }, { vitest: '4.0.0' });
    const diff = diffDependencies([{ path: 'package.json', before, after }]);
    expect(diff.changes.map((c) => [c.name, c.change, c.previousSpec, c.exactVersion])).toEqual([
      ['lodash', 'changed', '^4.17.20', undefined],
      ['left', 'added', undefined, '1.0.0'],
    ]);
  });

  it('treats every dependency of a new manifest as added and takes exact versions from the lockfile beside it', () => {
    const lock = JSON.stringify({
      lockfileVersion: 3,
      packages: { '': {}, 'node_modules/lodash': { version: '4.17.21', resolved: 'https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz' } },
    });
    const diff = diffDependencies([
      { path: 'web/package.json', after: pkg({ lodash: '^4.17.0' }) },
      { path: 'web/package-lock.json', after: lock },
    ]);
    expect(diff.changes).toEqual([expect.objectContaining({ name: 'lodash', change: 'added', exactVersion: '4.17.21', path: 'web/package.json' })]);
    expect(diff.lockfileSources).toEqual([]);
  });

  it('flags lockfile entries that newly resolve outside the allowed registries, with their line', () => {
    const before = JSON.stringify(
      { lockfileVersion: 3, packages: { 'node_modules/a': { version: '1.0.0', resolved: 'https://registry.npmjs.org/a/-/a-1.0.0.tgz' } } },
      null,
      2,
    );
    const after = JSON.stringify(
      {
        lockfileVersion: 3,
        packages: {
          'node_modules/a': { version: '1.0.0', resolved: 'https://evil.example/a-1.0.0.tgz' },
          'node_modules/b': { version: '1.0.0', resolved: 'https://registry.npmjs.org/b/-/b-1.0.0.tgz' },
        },
      },
      null,
      2,
    );
    const diff = diffDependencies([{ path: 'package-lock.json', before, after }]);
    expect(diff.lockfileSources).toEqual([{ path: 'package-lock.json', line: 6, name: 'a', resolved: 'https://evil.example/a-1.0.0.tgz' }]);
    expect(diffDependencies([{ path: 'package-lock.json', before, after }], ['https://evil.example/', 'https://registry.npmjs.org/']).lockfileSources).toEqual(
      [],
    );
  });

  it('normalises Python names, so a re-spelled name is not a new dependency', () => {
    const diff = diffDependencies([{ path: 'requirements.txt', before: 'python_dateutil==2.9.0\n', after: 'python-dateutil==2.9.0\nrequests==2.32.0\n' }]);
    expect(diff.changes.map((c) => c.name)).toEqual(['requests']);
  });

  it('reports new package indexes and unreadable manifests', () => {
    const diff = diffDependencies([
      { path: 'requirements-dev.txt', before: 'pytest\n', after: '--extra-index-url https://pkgs.acme.dev/simple\npytest\n' },
      { path: 'package.json', before: pkg({}), after: '{ broken' },
    ]);
    expect(diff.indexes).toEqual([{ path: 'requirements-dev.txt', line: 1, url: 'https://pkgs.acme.dev/simple' }]);
    expect(diff.problems).toEqual([{ path: 'package.json', message: expect.stringMatching(/not valid JSON/) }]);
  });

  it('ignores files that are not manifests and manifests inside node_modules', () => {
    expect(
      diffDependencies([
        { path: 'src/package.ts', after: 'x' },
        { path: 'node_modules/a/package.json', after: pkg({ x: '1.0.0' }) },
      ]).changes,
    ).toEqual([]);
  });
});
