/**
 * Python: uv, Poetry, pip-tools and pinned requirements files. What is outdated comes from pip's own report
 * (`pip list --outdated --format json`, through uv or Poetry's environment where they manage it), limited to
 * the packages the repository declares; an update moves the lockfile (or the pin) of one package.
 */
import { isRecord } from '../../core/is-record.js';
import type { OutdatedPackage, PackageManager } from '../types.js';
import { isPythonName, isVersion, normalisePythonName } from './names.js';

/** `pip list --outdated --format json`: `[{ name, version, latest_version, latest_filetype }]`. */
export function parsePipOutdated(output: string, declared?: ReadonlySet<string>): OutdatedPackage[] {
  const start = output.indexOf('[');
  if (start < 0) return [];
  let data: unknown;
  try {
    data = JSON.parse(output.slice(start, output.lastIndexOf(']') + 1));
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const found: OutdatedPackage[] = [];
  for (const entry of data) {
    if (!isRecord(entry)) continue;
    const { name, version, latest_version: latest } = entry;
    if (typeof name !== 'string' || typeof version !== 'string' || typeof latest !== 'string') continue;
    if (!isPythonName(name) || !isVersion(version) || !isVersion(latest)) continue;
    // The environment also holds the tools and transitive packages; only what the repository declares is ours to move.
    if (declared && !declared.has(normalisePythonName(name))) continue;
    found.push({ name, current: version, wanted: latest, latest, homepage: `https://pypi.org/project/${name}/` });
  }
  return found;
}

/** Pure: the names a requirements file or pyproject.toml declares (PEP 508 requirement strings), normalised. */
export function declaredPythonNames(files: readonly string[]): Set<string> {
  const names = new Set<string>();
  const requirement = /^\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;@"'\s,]|$)/;
  for (const file of files) {
    for (const line of file.split('\n')) {
      const trimmed = line.trim();
      // Comments, options, table headers and keys that open an array (`dependencies = [`) name no package.
      if (trimmed === '' || /^[#\-[]/.test(trimmed) || /^[\w.-]+\s*=\s*\[/.test(trimmed)) continue;
      // pyproject: `"requests>=2"` in a dependencies array, or `requests = "^2.31"` in a Poetry table.
      const poetry = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*=\s*[{"']/.exec(trimmed);
      const match = poetry ?? requirement.exec(trimmed);
      if (
        match?.[1] &&
        !['python', 'name', 'version', 'description', 'requires-python', 'readme', 'license', 'build-backend', 'requires'].includes(match[1].toLowerCase())
      )
        names.add(normalisePythonName(match[1]));
    }
  }
  return names;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function uvManager(declared: ReadonlySet<string>): PackageManager {
  return {
    ecosystem: 'python',
    tool: 'uv',
    files: ['pyproject.toml', 'uv.lock'],
    listCommand: 'uv pip list --outdated --format json 2>/dev/null',
    parse: (output) => parsePipOutdated(output, declared),
    updateCommand: (pkg, version, kind) =>
      kind === 'major' ? `uv add --no-sync '${pkg.name}>=${version}'` : `uv lock --upgrade-package '${pkg.name}==${version}'`,
  };
}

export function poetryManager(declared: ReadonlySet<string>): PackageManager {
  return {
    ecosystem: 'python',
    tool: 'poetry',
    files: ['pyproject.toml', 'poetry.lock'],
    listCommand: 'poetry run pip list --outdated --format json 2>/dev/null',
    parse: (output) => parsePipOutdated(output, declared),
    // `poetry update --lock` moves within the declared constraint; a major rewrites the constraint.
    updateCommand: (pkg, version, kind) => (kind === 'major' ? `poetry add --lock '${pkg.name}@^${version}'` : `poetry update --lock '${pkg.name}'`),
  };
}

export function pipToolsManager(declared: ReadonlySet<string>, input: string, output: string): PackageManager {
  return {
    ecosystem: 'python',
    tool: 'pip-tools',
    files: [input, output],
    listCommand: 'pip list --outdated --format json 2>/dev/null',
    parse: (text) => parsePipOutdated(text, declared),
    updateCommand: (pkg, version) => `pip-compile --quiet --upgrade-package '${pkg.name}==${version}' --output-file '${output}' '${input}'`,
  };
}

/** Pinned requirements without a compiler: the pin itself is the lockfile, rewritten for the one package. */
export function pipManager(declared: ReadonlySet<string>, file: string): PackageManager {
  return {
    ecosystem: 'python',
    tool: 'pip',
    files: [file],
    listCommand: 'pip list --outdated --format json 2>/dev/null',
    parse: (text) => parsePipOutdated(text, declared),
    updateCommand: (pkg, version) => {
      // Names and versions passed isPythonName/isVersion; `-` `_` `.` are alike in a requirement name.
      const name = escapeRegex(pkg.name).replace(/\\\.|[-_]/g, '[-_.]');
      return `sed -E -i 's/^(${name})([[:space:]]*(\\[[^]]*\\])?[[:space:]]*==[[:space:]]*)${escapeRegex(pkg.current)}([[:space:];#]|$)/\\1\\2${version}\\4/I' '${file}'`;
    },
  };
}
