/**
 * Typosquatting: a package whose name is one or two edits away from a popular one (`lodahs`, `reqeusts`) and
 * is not that package. Pure; the popular lists ship with the action.
 */
import { distance } from 'fastest-levenshtein';
import type { Ecosystem } from './dependency.js';
import { POPULAR_GO } from './popular/go.js';
import { POPULAR_NPM } from './popular/npm.js';
import { POPULAR_PYPI } from './popular/pypi.js';

/** PyPI treats `-`, `_` and `.` alike and ignores case (PEP 503); npm and Go compare lower-cased names. */
export function normalisePackageName(ecosystem: Ecosystem, name: string): string {
  const lower = name.toLowerCase();
  return ecosystem === 'pypi' ? lower.replace(/[-_.]+/g, '-') : lower;
}

/**
 * Typosquatters imitate the most used packages, so only the first names of each list (they are ordered by
 * popularity) are targets; every listed name counts as known and legitimate. Measured on the next thousand
 * most downloaded packages of each registry, this flags about 1.5% (npm) and 3% (PyPI) of them, against
 * 5% and 6% with every listed name as a target.
 */
const TARGETS_PER_ECOSYSTEM = 500;

function index(ecosystem: Ecosystem, names: readonly string[]): { list: string[]; set: Set<string> } {
  const all = names.map((name) => normalisePackageName(ecosystem, name));
  return { list: all.slice(0, TARGETS_PER_ECOSYSTEM), set: new Set(all) };
}

const POPULAR: Record<Ecosystem, { list: string[]; set: Set<string> }> = {
  npm: index('npm', POPULAR_NPM),
  pypi: index('pypi', POPULAR_PYPI),
  go: index('go', POPULAR_GO),
};

/**
 * Edits allowed for a name of this length. Short names are dense (`ms`, `qs`, `ws` are all real and
 * popular), so they get fewer: two edits make almost any three-letter name look like another.
 */
export function maxEditsFor(length: number): number {
  if (length >= 6) return 2;
  if (length >= 4) return 1;
  return 0;
}

export interface TyposquatMatch {
  /** The popular package the name imitates. */
  popular: string;
  distance: number;
}

/**
 * The closest popular package within the allowed distance, if the name is not itself popular. `extraPopular`
 * lets a repository add its own well-known names (from policy).
 */
export function findTyposquatTarget(ecosystem: Ecosystem, name: string, extraPopular: readonly string[] = []): TyposquatMatch | undefined {
  const normalised = normalisePackageName(ecosystem, name);
  const popular = POPULAR[ecosystem];
  const extra = extraPopular.map((entry) => normalisePackageName(ecosystem, entry));
  if (popular.set.has(normalised) || extra.includes(normalised)) return undefined;
  const limit = maxEditsFor(normalised.length);
  if (limit === 0) return undefined;
  let best: TyposquatMatch | undefined;
  for (const candidate of [...popular.list, ...extra]) {
    // Lengths differing by more than the limit cannot be within it; skipping them keeps this cheap.
    if (Math.abs(candidate.length - normalised.length) > limit || maxEditsFor(candidate.length) === 0) continue;
    const edits = distance(candidate, normalised);
    if (edits > 0 && edits <= limit && (!best || edits < best.distance)) best = { popular: candidate, distance: edits };
  }
  return best;
}
