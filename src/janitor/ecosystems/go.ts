/**
 * Go modules: `go list -m -u -json all` prints one JSON object per module; a direct requirement with an
 * `Update` field is outdated. Go gives a new major version a new module path (`/v2`), so the list never
 * offers a major: those need a code change and are out of the janitor's reach.
 */
import { isRecord } from '../../core/is-record.js';
import type { OutdatedPackage, PackageManager } from '../types.js';
import { isGoModule, isVersion } from './names.js';

/** Splits concatenated JSON objects (the go command prints them back to back, not as an array). */
export function splitJsonObjects(output: string): unknown[] {
  const objects: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  let escaped = false;
  for (let index = 0; index < output.length; index++) {
    const char = output[index];
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{') {
      if (depth === 0) start = index;
      depth++;
    } else if (char === '}' && depth > 0) {
      depth--;
      if (depth === 0 && start >= 0) {
        try {
          objects.push(JSON.parse(output.slice(start, index + 1)));
        } catch {
          // Not JSON after all (a log line with braces): skipped.
        }
        start = -1;
      }
    }
  }
  return objects;
}

export function parseGoListUpdates(output: string): OutdatedPackage[] {
  const found: OutdatedPackage[] = [];
  for (const module of splitJsonObjects(output)) {
    if (!isRecord(module) || module.Main === true || module.Indirect === true) continue;
    const { Path: path, Version: current } = module;
    const update = isRecord(module.Update) ? module.Update.Version : undefined;
    if (typeof path !== 'string' || typeof current !== 'string' || typeof update !== 'string') continue;
    if (!isGoModule(path) || !isVersion(current) || !isVersion(update)) continue;
    found.push({ name: path, current, wanted: update, latest: update, homepage: `https://pkg.go.dev/${path}?tab=versions` });
  }
  return found;
}

export function goManager(): PackageManager {
  return {
    ecosystem: 'go',
    tool: 'go',
    files: ['go.mod', 'go.sum'],
    listCommand: 'go list -m -u -json all 2>/dev/null',
    parse: parseGoListUpdates,
    updateCommand: (pkg, version) => `go get '${pkg.name}@${version}' && go mod tidy`,
  };
}
