import { describe, expect, it } from 'vitest';
import { lockfileChanges, lockfileSources, packageManifestChanges, runFileKind } from '../../src/merge/run-changes.js';

const manifest = (changes: Record<string, unknown> = {}): string =>
  JSON.stringify(
    {
      name: 'widgets',
      version: '1.0.0',
      scripts: { test: 'vitest run', build: 'tsc' },
      dependencies: { zod: '^4.0.0' },
      devDependencies: { vitest: '^4.1.0' },
      ...changes,
    },
    null,
    2,
  );

describe('package.json: what runs, compared by content', () => {
  it('a changed, added or removed script changes what runs', () => {
    expect(packageManifestChanges(manifest(), manifest({ scripts: { test: 'exit 0', build: 'tsc' } }))).toEqual(['`scripts` changes']);
    expect(packageManifestChanges(manifest(), manifest({ scripts: { test: 'vitest run', build: 'tsc', postinstall: 'node x.js' } }))).toEqual([
      '`scripts` changes',
    ]);
    expect(packageManifestChanges(manifest(), manifest({ scripts: undefined }))).toEqual(['`scripts` changes']);
  });

  it('binaries, git hooks, the package manager and redirects change what runs', () => {
    expect(packageManifestChanges(manifest(), manifest({ bin: { widgets: 'cli.js' } }))).toEqual(['`bin` changes']);
    expect(packageManifestChanges(manifest(), manifest({ husky: { hooks: { 'pre-commit': 'true' } } }))).toEqual(['`husky` changes']);
    expect(packageManifestChanges(manifest(), manifest({ 'simple-git-hooks': { 'pre-push': 'true' } }))).toEqual(['`simple-git-hooks` changes']);
    expect(packageManifestChanges(manifest(), manifest({ packageManager: 'pnpm@9.0.0' }))).toEqual(['`packageManager` changes']);
    expect(packageManifestChanges(manifest(), manifest({ overrides: { zod: 'github:mallory/zod' } }))).toEqual(['`overrides` changes']);
  });

  it('a dependency that comes from git, a URL, a path or an alias is a new source', () => {
    const changed = packageManifestChanges(
      manifest(),
      manifest({
        dependencies: { zod: 'github:mallory/zod', left: 'https://evil.example/left.tgz', local: 'file:../x', alias: 'npm:other@1', ws: 'workspace:*' },
      }),
    );
    expect(changed).toEqual([
      '`dependencies.zod` comes from `github:mallory/zod`, not the registry',
      '`dependencies.left` comes from `https://evil.example/left.tgz`, not the registry',
      '`dependencies.local` comes from `file:../x`, not the registry',
      '`dependencies.alias` comes from `npm:other@1`, not the registry',
      '`dependencies.ws` comes from `workspace:*`, not the registry',
    ]);
  });

  it('control: a version bump, a new registry range, a new registry dependency and metadata change nothing that runs', () => {
    expect(
      packageManifestChanges(
        manifest(),
        manifest({ version: '1.1.0', description: 'Widgets', dependencies: { zod: '^4.2.0', 'left-pad': '~1.3.0' }, devDependencies: { vitest: 'latest' } }),
      ),
    ).toEqual([]);
    // An unchanged git dependency is not a change.
    expect(packageManifestChanges(manifest({ dependencies: { x: 'github:a/x' } }), manifest({ version: '2.0.0', dependencies: { x: 'github:a/x' } }))).toEqual(
      [],
    );
  });

  it('a package.json that does not parse cannot be compared', () => {
    expect(packageManifestChanges(manifest(), '{ "scripts": ')).toEqual(['the new version is not valid JSON']);
    expect(packageManifestChanges(manifest(), '[]')).toEqual(['the new version is not a JSON object']);
    expect(packageManifestChanges('{', manifest())).toEqual(['the old version is not valid JSON']);
  });

  it('a new package.json with scripts changes what runs; one deleted with scripts too', () => {
    expect(packageManifestChanges(null, manifest())).toEqual(['`scripts` changes']);
    expect(packageManifestChanges(manifest(), null)).toEqual(['`scripts` changes']);
  });
});

describe('lockfiles: new registries', () => {
  const npmLock = (resolved: string[]): string =>
    JSON.stringify({
      lockfileVersion: 3,
      packages: Object.fromEntries(resolved.map((url, index) => [`node_modules/p${index}`, { version: '1.0.0', resolved: url }])),
    });

  it('names every source: URL origins, scp-style git remotes and local paths', () => {
    const text = `${npmLock(['https://registry.npmjs.org/a/-/a-1.0.0.tgz', 'git+ssh://git@github.com/a/b.git#abc'])}\nsource = "git@gitlab.com:a/b.git"\n"x": "file:../local"`;
    expect([...lockfileSources(text)].sort()).toEqual(['file: (a local path)', 'git+ssh://github.com', 'https://registry.npmjs.org', 'ssh://gitlab.com']);
  });

  it('a lockfile that fetches from a new host or a local path needs a human', () => {
    const before = npmLock(['https://registry.npmjs.org/a/-/a-1.0.0.tgz']);
    expect(lockfileChanges(before, npmLock(['https://registry.npmjs.org/a/-/a-1.0.0.tgz', 'https://npm.evil.example/b/-/b-1.0.0.tgz']))).toEqual([
      'it fetches from a new source `https://npm.evil.example`',
    ]);
    expect(
      lockfileChanges(
        '[[package]]\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n',
        '[[package]]\nsource = "git+https://github.com/mallory/serde#abc"\n',
      ),
    ).toEqual(['it fetches from a new source `git+https://github.com`']);
  });

  it('control: more packages from the same registry change nothing', () => {
    expect(
      lockfileChanges(
        npmLock(['https://registry.npmjs.org/a/-/a-1.0.0.tgz']),
        npmLock(['https://registry.npmjs.org/a/-/a-1.1.0.tgz', 'https://registry.npmjs.org/b/-/b-2.0.0.tgz']),
      ),
    ).toEqual([]);
    expect(lockfileChanges(npmLock([]), null)).toEqual([]);
  });

  it('a binary lockfile cannot be compared', () => {
    expect(lockfileChanges('a', 'bun\u0000lockb')).toEqual(['it is binary, so its sources cannot be compared']);
  });

  it('knows package.json and lockfiles by name at any depth', () => {
    expect(runFileKind('packages/app/package.json')).toBe('package-manifest');
    expect(runFileKind('yarn.lock')).toBe('lockfile');
    expect(runFileKind('Cargo.lock')).toBe('lockfile');
    expect(runFileKind('src/package.json.md')).toBeNull();
  });
});
