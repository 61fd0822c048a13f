/**
 * Python: uv, Poetry, pip-tools and pinned requirements files. What is outdated comes from pip's own report
 * (`pip list --outdated --format json`, through uv where it manages the environment) or Poetry's (`poetry show
 * --outdated`), limited to the packages the repository declares; an update moves the lockfile (or the pin)
 * of one package.
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

/** Pure: the names requirements files declare (PEP 508 requirement lines), normalised. pyproject.toml: ./pyproject.ts. */
export function declaredPythonNames(files: readonly string[]): Set<string> {
  const names = new Set<string>();
  const requirement = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;@\s,]|$)/;
  for (const file of files) {
    for (const line of file.split('\n')) {
      const trimmed = line.trim();
      // Comments and options (`-r dev.txt`, `--index-url …`) name no package.
      if (trimmed === '' || /^[#-]/.test(trimmed)) continue;
      const match = requirement.exec(trimmed);
      if (match?.[1]) names.add(normalisePythonName(match[1]));
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

/**
 * `poetry show --outdated --no-ansi`: one line per package, `name [(!)] locked latest description…`, the
 * locked version against the newest one Poetry's own sources offer (`(!)` marks one not installed).
 */
export function parsePoetryOutdated(output: string, declared?: ReadonlySet<string>): OutdatedPackage[] {
  const found: OutdatedPackage[] = [];
  for (const line of output.split('\n')) {
    const [name, current, latest] = line
      .trim()
      .split(/\s+/)
      .filter((token) => token !== '(!)');
    if (!name || !current || !latest || !isPythonName(name) || !isVersion(current) || !isVersion(latest) || current === latest) continue;
    if (declared && !declared.has(normalisePythonName(name))) continue;
    found.push({ name, current, wanted: latest, latest, homepage: `https://pypi.org/project/${name}/` });
  }
  return found;
}

export function poetryManager(declared: ReadonlySet<string>): PackageManager {
  return {
    ecosystem: 'python',
    tool: 'poetry',
    files: ['pyproject.toml', 'poetry.lock'],
    // Poetry's own view: the lockfile against the sources pyproject.toml names, whatever the environment holds.
    listCommand: 'poetry show --outdated --no-ansi --no-interaction 2>/dev/null',
    parse: (output) => parsePoetryOutdated(output, declared),
    // `poetry update --lock` moves within the declared constraint; a major rewrites the constraint.
    updateCommand: (pkg, version, kind) =>
      kind === 'major' ? `poetry add --lock --no-interaction '${pkg.name}@^${version}'` : `poetry update --lock --no-interaction '${pkg.name}'`,
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

/** Pure: the `name==version` pins of a requirements file, by normalised name (comments, options and ranges left out). */
export function pinnedRequirements(text: string): Map<string, { name: string; version: string }> {
  const pins = new Map<string, { name: string; version: string }>();
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*==\s*([^\s;#,]+)\s*(?:[;#].*)?$/.exec(line);
    if (!match?.[1] || !match[2] || !isPythonName(match[1]) || !isVersion(match[2])) continue;
    pins.set(normalisePythonName(match[1]), { name: match[1], version: match[2] });
  }
  return pins;
}

/**
 * pip's resolver report (`pip install --dry-run --report -`): `{ install: [{ metadata: { name, version } }] }`,
 * the newest version the index offers for each pinned package; outdated where it is newer than the pin.
 */
export function parsePipResolution(output: string, pins: ReadonlyMap<string, { name: string; version: string }>): OutdatedPackage[] {
  const start = output.indexOf('{');
  if (start < 0) return [];
  let data: unknown;
  try {
    data = JSON.parse(output.slice(start, output.lastIndexOf('}') + 1));
  } catch {
    return [];
  }
  if (!isRecord(data) || !Array.isArray(data.install)) return [];
  const found: OutdatedPackage[] = [];
  for (const item of data.install) {
    const metadata = isRecord(item) && isRecord(item.metadata) ? item.metadata : undefined;
    const { name, version } = metadata ?? {};
    if (typeof name !== 'string' || typeof version !== 'string' || !isPythonName(name) || !isVersion(version)) continue;
    const pin = pins.get(normalisePythonName(name));
    if (!pin || pin.version === version) continue;
    found.push({ name: pin.name, current: pin.version, wanted: version, latest: version, homepage: `https://pypi.org/project/${pin.name}/` });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Pinned requirements without a compiler: the pin itself is the lockfile, rewritten for the one package. What
 * is outdated comes from pip's own resolver asked for the newest version of each pinned package (a dry run
 * that installs nothing), so the answer does not depend on which environment the tests use; pip asks the
 * index it is configured with (PIP_INDEX_URL, pip.conf).
 */
export function pipManager(
  declared: ReadonlySet<string>,
  file: string,
  pins: ReadonlyMap<string, { name: string; version: string }> = new Map(),
): PackageManager {
  // Names passed isPythonName: letters, digits and `._-` only, safe in single quotes.
  const names = [...pins.values()].map((pin) => `'${pin.name}'`).join(' ');
  return {
    ecosystem: 'python',
    tool: 'pip',
    files: [file],
    listCommand:
      pins.size > 0
        ? `python3 -m pip install --dry-run --ignore-installed --no-deps --quiet --disable-pip-version-check --report - ${names} 2>/dev/null`
        : 'pip list --outdated --format json 2>/dev/null',
    parse: (text) => (pins.size > 0 ? parsePipResolution(text, pins) : parsePipOutdated(text, declared)),
    updateCommand: (pkg, version) => {
      // Names and versions passed isPythonName/isVersion; `-` `_` `.` are alike in a requirement name.
      const name = escapeRegex(pkg.name).replace(/\\\.|[-_]/g, '[-_.]');
      return `sed -E -i 's/^(${name})([[:space:]]*(\\[[^]]*\\])?[[:space:]]*==[[:space:]]*)${escapeRegex(pkg.current)}([[:space:];#]|$)/\\1\\2${version}\\4/I' '${file}'`;
    },
  };
}
