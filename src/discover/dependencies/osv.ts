/**
 * OSV (https://ossf.github.io/osv-schema/): which advisories affect pinned PyPI and Go versions. One batch
 * query for every dependency, then each advisory's record once. The HTTP calls go through `post`/`get`.
 */
import { isRecord } from '../../core/is-record.js';
import type { Advisory } from './facts.js';

export type OsvEcosystem = 'PyPI' | 'Go';

export interface OsvQuery {
  ecosystem: OsvEcosystem;
  name: string;
  version: string;
}

export interface OsvClient {
  post(path: string, body: unknown): Promise<unknown>;
  get(path: string): Promise<unknown>;
}

const SEVERITY_WORDS = new Set(['critical', 'high', 'moderate', 'medium', 'low']);

/** An OSV record → the advisory for one package: the first `fixed` event after the version, the source's severity word. */
export function osvAdvisory(record: unknown, query: OsvQuery): Advisory | undefined {
  if (!isRecord(record) || typeof record.id !== 'string') return undefined;
  const affected = (Array.isArray(record.affected) ? record.affected : [])
    .filter(isRecord)
    .find((entry) => isRecord(entry.package) && entry.package.name === query.name && entry.package.ecosystem === query.ecosystem);
  const events = (Array.isArray(affected?.ranges) ? affected.ranges : [])
    .filter(isRecord)
    .flatMap((range) => (Array.isArray(range.events) ? range.events.filter(isRecord) : []));
  const introduced = events.flatMap((event) => (typeof event.introduced === 'string' ? [event.introduced] : []));
  const fixed = events.flatMap((event) => (typeof event.fixed === 'string' ? [event.fixed] : []));
  const databaseSeverity =
    isRecord(record.database_specific) && typeof record.database_specific.severity === 'string' ? record.database_specific.severity.toLowerCase() : undefined;
  const references = (Array.isArray(record.references) ? record.references : []).filter(isRecord);
  const advisoryUrl = references.find((ref) => ref.type === 'ADVISORY' && typeof ref.url === 'string')?.url;
  const range = introduced
    .map((from, index) => `${from === '0' ? '' : `>=${from}`}${fixed[index] ? `${from === '0' ? '' : ', '}<${fixed[index]}` : ''}`)
    .join(' || ');
  const fixedIn = fixed[0] ? (query.ecosystem === 'Go' && !fixed[0].startsWith('v') ? `v${fixed[0]}` : fixed[0]) : undefined;
  return {
    id: record.id,
    title: typeof record.summary === 'string' && record.summary.trim() ? record.summary.trim() : record.id,
    severity: databaseSeverity && SEVERITY_WORDS.has(databaseSeverity) ? databaseSeverity : 'moderate',
    url: typeof advisoryUrl === 'string' ? advisoryUrl : `https://osv.dev/vulnerability/${record.id}`,
    range,
    ...(fixedIn ? { fixedIn } : {}),
    ...(Array.isArray(record.aliases) ? { aliases: record.aliases.filter((alias): alias is string => typeof alias === 'string') } : {}),
  };
}

/** The advisories for each query, in the order asked. */
export async function queryOsv(client: OsvClient, queries: readonly OsvQuery[]): Promise<Advisory[][]> {
  if (queries.length === 0) return [];
  const answer = await client.post('/v1/querybatch', {
    queries: queries.map((q) => ({
      package: { ecosystem: q.ecosystem, name: q.name },
      version: q.ecosystem === 'Go' ? q.version.replace(/^v/, '') : q.version,
    })),
  });
  const results = isRecord(answer) && Array.isArray(answer.results) ? answer.results : [];
  const records = new Map<string, unknown>();
  const idsPerQuery = queries.map((_, index) => {
    const result = results[index];
    return isRecord(result) && Array.isArray(result.vulns)
      ? result.vulns.flatMap((vuln) => (isRecord(vuln) && typeof vuln.id === 'string' ? [vuln.id] : []))
      : [];
  });
  for (const id of new Set(idsPerQuery.flat())) records.set(id, await client.get(`/v1/vulns/${encodeURIComponent(id)}`));
  return idsPerQuery.map((ids, index) =>
    ids.flatMap((id) => {
      const advisory = osvAdvisory(records.get(id), queries[index] as OsvQuery);
      return advisory ? [advisory] : [];
    }),
  );
}
