/**
 * requirements*.txt and pyproject.toml ([project] dependencies and optional-dependencies, [build-system]
 * requires, Poetry's dependency tables). pyproject.toml is parsed by smol-toml; the line of each dependency is
 * looked up in the text afterwards, since a TOML parser returns values without positions.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import { isRecord } from '../../core/is-record.js';
import type { DeclaredDependency, DependencySource } from './dependency.js';
import type { ParsedManifest } from './manifest-npm.js';

export function isRequirementsPath(path: string): boolean {
  return /(?:^|\/)requirements[^/]*\.(?:txt|in)$/.test(path);
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(.*)$/;

/** One PEP 508 requirement (`requests[socks]>=2.31 ; python_version>"3.8"`, `pkg @ git+https://...`). */
export function parseRequirement(text: string, line: number): DeclaredDependency | undefined {
  const requirement = text.split(';')[0]?.trim() ?? '';
  const match = NAME.exec(requirement);
  if (!match) return undefined;
  const name = match[1] ?? '';
  const rest = (match[2] ?? '').trim();
  if (rest.startsWith('@')) {
    const url = rest.slice(1).trim();
    const source: DependencySource = /^git\+/.test(url) ? 'git' : /^file:/.test(url) ? 'local' : 'url';
    return { ecosystem: 'pypi', name, spec: url, source, line };
  }
  return { ecosystem: 'pypi', name, spec: rest.replace(/\s+/g, ''), source: 'registry', line };
}

/** `==1.2.3` pins; anything else is a range. */
export function exactPythonVersion(spec: string): string | undefined {
  return /^===?([0-9][0-9A-Za-z.+!-]*)$/.exec(spec)?.[1];
}

/** Requirements and the indexes they name: an extra index is how dependency confusion gets in. */
export function parseRequirements(text: string): ParsedManifest {
  const dependencies: DeclaredDependency[] = [];
  const indexes: Array<{ url: string; line: number }> = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/(?:^|\s)#.*$/, '').trim();
    if (!line) return;
    const indexOption = /^(?:-i|--index-url|--extra-index-url)[\s=]+(\S+)/.exec(line);
    if (indexOption) {
      indexes.push({ url: indexOption[1] ?? '', line: index + 1 });
      return;
    }
    const editable = /^(?:-e|--editable)\s+(\S+)/.exec(line);
    if (editable) {
      const target = editable[1] ?? '';
      const name = /#egg=([A-Za-z0-9._-]+)/.exec(target)?.[1] ?? target;
      dependencies.push({
        ecosystem: 'pypi',
        name,
        spec: target,
        source: /^git\+/.test(target) ? 'git' : /^(?:https?:)/.test(target) ? 'url' : 'local',
        line: index + 1,
      });
      return;
    }
    if (line.startsWith('-')) return; // -r, -c and other options
    if (/^(?:git\+|https?:\/\/)/.test(line)) {
      const name = /#egg=([A-Za-z0-9._-]+)/.exec(line)?.[1] ?? line;
      dependencies.push({ ecosystem: 'pypi', name, spec: line, source: line.startsWith('git+') ? 'git' : 'url', line: index + 1 });
      return;
    }
    const requirement = parseRequirement(line, index + 1);
    if (requirement) dependencies.push(requirement);
  });
  return { dependencies, indexes };
}

function isPoetryGroup(key: string): boolean {
  return key === 'dependencies' || key === 'dev-dependencies';
}

/** A Poetry value: `"^1.2"`, `{ version = "^1.2", git = "..." }`, or a list of such tables (one per Python version). */
function poetryDependency(name: string, value: unknown, line: number): DeclaredDependency {
  const entry = Array.isArray(value) ? (value[0] as unknown) : value;
  if (isRecord(entry)) {
    const text = (key: string) => (typeof entry[key] === 'string' ? entry[key] : undefined);
    const [git, url, path] = [text('git'), text('url'), text('path')];
    if (git) return { ecosystem: 'pypi', name, spec: git, source: 'git', line };
    if (url) return { ecosystem: 'pypi', name, spec: url, source: 'url', line };
    if (path) return { ecosystem: 'pypi', name, spec: path, source: 'local', line };
    return { ecosystem: 'pypi', name, spec: text('version') ?? '', source: 'registry', line };
  }
  const spec = typeof entry === 'string' ? entry.trim() : '';
  // Poetry's bare version means exactly that version.
  return { ecosystem: 'pypi', name, spec: /^\d/.test(spec) ? `==${spec}` : spec, source: 'registry', line };
}

/** Finds lines in the text: the first line at or after `from` (1-based) that holds `needle`, or `fallback`. */
function lineFinder(text: string): (needle: string | RegExp, from: number, fallback: number) => number {
  const lines = text.split('\n');
  return (needle, from, fallback) => {
    for (let index = Math.max(0, from - 1); index < lines.length; index++) {
      const line = lines[index] ?? '';
      if (typeof needle === 'string' ? line.includes(needle) : needle.test(line)) return index + 1;
    }
    return fallback;
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `[tool.poetry.dependencies]` (spaces and quotes allowed around the parts) at the start of a line. */
function tableHeader(path: readonly string[]): RegExp {
  return new RegExp(`^\\s*\\[\\s*${path.map((part) => `["']?${escapeRegex(part)}["']?`).join('\\s*\\.\\s*')}\\s*\\]`);
}

/** `key =` at the start of a line (the key bare or quoted). */
function keyLine(key: string): RegExp {
  return new RegExp(`^\\s*["']?${escapeRegex(key)}["']?\\s*=`);
}

export function parsePyproject(text: string): ParsedManifest {
  let document: Record<string, unknown>;
  try {
    document = parseToml(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const reason = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document:\s*/, '');
    return { dependencies: [], error: `not valid TOML (line ${error.line}, column ${error.column}: ${reason})` };
  }
  const find = lineFinder(text);
  const dependencies: DeclaredDependency[] = [];
  const table = (path: readonly string[]): Record<string, unknown> | undefined => {
    let value: unknown = document;
    for (const key of path) value = isRecord(value) ? value[key] : undefined;
    return isRecord(value) ? value : undefined;
  };
  // PEP 508 strings of an array; each one's line is searched from the line of the one before.
  const requirementArray = (path: readonly string[], key: string) => {
    const values = table(path)?.[key];
    if (!Array.isArray(values)) return;
    const tableLine = find(tableHeader(path), 1, 1);
    let line = find(keyLine(key), tableLine, tableLine);
    for (const value of values) {
      if (typeof value !== 'string') continue;
      line = find(value, line, line);
      const requirement = parseRequirement(value, line);
      if (requirement) dependencies.push(requirement);
    }
  };
  requirementArray(['project'], 'dependencies');
  for (const group of Object.keys(table(['project', 'optional-dependencies']) ?? {})) requirementArray(['project', 'optional-dependencies'], group);
  requirementArray(['build-system'], 'requires');
  const poetryTable = (path: readonly string[]) => {
    const entries = table(path);
    if (!entries) return;
    const tableLine = find(tableHeader(path), 1, 1);
    for (const [name, value] of Object.entries(entries)) {
      if (name.toLowerCase() === 'python') continue;
      // `name = …` in the table, or a table of its own (`[tool.poetry.dependencies.name]`).
      const line = find(keyLine(name), tableLine, 0) || find(tableHeader([...path, name]), 1, tableLine);
      dependencies.push(poetryDependency(name, value, line));
    }
  };
  for (const key of Object.keys(table(['tool', 'poetry']) ?? {}).filter(isPoetryGroup)) poetryTable(['tool', 'poetry', key]);
  for (const group of Object.keys(table(['tool', 'poetry', 'group']) ?? {})) poetryTable(['tool', 'poetry', 'group', group, 'dependencies']);
  return { dependencies: dependencies.sort((a, b) => a.line - b.line) };
}
