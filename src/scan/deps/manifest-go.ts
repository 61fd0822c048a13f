/**
 * go.mod: `require` lines and blocks, and `replace` directives that swap a module for another module (a local
 * path replacement points into the repository and is not a dependency).
 */
import type { DeclaredDependency } from './dependency.js';
import type { ParsedManifest } from './manifest-npm.js';

const REQUIRE = /^([^\s]+)\s+(v[^\s]+)/;
const REPLACE = /^[^\s]+(?:\s+v[^\s]+)?\s*=>\s*([^\s]+)(?:\s+(v[^\s]+))?/;

export function parseGoMod(text: string): ParsedManifest {
  const dependencies: DeclaredDependency[] = [];
  let block: 'require' | 'replace' | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) return;
    if (block && line === ')') {
      block = undefined;
      return;
    }
    const opening = /^(require|replace)\s*\(\s*$/.exec(line);
    if (opening) {
      block = opening[1] as 'require' | 'replace';
      return;
    }
    let directive = block;
    let body = line;
    const single = /^(require|replace)\s+(.*)$/.exec(line);
    if (!block && single) {
      directive = single[1] as 'require' | 'replace';
      body = single[2] ?? '';
    }
    if (directive === 'require') {
      const match = REQUIRE.exec(body);
      if (match) dependencies.push({ ecosystem: 'go', name: match[1] ?? '', spec: match[2] ?? '', source: 'registry', line: index + 1 });
    } else if (directive === 'replace') {
      const match = REPLACE.exec(body);
      const target = match?.[1] ?? '';
      if (match && !/^\.{0,2}\//.test(target)) dependencies.push({ ecosystem: 'go', name: target, spec: match[2] ?? '', source: 'registry', line: index + 1 });
    }
  });
  return { dependencies };
}
