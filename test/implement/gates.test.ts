import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { addedNpmDependencies, checkDependencies, isNonRegistrySpec, npmRegistryLookup } from '../../src/implement/gates/dependency-gate.js';
import { runGates } from '../../src/implement/gates/index.js';
import { checkChangeShape, isProtectedPath, pathProblem } from '../../src/implement/gates/path-gates.js';
import { addedLines, checkSecrets } from '../../src/implement/gates/secret-gate.js';
import type { ImplementationPlan } from '../../src/implement/plan-schema.js';
import { PLAN } from './scenario.js';

const plan = PLAN as ImplementationPlan;
const SIZE = { maxFiles: 5, maxFileBytes: 100, maxTotalBytes: 150 };
const SHAPE = { plan, scopeMode: 'plan' as const, protectedPaths: ['.github/workflows/**', '.github/agentic.yml', 'infra/'], size: SIZE };
const TOKEN = `ghp_${'R8fK2pQ7xV4mN9tL3wZ6yB1cD5gH0jS8aE2u'}`;

describe('path gates', () => {
  it('accepts plain relative paths and names what is wrong with the others', () => {
    expect(pathProblem('src/format.js')).toBeNull();
    expect(pathProblem('../x')).toBe('the path goes up with ".."');
    expect(pathProblem('src/../../x')).toBe('the path goes up with ".."');
    expect(pathProblem('/etc/passwd')).toBe('the path is absolute');
    expect(pathProblem('C:/x')).toBe('the path is absolute');
    expect(pathProblem('.git/hooks/pre-commit')).toBe('the path is inside .git');
    expect(pathProblem('sub/.GIT/config')).toBe('the path is inside .git');
    expect(pathProblem('a\\b')).toBe('the path contains a backslash');
    expect(pathProblem('a//b')).toBe('the path has an empty or "." segment');
    expect(pathProblem('a\nb')).toBe('the path contains control characters');
  });

  it('matches protected globs case-insensitively, and a directory name protects what is under it', () => {
    expect(isProtectedPath('.github/workflows/ci.yml', SHAPE.protectedPaths)).toBe('.github/workflows/**');
    expect(isProtectedPath('.GitHub/Workflows/ci.yml', SHAPE.protectedPaths)).toBe('.github/workflows/**');
    expect(isProtectedPath('infra/main.tf', SHAPE.protectedPaths)).toBe('infra/');
    expect(isProtectedPath('src/workflows.js', SHAPE.protectedPaths)).toBeNull();
  });

  it('reports scope, protected, file-type and size problems together', () => {
    const problems = checkChangeShape(
      [
        { path: 'src/format.js', action: 'modify', bytes: 90 },
        { path: 'src/cart.js', action: 'modify', bytes: 10 },
        { path: '.github/workflows/ci.yml', action: 'create', bytes: 10 },
        { path: 'test/format.test.js', action: 'modify', bytes: 200, notRegularFile: true },
      ],
      SHAPE,
    );
    expect(problems.map((problem) => problem.gate)).toEqual(['scope', 'protected', 'scope', 'file-type', 'size', 'size']);
    expect(problems.map((problem) => problem.message)).toContain('src/cart.js is not in the approved plan');
  });

  it('lets any unprotected file through in repository scope', () => {
    expect(checkChangeShape([{ path: 'src/cart.js', action: 'modify', bytes: 10 }], { ...SHAPE, scopeMode: 'repository' })).toEqual([]);
  });
});

describe('secret gate', () => {
  it('counts only lines the change adds', () => {
    expect(addedLines('a\nb\n', 'a\nb\nc\n')).toEqual([{ line: 3, text: 'c' }]);
    expect(addedLines('x\nx\n', 'x\nx\nx\n')).toEqual([{ line: 3, text: 'x' }]);
    expect(addedLines(null, 'one\n')).toEqual([{ line: 1, text: 'one' }]);
  });

  it('blocks a new token, not one the base already held, and keeps the value out of the message', () => {
    const line = `const t = '${TOKEN}';`;
    const added = checkSecrets([{ path: 'src/a.js', action: 'modify', before: 'x\n', after: `x\n${line}\n` }], Date.now());
    expect(added.problems).toEqual([{ gate: 'secret', path: 'src/a.js', message: 'src/a.js:2: GitHub token committed in src/a.js' }]);
    expect(added.secrets).toEqual([TOKEN]);
    expect(JSON.stringify(added.problems)).not.toContain(TOKEN);
    const existing = checkSecrets([{ path: 'src/a.js', action: 'modify', before: `${line}\n`, after: `${line}\ny\n` }], Date.now());
    expect(existing.problems).toEqual([]);
  });
});

describe('dependency gate', () => {
  const manifest = (deps: Record<string, string>) => JSON.stringify({ name: 'x', dependencies: deps }, null, 2);

  it('finds added dependencies, not version bumps, and flags sources outside the registry', () => {
    const { added } = addedNpmDependencies([{ path: 'package.json', action: 'modify', before: manifest({ a: '1.0.0' }), after: manifest({ a: '2.0.0', b: '^1', c: 'github:evil/c' }) }]);
    expect(added.map((entry) => entry.name)).toEqual(['b', 'c']);
    expect(isNonRegistrySpec('github:evil/c')).toBe(true);
    expect(isNonRegistrySpec('evil/c#main')).toBe(true);
    expect(isNonRegistrySpec('file:../x')).toBe(true);
    expect(isNonRegistrySpec('^1.2.3')).toBe(false);
    expect(isNonRegistrySpec('latest')).toBe(false);
  });

  it('blocks names the registry does not know, names it cannot check and non-registry sources', async () => {
    const asked: string[] = [];
    const problems = await checkDependencies(
      [{ path: 'web/package.json', action: 'modify', before: manifest({}), after: manifest({ real: '^1', fake: '^1', flaky: '^1', git: 'git+https://x/y.git', BadName: '1' }) }],
      async (_ecosystem, name) => {
        asked.push(name);
        return name === 'real' ? true : name === 'fake' ? false : { error: 'the registry answered 503' };
      },
    );
    expect(asked).toEqual(['real', 'fake', 'flaky']);
    expect(problems.map((problem) => problem.message)).toEqual([
      'web/package.json: fake@^1 does not exist in the npm registry (a made-up package name?)',
      'web/package.json: flaky@^1 could not be checked against the registry: the registry answered 503',
      'web/package.json: git@git+https://x/y.git installs from outside the npm registry; a human must add it',
      'web/package.json: BadName@1 is not a valid npm package name',
    ]);
  });

  it('asks the configured registry, encoding scoped names as npm does', async () => {
    const paths: string[] = [];
    const server = createServer((request, response) => {
      paths.push(request.url ?? '');
      response.writeHead(request.url === '/@scope%2Fpkg' ? 200 : 404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const lookup = npmRegistryLookup(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(await lookup('npm', '@scope/pkg')).toBe(true);
      expect(await lookup('npm', 'nope')).toBe(false);
      expect(paths).toEqual(['/@scope%2Fpkg', '/nope']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const unreachable = await npmRegistryLookup('http://127.0.0.1:1')('npm', 'x');
    expect(unreachable).toMatchObject({ error: expect.any(String) });
  });
});

describe('all gates together', () => {
  it('passes a clean planned change and reads the base only for files that existed', async () => {
    const read: string[] = [];
    const report = await runGates([{ path: 'src/format.js', action: 'modify', content: Buffer.from('export const a = 1;\n') }], {
      ...SHAPE,
      readBase: async (path) => {
        read.push(path);
        return '';
      },
      lookup: async () => true,
      now: Date.now(),
    });
    expect(report).toEqual({ ok: true, problems: [], secrets: [] });
    expect(read).toEqual(['src/format.js']);
  });
});
