/**
 * The Go module proxy protocol (`GET /<module>/@v/list`, `GET /<module>/@v/<version>.info`). A module's first
 * publication is the time of its lowest listed version.
 */
import { answerOrUnreachable, httpGet, isRecord, type HttpOptions, type PackageFacts, type PackageRegistry, type RegistryAnswer } from './registry.js';

export interface GoProxyOptions extends HttpOptions {
  proxyUrl?: string;
}

export const GO_PROXY_URL = 'https://proxy.golang.org';

/** Upper-case letters are written `!` + lower case, so the path is safe on case-insensitive file systems. */
export function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, (letter) => `!${letter.toLowerCase()}`);
}

function versionKey(version: string): number[] {
  const match = /^v(\d+)\.(\d+)\.(\d+)(-)?/.exec(version);
  if (!match) return [Number.MAX_SAFE_INTEGER];
  // A pre-release sorts before its release.
  return [Number(match[1]), Number(match[2]), Number(match[3]), match[4] ? 0 : 1];
}

export function lowestVersion(versions: readonly string[]): string | undefined {
  return [...versions].sort((a, b) => {
    const left = versionKey(a);
    const right = versionKey(b);
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      const difference = (left[i] ?? 0) - (right[i] ?? 0);
      if (difference !== 0) return difference;
    }
    return a.localeCompare(b);
  })[0];
}

export function createGoProxy(options: GoProxyOptions = {}): PackageRegistry {
  const base = (options.proxyUrl ?? GO_PROXY_URL).replace(/\/$/, '');
  const info = async (module: string, version: string): Promise<string | undefined | null> => {
    const { status, body } = await httpGet(`${base}/${escapeModulePath(module)}/@v/${escapeModulePath(version)}.info`, 'json', options);
    if (status === 404 || status === 410) return null;
    return isRecord(body) && typeof body.Time === 'string' ? body.Time : undefined;
  };
  return {
    ecosystem: 'go',
    label: new URL(base).host,
    lookup: (name, version) =>
      answerOrUnreachable(async (): Promise<RegistryAnswer> => {
        const list = await httpGet(`${base}/${escapeModulePath(name)}/@v/list`, 'text', options);
        if (list.status === 404 || list.status === 410) return { status: 'not-found' };
        const versions = String(list.body ?? '')
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean);
        const facts: PackageFacts = {};
        if (version) {
          facts.version = version;
          const published = await info(name, version);
          if (published === null) return { status: 'version-not-found', facts };
          if (published) facts.versionPublishedAt = published;
        }
        const first = lowestVersion(versions);
        const created = first ? (first === version ? facts.versionPublishedAt : await info(name, first)) : facts.versionPublishedAt;
        if (created) facts.createdAt = created;
        if (versions.length === 0 && !version) return { status: 'not-found' };
        return { status: 'found', facts };
      }),
  };
}
