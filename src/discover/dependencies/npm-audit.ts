/**
 * npm's own audit data: `npm audit --json --package-lock-only` reads the lockfile (no install, no script runs)
 * and asks the registry's bulk advisory endpoint. The report (auditReportVersion 2) is parsed here; running npm
 * is the caller's business.
 */
import { isRecord } from '../../core/is-record.js';
import type { Advisory } from './facts.js';

export interface AuditedPackage {
  name: string;
  direct: boolean;
  /** Lockfile paths where it is installed (node_modules/…). */
  nodes: string[];
  /** Direct dependencies that pull it in, when it is not direct. */
  effects: string[];
  advisories: Advisory[];
}

export type AuditReport = { status: 'ok'; packages: AuditedPackage[] } | { status: 'error'; code: string; message: string };

function fixOf(fixAvailable: unknown, name: string): { fixedIn?: string; fixIsMajor?: boolean } {
  if (!isRecord(fixAvailable) || typeof fixAvailable.version !== 'string') return {};
  // npm's fix names the package to change: the vulnerable one itself, or the direct dependency above it.
  return fixAvailable.name === name
    ? { fixedIn: fixAvailable.version, fixIsMajor: fixAvailable.isSemVerMajor === true }
    : { fixIsMajor: fixAvailable.isSemVerMajor === true };
}

/** Parses `npm audit --json` output; an npm error report (`{"error": {...}}`) or unreadable output is an error answer. */
export function parseNpmAudit(stdout: string): AuditReport {
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    return { status: 'error', code: 'EJSONPARSE', message: `npm audit printed no JSON report: ${stdout.trim().slice(0, 200) || '(nothing)'}` };
  }
  if (!isRecord(value)) return { status: 'error', code: 'EJSONPARSE', message: 'npm audit printed no JSON object' };
  if (isRecord(value.error)) {
    const code = typeof value.error.code === 'string' ? value.error.code : 'ERROR';
    const summary = typeof value.error.summary === 'string' ? value.error.summary : '';
    return { status: 'error', code, message: summary.split('\n')[0] ?? code };
  }
  if (value.auditReportVersion !== 2 || !isRecord(value.vulnerabilities))
    return { status: 'error', code: 'EFORMAT', message: 'not an npm audit report (auditReportVersion 2)' };
  const packages: AuditedPackage[] = [];
  for (const [name, raw] of Object.entries(value.vulnerabilities)) {
    if (!isRecord(raw)) continue;
    const via = Array.isArray(raw.via) ? raw.via : [];
    const advisories: Advisory[] = via.filter(isRecord).flatMap((entry) =>
      typeof entry.source === 'number' || typeof entry.url === 'string'
        ? [
            {
              id: typeof entry.url === 'string' ? (/GHSA-[\w-]+/.exec(entry.url)?.[0] ?? String(entry.source)) : String(entry.source),
              title: typeof entry.title === 'string' ? entry.title : 'advisory',
              severity: typeof entry.severity === 'string' ? entry.severity : 'moderate',
              url: typeof entry.url === 'string' ? entry.url : '',
              range: typeof entry.range === 'string' ? entry.range : '',
              ...fixOf(raw.fixAvailable, name),
            },
          ]
        : [],
    );
    packages.push({
      name,
      direct: raw.isDirect === true,
      nodes: Array.isArray(raw.nodes) ? raw.nodes.filter((node): node is string => typeof node === 'string') : [],
      effects: Array.isArray(raw.effects) ? raw.effects.filter((effect): effect is string => typeof effect === 'string') : [],
      advisories,
    });
  }
  return { status: 'ok', packages };
}
