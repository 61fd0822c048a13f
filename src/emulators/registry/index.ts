/**
 * The npm registry emulator: package documents, tarballs and the weekly downloads count on 127.0.0.1, for
 * the real npm client (`npm --registry <url>` or `registry=<url>` in an .npmrc). Packages are published at
 * start or later (`publish`), their tarballs built in memory, so tests and local dry runs need no network.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { bulkAdvisories, type NpmAdvisory } from './advisories.js';
import { abbreviatedPackument, buildVersion, fullPackument, tarballFile, type PublishedVersion, type StoredPackage } from './packument.js';

export { buildTarball, tarballDigests } from './tarball.js';
export type { PublishedVersion } from './packument.js';
export type { NpmAdvisory } from './advisories.js';
export { startEcosystemsEmulator, type EcosystemsEmulator } from './ecosystems.js';

export interface RegistryPackage {
  name: string;
  versions: PublishedVersion[];
  /** dist-tags; `latest` defaults to the highest version published without a prerelease part. */
  distTags?: Record<string, string>;
  description?: string;
  license?: string;
  /** e.g. https://github.com/acme/left-pad */
  repository?: string;
  weeklyDownloads?: number;
  /** ISO time the package was created; default: the first version's publication. */
  created?: string;
  /** npm user names who may publish; the first publishes each version unless it names its publisher. */
  maintainers?: string[];
}

export interface RegistryRequest {
  method: string;
  path: string;
  /** `abbreviated` when npm asked for the install document. */
  document?: 'full' | 'abbreviated';
  /** The JSON body of a POST, gunzipped when npm sent it gzipped. */
  body?: unknown;
}

export interface RegistryFault {
  /** Requests whose path matches fail; every request when absent. */
  path?: RegExp;
  status: number;
  /** How many matching requests fail; all of them when absent. */
  times?: number;
}

export interface RegistryEmulatorOptions {
  packages?: RegistryPackage[];
  /** The advisory database behind npm audit (`POST /-/npm/v1/security/advisories/bulk`). */
  advisories?: NpmAdvisory[];
  /** Clock for publication times; default the real one. */
  now?: () => Date;
}

export interface RegistryEmulator {
  /** e.g. http://127.0.0.1:PORT/ — what `--registry` is set to. */
  url: string;
  requests: RegistryRequest[];
  /** Publishes a package or more versions of one (dist-tags recomputed unless given). */
  publish(pkg: RegistryPackage): void;
  /** Marks a version deprecated, as `npm deprecate` does. */
  deprecate(name: string, version: string, message: string): void;
  /** Unpublishes a whole package, as `npm unpublish <name> --force` does. */
  unpublish(name: string, by: string): void;
  /** The advisory database; add to it while the emulator runs. */
  advisories: NpmAdvisory[];
  /** Answers matching requests with an error status. */
  fail(fault: RegistryFault): void;
  close(): Promise<void>;
}

const ABBREVIATED = 'application/vnd.npm.install-v1+json';

function compareVersions(a: string, b: string): number {
  const parse = (version: string) =>
    version
      .split(/[.+-]/)
      .slice(0, 3)
      .map((part) => Number.parseInt(part, 10) || 0);
  const [x, y] = [parse(a), parse(b)];
  for (let index = 0; index < 3; index++) if ((x[index] ?? 0) !== (y[index] ?? 0)) return (x[index] ?? 0) - (y[index] ?? 0);
  return 0;
}

function latestStable(versions: Iterable<string>): string | undefined {
  return [...versions]
    .filter((version) => !version.includes('-'))
    .sort(compareVersions)
    .at(-1);
}

/** `/left-pad`, `/@scope%2fname`, `/@scope/name` → the package name; tarball paths → name and file. */
function route(
  path: string,
): { kind: 'packument'; name: string } | { kind: 'tarball'; name: string; file: string } | { kind: 'downloads'; name: string } | null {
  const clean = decodeURIComponent(path.split('?')[0] ?? '');
  const downloads = /^\/downloads\/point\/last-week\/(.+)$/.exec(clean);
  if (downloads?.[1]) return { kind: 'downloads', name: downloads[1] };
  const tarball = /^\/((?:@[^/]+\/)?[^/@]+)\/-\/([^/]+\.tgz)$/.exec(clean);
  if (tarball?.[1] && tarball[2]) return { kind: 'tarball', name: tarball[1], file: tarball[2] };
  const packument = /^\/((?:@[^/]+\/)?[^/@]+)\/?$/.exec(clean);
  if (packument?.[1]) return { kind: 'packument', name: packument[1] };
  return null;
}

export async function startRegistryEmulator(options: RegistryEmulatorOptions = {}): Promise<RegistryEmulator> {
  const now = options.now ?? (() => new Date());
  const store = new Map<string, StoredPackage>();
  const requests: RegistryRequest[] = [];
  let base = '';
  const tarballUrl = (name: string) => (version: string) => `${base}${name}/-/${tarballFile(name, version)}`;

  const publish = (pkg: RegistryPackage): void => {
    const at = now().toISOString();
    const stored: StoredPackage = store.get(pkg.name) ?? {
      name: pkg.name,
      distTags: {},
      versions: new Map(),
      created: pkg.created ?? pkg.versions[0]?.publishedAt ?? at,
      maintainers: pkg.maintainers ?? [],
    };
    if (pkg.maintainers) stored.maintainers = pkg.maintainers;
    stored.description = pkg.description ?? stored.description;
    stored.license = pkg.license ?? stored.license;
    stored.repository = pkg.repository ?? stored.repository;
    stored.weeklyDownloads = pkg.weeklyDownloads ?? stored.weeklyDownloads;
    for (const version of pkg.versions) {
      if (stored.versions.has(version.version)) throw new Error(`${pkg.name}@${version.version} is already published (the registry never replaces a version)`);
      stored.versions.set(version.version, buildVersion(stored, version, at));
    }
    const latest = latestStable(stored.versions.keys());
    stored.distTags = { ...stored.distTags, ...(latest ? { latest } : {}), ...(pkg.distTags ?? {}) };
    store.set(pkg.name, stored);
  };
  for (const pkg of options.packages ?? []) publish(pkg);

  const advisories = [...(options.advisories ?? [])];
  const faults: RegistryFault[] = [];
  const send = (response: ServerResponse, status: number, body: unknown, type = 'application/json') => {
    const data = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    response.writeHead(status, { 'content-type': type, 'content-length': data.length });
    response.end(data);
  };

  const handle = (request: IncomingMessage, response: ServerResponse, payload: Buffer) => {
    const method = request.method ?? 'GET';
    const path = request.url ?? '/';
    const target = route(path);
    const record: RegistryRequest = { method, path };
    requests.push(record);
    const fault = faults.find((candidate) => (!candidate.path || candidate.path.test(path)) && (candidate.times === undefined || candidate.times > 0));
    if (fault) {
      if (fault.times !== undefined) fault.times--;
      return send(response, fault.status, { error: `emulated failure (${fault.status})` });
    }
    if (method === 'POST' && path.split('?')[0] === '/-/npm/v1/security/advisories/bulk') {
      // npm sends this body gzipped (content-encoding: gzip).
      record.body = JSON.parse((request.headers['content-encoding'] === 'gzip' ? gunzipSync(payload) : payload).toString('utf8') || '{}') as unknown;
      return send(response, 200, bulkAdvisories(advisories, record.body as Record<string, unknown>));
    }
    if (method !== 'GET' && method !== 'HEAD') return send(response, 405, { error: 'Method not allowed' });
    if (!target) return send(response, 404, { error: 'Not found' });
    const pkg = store.get(target.name);
    if (!pkg) return send(response, 404, { error: 'Not found' });
    if (target.kind === 'downloads') {
      return pkg.weeklyDownloads === undefined
        ? send(response, 404, { error: `package ${pkg.name} not found` })
        : send(response, 200, { downloads: pkg.weeklyDownloads, package: pkg.name, start: '', end: '' });
    }
    if (pkg.unpublished && target.kind === 'tarball') return send(response, 404, { error: 'Not found' });
    if (target.kind === 'tarball') {
      const version = [...pkg.versions.keys()].find((candidate) => tarballFile(pkg.name, candidate) === target.file);
      const stored = version ? pkg.versions.get(version) : undefined;
      return stored ? send(response, 200, stored.tarball, 'application/octet-stream') : send(response, 404, { error: 'Not found' });
    }
    const abbreviated = (request.headers.accept ?? '').includes(ABBREVIATED);
    record.document = abbreviated ? 'abbreviated' : 'full';
    const body = abbreviated ? abbreviatedPackument(pkg, tarballUrl(pkg.name)) : fullPackument(pkg, tarballUrl(pkg.name));
    send(response, 200, body, abbreviated ? ABBREVIATED : 'application/json');
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        handle(request, response, Buffer.concat(chunks));
      } catch (error) {
        send(response, 500, { error: error instanceof Error ? error.message : String(error) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url: base,
    requests,
    publish,
    deprecate(name, version, message) {
      const stored = store.get(name)?.versions.get(version);
      if (!stored) throw new Error(`${name}@${version} is not published`);
      stored.manifest = { ...stored.manifest, deprecated: message };
    },
    unpublish(name, by) {
      const pkg = store.get(name);
      if (!pkg) throw new Error(`${name} is not published`);
      pkg.unpublished = { time: now().toISOString(), by };
    },
    advisories,
    fail: (fault) => void faults.push({ ...fault }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
