import { describe, expect, it } from 'vitest';
import { checkDependencies, type DependencyCheckSettings } from '../../src/implement/gates/dependency-gate.js';
import { DEFAULT_DEPENDENCY_POLICY } from '../../src/scan/deps/check-dependencies.js';
import type { PackageRegistry, RegistryAnswer } from '../../src/scan/deps/registry.js';
import { runGates } from '../../src/implement/gates/index.js';
import { protectingGlob } from '../../src/core/protected-paths.js';
import { checkChangeShape, pathProblem } from '../../src/implement/gates/path-gates.js';
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
    expect(protectingGlob('.github/workflows/ci.yml', SHAPE.protectedPaths)).toBe('.github/workflows/**');
    expect(protectingGlob('.GitHub/Workflows/ci.yml', SHAPE.protectedPaths)).toBe('.github/workflows/**');
    expect(protectingGlob('infra/main.tf', SHAPE.protectedPaths)).toBe('infra/');
    expect(protectingGlob('src/workflows.js', SHAPE.protectedPaths)).toBeNull();
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

describe("dependency gate (ciso-review's rules)", () => {
  const manifest = (deps: Record<string, string>) => JSON.stringify({ name: 'x', dependencies: deps }, null, 2);
  const OLD = {
    status: 'found' as const,
    facts: { createdAt: '2015-01-01T00:00:00Z', version: '1.0.0', versionPublishedAt: '2015-01-01T00:00:00Z', weeklyDownloads: 1_000_000 },
  };
  function settings(answers: Record<string, RegistryAnswer>, asked: string[] = []): DependencyCheckSettings {
    const registry = (ecosystem: 'npm' | 'pypi'): PackageRegistry => ({
      ecosystem,
      label: `fake-${ecosystem}`,
      lookup: async (name) => {
        asked.push(`${ecosystem}:${name}`);
        return answers[`${ecosystem}:${name}`] ?? { status: 'not-found' };
      },
    });
    return {
      registries: { npm: registry('npm'), pypi: registry('pypi') },
      policy: DEFAULT_DEPENDENCY_POLICY,
      allowedRegistries: ['https://registry.npmjs.org/'],
    };
  }

  it('passes established packages and version bumps, blocks made-up names in npm and PyPI alike', async () => {
    const asked: string[] = [];
    const problems = await checkDependencies(
      [
        {
          path: 'package.json',
          action: 'modify',
          before: manifest({ express: '^4.0.0' }),
          after: manifest({ express: '^4.1.0', lodash: '^4.17.21', 'left-padx-made-up': '^1.0.0' }),
        },
        { path: 'requirements.txt', action: 'modify', before: 'requests==2.31.0\n', after: 'requests==2.31.0\nrequestz-made-up==1.0\n' },
      ],
      settings({ 'npm:express': OLD, 'npm:lodash': OLD }, asked),
      Date.parse('2025-01-01T00:00:00Z'),
    );
    expect(asked.sort()).toEqual(['npm:express', 'npm:left-padx-made-up', 'npm:lodash', 'pypi:requestz-made-up']);
    expect(problems.map((problem) => problem.gate)).toEqual(['dependency', 'dependency']);
    expect(problems.map((problem) => problem.message).join('\n')).toMatch(/package\.json:\d+: .*left-padx-made-up/);
    expect(problems.map((problem) => problem.message).join('\n')).toMatch(/requirements\.txt:2: .*requestz-made-up/);
  });

  it('blocks git sources without asking a registry, and what it could not verify', async () => {
    const asked: string[] = [];
    const git = await checkDependencies(
      [{ path: 'package.json', action: 'modify', before: manifest({}), after: manifest({ evil: 'github:evil/evil' }) }],
      settings({}, asked),
      Date.now(),
    );
    expect(git).toEqual([expect.objectContaining({ gate: 'dependency', message: expect.stringContaining('evil') })]);
    expect(asked).toEqual([]);
    const down = await checkDependencies(
      [{ path: 'package.json', action: 'modify', before: manifest({}), after: manifest({ lodash: '^4' }) }],
      settings({ 'npm:lodash': { status: 'unreachable', reason: 'timeout' } }),
      Date.now(),
    );
    expect(down).toEqual([expect.objectContaining({ message: expect.stringMatching(/^not verified: .*timeout/) })]);
  });

  it('asks nothing when no manifest changed', async () => {
    const asked: string[] = [];
    expect(await checkDependencies([{ path: 'src/a.js', action: 'modify', before: '', after: 'x' }], settings({}, asked), Date.now())).toEqual([]);
    expect(asked).toEqual([]);
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
      dependencies: { registries: {}, policy: DEFAULT_DEPENDENCY_POLICY, allowedRegistries: [] },
      now: Date.now(),
    });
    expect(report).toEqual({ ok: true, problems: [], secrets: [] });
    expect(read).toEqual(['src/format.js']);
  });
});
