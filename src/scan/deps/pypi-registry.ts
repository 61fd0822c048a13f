/** PyPI's JSON API (`GET /pypi/<name>/json`): releases with upload times, the latest version, the licence. */
import { answerOrUnreachable, httpGet, isRecord, type HttpOptions, type PackageFacts, type PackageRegistry, type RegistryAnswer } from './registry.js';

export interface PypiRegistryOptions extends HttpOptions {
  indexUrl?: string;
}

export const PYPI_URL = 'https://pypi.org';

function earliestUpload(files: unknown): string | undefined {
  if (!Array.isArray(files)) return undefined;
  const times = files
    .map((file: unknown) => (isRecord(file) && typeof file.upload_time_iso_8601 === 'string' ? file.upload_time_iso_8601 : undefined))
    .filter((time): time is string => time !== undefined)
    .sort();
  return times[0];
}

export function pypiFacts(document: Record<string, unknown>, version: string | undefined): { facts: PackageFacts; versionKnown: boolean } {
  const info = isRecord(document.info) ? document.info : {};
  const releases = isRecord(document.releases) ? document.releases : {};
  const judged = version ?? (typeof info.version === 'string' ? info.version : undefined);
  const uploads = Object.values(releases)
    .map(earliestUpload)
    .filter((time): time is string => time !== undefined)
    .sort();
  const facts: PackageFacts = { ...(uploads[0] ? { createdAt: uploads[0] } : {}), ...(judged ? { version: judged } : {}) };
  const published = judged ? earliestUpload(releases[judged]) : undefined;
  if (published) facts.versionPublishedAt = published;
  const license =
    typeof info.license_expression === 'string' && info.license_expression
      ? info.license_expression
      : typeof info.license === 'string' && info.license.length < 100
        ? info.license
        : undefined;
  if (license) facts.license = license;
  return { facts, versionKnown: judged === undefined || judged in releases };
}

export function createPypiRegistry(options: PypiRegistryOptions = {}): PackageRegistry {
  const base = (options.indexUrl ?? PYPI_URL).replace(/\/$/, '');
  return {
    ecosystem: 'pypi',
    label: new URL(base).host,
    lookup: (name, version) =>
      answerOrUnreachable(async (): Promise<RegistryAnswer> => {
        const { status, body } = await httpGet(`${base}/pypi/${encodeURIComponent(name)}/json`, 'json', options);
        if (status === 404 || status === 410 || !isRecord(body)) return { status: 'not-found' };
        const { facts, versionKnown } = pypiFacts(body, version);
        return versionKnown ? { status: 'found', facts } : { status: 'version-not-found', facts };
      }),
  };
}
