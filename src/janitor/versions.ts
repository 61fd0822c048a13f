/** Version comparisons for every ecosystem, through npm's semver parser (Python and Go versions coerced). */
import semver from 'semver';
import type { UpdateKind } from './types.js';

function parse(version: string): semver.SemVer | null {
  const cleaned = version.trim().replace(/^v/, '');
  return semver.parse(cleaned) ?? semver.coerce(cleaned, { includePrerelease: true });
}

/** Pure: how big the step from `from` to `to` is; null when `to` is not newer or either is unreadable. */
export function updateKind(from: string, to: string): UpdateKind | null {
  const a = parse(from);
  const b = parse(to);
  if (!a || !b || semver.lte(b, a)) return null;
  if (b.major !== a.major) return 'major';
  // Below 1.0 a minor step may break, as npm's caret treats it: counted as major.
  if (a.major === 0 && b.minor !== a.minor) return 'major';
  return b.minor !== a.minor ? 'minor' : 'patch';
}

export function isNewer(from: string, to: string): boolean {
  return updateKind(from, to) !== null;
}
