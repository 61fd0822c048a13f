/**
 * Which command runs a repository's tests, when the policy does not say: the conventions of each ecosystem,
 * checked in the order a maintainer would expect (a package.json test script wins over a stray tests/ folder).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface RepositoryFacts {
  /** Names of the files and folders at the repository root. */
  rootEntries: ReadonlySet<string>;
  /** The `scripts.test` of package.json, when there is one. */
  npmTestScript?: string;
  /** pyproject.toml / setup.cfg / tox.ini text, to see whether they configure pytest. */
  pythonConfig?: string;
  /** Whether tests/ (or test/) holds Python files. */
  pythonTestsFolder: boolean;
}

/** npm writes this placeholder into every new package.json; it is not a test suite. */
const NPM_PLACEHOLDER = /no test specified/i;

/** Pure: the test command these facts call for, or undefined when nothing fits. */
export function chooseTestCommand(facts: RepositoryFacts): string | undefined {
  const has = (name: string) => facts.rootEntries.has(name);
  if (facts.npmTestScript !== undefined && facts.npmTestScript.trim() !== '' && !NPM_PLACEHOLDER.test(facts.npmTestScript)) {
    if (has('pnpm-lock.yaml')) return 'pnpm test';
    if (has('yarn.lock')) return 'yarn test';
    return 'npm test';
  }
  const pytestConfigured = /\[tool\.pytest|\[tool:pytest\]|\[pytest\]/.test(facts.pythonConfig ?? '');
  if (has('pytest.ini') || has('conftest.py') || pytestConfigured || facts.pythonTestsFolder) return 'pytest';
  if (has('go.mod')) return 'go test ./...';
  if (has('Cargo.toml')) return 'cargo test';
  if (has('pom.xml')) return has('mvnw') ? './mvnw -B test' : 'mvn -B test';
  if (has('build.gradle') || has('build.gradle.kts')) return has('gradlew') ? './gradlew test' : 'gradle test';
  return undefined;
}

async function readText(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

function testScriptOf(packageJson: string | undefined): string | undefined {
  if (packageJson === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(packageJson);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const scripts = (parsed as { scripts?: unknown }).scripts;
    if (typeof scripts !== 'object' || scripts === null) return undefined;
    const test = (scripts as Record<string, unknown>).test;
    return typeof test === 'string' ? test : undefined;
  } catch {
    // A broken package.json is the repository's problem; it simply names no test command.
    return undefined;
  }
}

async function hasPythonFiles(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return entries.some((entry) => String(entry).endsWith('.py'));
}

/** Looks at the workspace root and picks the test command; undefined when the repository has none we know. */
export async function detectTestCommand(workspace: string): Promise<string | undefined> {
  const rootEntries = new Set(await readdir(workspace).catch(() => [] as string[]));
  const pythonConfig = (
    await Promise.all(['pyproject.toml', 'setup.cfg', 'tox.ini'].filter((name) => rootEntries.has(name)).map((name) => readText(join(workspace, name))))
  ).join('\n');
  return chooseTestCommand({
    rootEntries,
    npmTestScript: rootEntries.has('package.json') ? testScriptOf(await readText(join(workspace, 'package.json'))) : undefined,
    pythonConfig,
    pythonTestsFolder:
      (rootEntries.has('tests') && (await hasPythonFiles(join(workspace, 'tests')))) ||
      (rootEntries.has('test') && (await hasPythonFiles(join(workspace, 'test')))),
  });
}
