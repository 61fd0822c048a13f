/**
 * Which command writes a coverage report for this repository, and where: the configured one, else the first
 * tool the repository already uses (Node: vitest, jest, c8, nyc, or node's own test runner; Python: pytest-cov,
 * coverage.py; Go: go test). Every report is asked for in a standard format the analyst reads (lcov, Cobertura
 * XML, Go cover profile). Pure over the files it is given.
 */

export type ReportFormat = 'lcov' | 'cobertura' | 'go';

export interface CoverageCommand {
  /** Shell command run in the sandbox, from the repository root. */
  command: string;
  /** Where it writes the report, relative to the repository root. */
  report: string;
  format: ReportFormat;
  /** What was detected, for the summary ("c8 in devDependencies"). */
  tool: string;
}

export interface Detection {
  found?: CoverageCommand;
  /** What was looked for and why it did not apply, in order, for the summary when nothing is found. */
  tried: string[];
}

/** The files detection looks at, by path (absent ones are missing). */
export type RepoText = (path: string) => string | undefined;

const LCOV = 'coverage/lcov.info';

export function reportFormatOf(path: string): ReportFormat {
  if (/\.xml$/i.test(path)) return 'cobertura';
  if (/\.(info|lcov)$/i.test(path)) return 'lcov';
  return 'go';
}

function nodeCommand(read: RepoText, tried: string[]): CoverageCommand | undefined {
  const text = read('package.json');
  if (text === undefined) {
    tried.push('Node: no package.json');
    return undefined;
  }
  let pkg: { scripts?: Record<string, unknown>; dependencies?: Record<string, unknown>; devDependencies?: Record<string, unknown> };
  try {
    pkg = JSON.parse(text) as typeof pkg;
  } catch {
    tried.push('Node: package.json is not valid JSON');
    return undefined;
  }
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  const has = (name: string) => typeof deps[name] === 'string';
  const test = typeof pkg.scripts?.test === 'string' ? pkg.scripts.test : '';
  if (has('vitest')) {
    if (has('@vitest/coverage-v8') || has('@vitest/coverage-istanbul'))
      return { command: 'npx --no-install vitest run --coverage --coverage.reporter=lcov', report: LCOV, format: 'lcov', tool: 'vitest with its coverage provider' };
    tried.push('vitest: in package.json, but neither @vitest/coverage-v8 nor @vitest/coverage-istanbul is');
  }
  if (has('jest')) return { command: 'npx --no-install jest --coverage --coverageReporters=lcov', report: LCOV, format: 'lcov', tool: 'jest' };
  if (test !== '' && has('c8')) return { command: 'npx --no-install c8 --reporter=lcov npm test', report: LCOV, format: 'lcov', tool: 'c8 around npm test' };
  if (test !== '' && has('nyc')) return { command: 'npx --no-install nyc --reporter=lcov npm test', report: LCOV, format: 'lcov', tool: 'nyc around npm test' };
  if (/\bnode\b[^&|;]*\s--test\b/.test(test))
    return {
      command: `mkdir -p coverage && node --test --experimental-test-coverage --test-reporter=lcov --test-reporter-destination=${LCOV}`,
      report: LCOV,
      format: 'lcov',
      tool: "node's test runner (node --test)",
    };
  tried.push(
    `Node: package.json has none of vitest (with a coverage provider), jest, c8 or nyc${test === '' ? ' and no test script' : ''}, and its test script does not run node --test`,
  );
  return undefined;
}

function pythonCommand(read: RepoText, tried: string[]): CoverageCommand | undefined {
  const manifests = ['pyproject.toml', 'setup.cfg', 'setup.py', 'tox.ini', 'requirements.txt', 'requirements-dev.txt', 'requirements-test.txt', 'dev-requirements.txt'];
  const present = manifests.filter((path) => read(path) !== undefined);
  if (present.length === 0) {
    tried.push('Python: no pyproject.toml, setup.cfg, setup.py, tox.ini or requirements*.txt');
    return undefined;
  }
  const text = present.map((path) => read(path) ?? '').join('\n');
  const mentions = (name: string) => new RegExp(`(^|[\\s"'\\[,])${name}\\s*([=<>~!\\["',]|$)`, 'im').test(text);
  const xml = 'coverage.xml';
  if (mentions('pytest-cov'))
    return { command: `python3 -m pytest --cov=. --cov-report=xml:${xml}`, report: xml, format: 'cobertura', tool: 'pytest-cov' };
  if (mentions('coverage') || read('.coveragerc') !== undefined || /^\[tool\.coverage/m.test(read('pyproject.toml') ?? '')) {
    const runner = mentions('pytest') ? '-m pytest' : '-m unittest discover';
    // The report is written whether or not the tests pass: a failing test still shows what the others cover.
    return { command: `python3 -m coverage run --source=. ${runner}; python3 -m coverage xml -o ${xml}`, report: xml, format: 'cobertura', tool: 'coverage.py' };
  }
  tried.push(`Python: ${present.join(', ')} name neither pytest-cov nor coverage, and there is no .coveragerc`);
  return undefined;
}

function goCommand(read: RepoText, tried: string[]): CoverageCommand | undefined {
  if (read('go.mod') === undefined) {
    tried.push('Go: no go.mod');
    return undefined;
  }
  return { command: 'go test -coverprofile=coverage.out ./...', report: 'coverage.out', format: 'go', tool: 'go test -coverprofile' };
}

/** The configured command when there is one, else the first tool the repository uses. */
export function detectCoverageCommand(read: RepoText, configured?: { command?: string; report?: string }): Detection {
  if (configured?.command) {
    const report = configured.report || LCOV;
    return { found: { command: configured.command, report, format: reportFormatOf(report), tool: 'the configured coverage-command' }, tried: [] };
  }
  const tried: string[] = [];
  const found = nodeCommand(read, tried) ?? pythonCommand(read, tried) ?? goCommand(read, tried);
  if (found && configured?.report) return { found: { ...found, report: configured.report, format: reportFormatOf(configured.report) }, tried };
  return found ? { found, tried } : { tried };
}
