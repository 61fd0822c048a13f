/**
 * requirements*.txt and pyproject.toml ([project] dependencies and optional-dependencies, Poetry tables).
 * pyproject is read line by line rather than with a TOML library: only dependency arrays and tables matter,
 * and they have a regular shape.
 */
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

const TABLE = /^\s*\[\s*([^\]]+?)\s*\]\s*$/;

function isDependencyArrayKey(table: string, key: string): boolean {
  return (table === 'project' && key === 'dependencies') || table === 'project.optional-dependencies' || (table === 'build-system' && key === 'requires');
}

function isPoetryTable(table: string): boolean {
  return table === 'tool.poetry.dependencies' || table === 'tool.poetry.dev-dependencies' || /^tool\.poetry\.group\.[^.]+\.dependencies$/.test(table);
}

/** A Poetry value: `"^1.2"` or `{ version = "^1.2", git = "..." }`. */
function poetryDependency(name: string, value: string, line: number): DeclaredDependency {
  const inline = value.trim();
  if (inline.startsWith('{')) {
    const git = /\bgit\s*=\s*"([^"]*)"/.exec(inline)?.[1];
    const url = /\burl\s*=\s*"([^"]*)"/.exec(inline)?.[1];
    const path = /\bpath\s*=\s*"([^"]*)"/.exec(inline)?.[1];
    const version = /\bversion\s*=\s*"([^"]*)"/.exec(inline)?.[1] ?? '';
    if (git) return { ecosystem: 'pypi', name, spec: git, source: 'git', line };
    if (url) return { ecosystem: 'pypi', name, spec: url, source: 'url', line };
    if (path) return { ecosystem: 'pypi', name, spec: path, source: 'local', line };
    return { ecosystem: 'pypi', name, spec: version, source: 'registry', line };
  }
  const spec = inline.replace(/^["']|["']$/g, '');
  // Poetry's bare version means exactly that version.
  return { ecosystem: 'pypi', name, spec: /^\d/.test(spec) ? `==${spec}` : spec, source: 'registry', line };
}

export function parsePyproject(text: string): ParsedManifest {
  const dependencies: DeclaredDependency[] = [];
  let table = '';
  let inArray = false;
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.replace(/\s#.*$/, '');
    const header = TABLE.exec(line);
    if (header && !inArray) {
      table = header[1] ?? '';
      return;
    }
    const assignment = /^\s*([A-Za-z0-9_.-]+|"[^"]+")\s*=\s*(.*)$/.exec(line);
    if (!inArray && assignment) {
      const key = (assignment[1] ?? '').replace(/"/g, '');
      const value = assignment[2] ?? '';
      if (isPoetryTable(table)) {
        if (key.toLowerCase() !== 'python') dependencies.push(poetryDependency(key, value, index + 1));
        return;
      }
      if (isDependencyArrayKey(table, key) && value.trim().startsWith('[')) {
        inArray = !value.includes(']');
        for (const literal of value.matchAll(/"([^"]+)"|'([^']+)'/g)) {
          const requirement = parseRequirement(literal[1] ?? literal[2] ?? '', index + 1);
          if (requirement) dependencies.push(requirement);
        }
      }
      return;
    }
    if (inArray) {
      for (const literal of line.matchAll(/"([^"]+)"|'([^']+)'/g)) {
        const requirement = parseRequirement(literal[1] ?? literal[2] ?? '', index + 1);
        if (requirement) dependencies.push(requirement);
      }
      if (line.includes(']')) inArray = false;
    }
  });
  return { dependencies };
}
