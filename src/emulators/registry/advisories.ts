/**
 * Advisory matching. npm audit's `POST /-/npm/v1/security/advisories/bulk` takes `{ "<name>": ["<version>", …] }`
 * and answers, per package, the advisories whose vulnerable range (npm semver) holds a version asked about.
 * OSV records (https://ossf.github.io/osv-schema/) affect a version listed in `versions` or inside a range's
 * `introduced`…`fixed` / `last_affected` events.
 */
import semver from 'semver';

export type NpmSeverity = 'info' | 'low' | 'moderate' | 'high' | 'critical';

/** One advisory as the bulk endpoint answers it (GitHub's advisory database behind npm audit). */
export interface NpmAdvisory {
  id: number;
  package: string;
  title: string;
  severity: NpmSeverity;
  /** npm semver range, e.g. `<4.17.21`. */
  vulnerableVersions: string;
  /** e.g. `https://github.com/advisories/GHSA-35jh-r3h4-6jhm`. */
  url: string;
  cwe?: string[];
  cvss?: { score: number; vectorString: string | null };
}

export type OsvEcosystem = 'npm' | 'PyPI' | 'Go';

/** An OSV record (https://ossf.github.io/osv-schema/), the fields clients read. */
export interface OsvRecord {
  id: string;
  summary: string;
  details?: string;
  aliases?: string[];
  modified: string;
  published: string;
  affected: {
    package: { ecosystem: OsvEcosystem; name: string };
    ranges?: { type: 'ECOSYSTEM' | 'SEMVER'; events: ({ introduced: string } | { fixed: string } | { last_affected: string })[] }[];
    versions?: string[];
  }[];
  references?: { type: string; url: string }[];
  database_specific?: Record<string, unknown>;
}

export function bulkAdvisories(advisories: readonly NpmAdvisory[], request: Record<string, unknown>): Record<string, unknown[]> {
  const answer: Record<string, unknown[]> = {};
  for (const [name, versions] of Object.entries(request)) {
    if (!Array.isArray(versions)) continue;
    const matching = advisories.filter(
      (advisory) =>
        advisory.package === name &&
        versions.some(
          (version) =>
            typeof version === 'string' && semver.valid(version) && semver.satisfies(version, advisory.vulnerableVersions, { includePrerelease: true }),
        ),
    );
    if (matching.length === 0) continue;
    answer[name] = matching.map((advisory) => ({
      id: advisory.id,
      url: advisory.url,
      title: advisory.title,
      severity: advisory.severity,
      vulnerable_versions: advisory.vulnerableVersions,
      cwe: advisory.cwe ?? [],
      cvss: advisory.cvss ?? { score: 0, vectorString: null },
    }));
  }
  return answer;
}

/** Orders dotted versions (PEP 440 releases, Go and npm versions without their `v`): numbers compared as numbers. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .replace(/^v/, '')
      .split(/[.+-]/)
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const left = parts(a);
  const right = parts(b);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i] ?? 0;
    const y = right[i] ?? 0;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x).localeCompare(String(y));
  }
  return 0;
}

export function osvAffects(record: OsvRecord, ecosystem: string, name: string, version: string): boolean {
  return record.affected.some((affected) => {
    if (affected.package.ecosystem !== ecosystem || affected.package.name !== name) return false;
    if (affected.versions?.includes(version)) return true;
    return (affected.ranges ?? []).some((range) => {
      // Events in order: introduced opens a window, fixed (exclusive) or last_affected (inclusive) closes it.
      let inside = false;
      for (const event of range.events) {
        if ('introduced' in event && (event.introduced === '0' || compareVersions(version, event.introduced) >= 0)) inside = true;
        if ('fixed' in event && compareVersions(version, event.fixed) >= 0) inside = false;
        if ('last_affected' in event && compareVersions(version, event.last_affected) > 0) inside = false;
      }
      return inside;
    });
  });
}

interface OsvQuery {
  package?: { name?: unknown; ecosystem?: unknown };
  version?: unknown;
}

export function osvMatches(records: readonly OsvRecord[], query: OsvQuery): OsvRecord[] {
  const name = query.package?.name;
  const ecosystem = query.package?.ecosystem;
  const version = query.version;
  if (typeof name !== 'string' || typeof ecosystem !== 'string' || typeof version !== 'string') return [];
  return records.filter((record) => osvAffects(record, ecosystem, name, version.replace(/^v/, '')));
}
