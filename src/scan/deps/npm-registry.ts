/**
 * The npm registry: the package document (`GET /<name>`, with `time.created` and each version's publication
 * time) and the downloads API (`GET /downloads/point/last-week/<name>`), which is optional: without it the
 * other facts still count.
 */
import {
  answerOrUnreachable,
  httpGet,
  isRecord,
  licenseText,
  RegistryUnreachableError,
  type HttpOptions,
  type PackageFacts,
  type PackageRegistry,
  type RegistryAnswer,
} from './registry.js';

export interface NpmRegistryOptions extends HttpOptions {
  registryUrl?: string;
  downloadsUrl?: string;
}

export const NPM_REGISTRY_URL = 'https://registry.npmjs.org';
export const NPM_DOWNLOADS_URL = 'https://api.npmjs.org';

/** `@scope/name` travels as `@scope%2fname`. */
export function npmDocumentPath(name: string): string {
  return name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
}

async function weeklyDownloads(name: string, options: NpmRegistryOptions): Promise<number | undefined> {
  try {
    const { body } = await httpGet(`${(options.downloadsUrl ?? NPM_DOWNLOADS_URL).replace(/\/$/, '')}/downloads/point/last-week/${name}`, 'json', options);
    return isRecord(body) && typeof body.downloads === 'number' ? body.downloads : undefined;
  } catch (error) {
    if (error instanceof RegistryUnreachableError) return undefined;
    throw error;
  }
}

export function npmFacts(document: Record<string, unknown>, version: string | undefined): { facts: PackageFacts; versionKnown: boolean } {
  const time = isRecord(document.time) ? document.time : {};
  const versions = isRecord(document.versions) ? document.versions : {};
  const distTags = isRecord(document['dist-tags']) ? document['dist-tags'] : {};
  const judged = version ?? (typeof distTags.latest === 'string' ? distTags.latest : undefined);
  const manifest = judged && isRecord(versions[judged]) ? versions[judged] : undefined;
  // `time.created` is the first publication; mirrors that drop it still list each version's time.
  const versionTimes = Object.entries(time)
    .filter(([key, value]) => key !== 'modified' && key !== 'created' && typeof value === 'string')
    .map(([, value]) => value as string)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  const createdAt = typeof time.created === 'string' ? time.created : versionTimes[0];
  const facts: PackageFacts = {
    ...(createdAt ? { createdAt } : {}),
    ...(judged ? { version: judged } : {}),
    ...(judged && typeof time[judged] === 'string' ? { versionPublishedAt: time[judged] as string } : {}),
  };
  const license = licenseText(manifest?.license) ?? licenseText(document.license);
  if (license) facts.license = license;
  return { facts, versionKnown: judged === undefined || manifest !== undefined };
}

export function createNpmRegistry(options: NpmRegistryOptions = {}): PackageRegistry {
  const base = (options.registryUrl ?? NPM_REGISTRY_URL).replace(/\/$/, '');
  return {
    ecosystem: 'npm',
    label: new URL(base).host,
    lookup: (name, version) =>
      answerOrUnreachable(async (): Promise<RegistryAnswer> => {
        const { status, body } = await httpGet(`${base}/${npmDocumentPath(name)}`, 'json', options);
        if (status === 404 || status === 410) return { status: 'not-found' };
        // An unpublished package keeps a document with `time.unpublished` and no versions.
        if (!isRecord(body) || !isRecord(body.versions) || Object.keys(body.versions).length === 0) return { status: 'not-found' };
        const { facts, versionKnown } = npmFacts(body, version);
        const downloads = await weeklyDownloads(name, options);
        if (downloads !== undefined) facts.weeklyDownloads = downloads;
        return versionKnown ? { status: 'found', facts } : { status: 'version-not-found', facts };
      }),
  };
}
