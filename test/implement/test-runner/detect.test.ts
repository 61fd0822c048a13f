import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseTestCommand, detectTestCommand, truncateTestOutput } from '../../../src/implement/test-runner/index.js';

const facts = (entries: string[], extra: Partial<Parameters<typeof chooseTestCommand>[0]> = {}) => ({
  rootEntries: new Set(entries),
  pythonTestsFolder: false,
  ...extra,
});

describe('chooseTestCommand', () => {
  it('uses the package manager that owns the lockfile', () => {
    expect(chooseTestCommand(facts(['package.json'], { npmTestScript: 'vitest run' }))).toBe('npm test');
    expect(chooseTestCommand(facts(['package.json', 'pnpm-lock.yaml'], { npmTestScript: 'jest' }))).toBe('pnpm test');
    expect(chooseTestCommand(facts(['package.json', 'yarn.lock'], { npmTestScript: 'jest' }))).toBe('yarn test');
  });

  it("ignores npm's placeholder script", () => {
    expect(chooseTestCommand(facts(['package.json'], { npmTestScript: 'echo "Error: no test specified" && exit 1' }))).toBeUndefined();
  });

  it('knows pytest, go, cargo, maven and gradle', () => {
    expect(chooseTestCommand(facts(['pytest.ini']))).toBe('pytest');
    expect(chooseTestCommand(facts(['pyproject.toml'], { pythonConfig: '[tool.pytest.ini_options]\n' }))).toBe('pytest');
    expect(chooseTestCommand(facts(['tests'], { pythonTestsFolder: true }))).toBe('pytest');
    expect(chooseTestCommand(facts(['pyproject.toml'], { pythonConfig: '[tool.black]\n' }))).toBeUndefined();
    expect(chooseTestCommand(facts(['go.mod']))).toBe('go test ./...');
    expect(chooseTestCommand(facts(['Cargo.toml']))).toBe('cargo test');
    expect(chooseTestCommand(facts(['pom.xml']))).toBe('mvn -B test');
    expect(chooseTestCommand(facts(['pom.xml', 'mvnw']))).toBe('./mvnw -B test');
    expect(chooseTestCommand(facts(['build.gradle.kts', 'gradlew']))).toBe('./gradlew test');
    expect(chooseTestCommand(facts(['README.md']))).toBeUndefined();
  });
});

describe('detectTestCommand', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agentic-detect-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('detects the sample repository as npm test', async () => {
    expect(await detectTestCommand(resolve(import.meta.dirname, '../../fixtures/sample-repo'))).toBe('npm test');
  });

  it('detects a Python tests folder and tolerates a broken package.json', async () => {
    await writeFile(join(dir, 'package.json'), '{ not json');
    await mkdir(join(dir, 'tests'));
    await writeFile(join(dir, 'tests', 'test_cart.py'), 'def test_x():\n    assert True\n');
    expect(await detectTestCommand(dir)).toBe('pytest');
  });

  it('returns undefined for an empty folder', async () => {
    expect(await detectTestCommand(dir)).toBeUndefined();
  });
});

describe('truncateTestOutput', () => {
  it('leaves short output alone but strips colour codes', () => {
    expect(truncateTestOutput('\u001b[31mfail\u001b[0m ok')).toBe('fail ok');
  });
});
