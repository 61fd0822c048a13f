/**
 * The package documents ("packuments") the npm registry serves: the full document, and the abbreviated one
 * npm asks for when installing (`Accept: application/vnd.npm.install-v1+json`), with the fields the npm
 * registry API documents for each.
 */
import { buildTarball, tarballDigests } from './tarball.js';

export interface PublishedVersion {
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  /** Files of the package besides package.json (which is generated); default: an index.js exporting the version. */
  files?: Record<string, string>;
  /** Extra package.json fields (main, type, bin, engines, scripts…). */
  manifest?: Record<string, unknown>;
  /** ISO time of publication; default: the emulator's clock when published. */
  publishedAt?: string;
  deprecated?: string;
  /** Who published this version (`_npmUser`); default: the package's first maintainer. */
  publisher?: string;
  /** The maintainers when this version was published; default: the package's maintainers then. */
  maintainers?: string[];
}

export interface StoredVersion {
  manifest: Record<string, unknown>;
  tarball: Buffer;
  shasum: string;
  integrity: string;
  publishedAt: string;
}

export interface StoredPackage {
  name: string;
  description?: string;
  license?: string;
  /** Repository URL, e.g. https://github.com/acme/left-pad (npm and the janitor read changelogs from it). */
  repository?: string;
  weeklyDownloads?: number;
  distTags: Record<string, string>;
  versions: Map<string, StoredVersion>;
  created: string;
  /** npm user names who may publish. */
  maintainers: string[];
  /** Set by an unpublish of the whole package: the document keeps only `time.unpublished`. */
  unpublished?: { time: string; by: string };
}

const person = (name: string) => ({ name, email: `${name}@users.example` });

/** The tarball's file name in its URL: the unscoped name, then the version. */
export function tarballFile(name: string, version: string): string {
  return `${name.split('/').pop() ?? name}-${version}.tgz`;
}

export function buildVersion(
  pkg: Pick<StoredPackage, 'name' | 'description' | 'license' | 'repository' | 'maintainers'>,
  published: PublishedVersion,
  now: string,
): StoredVersion {
  const manifest: Record<string, unknown> = {
    name: pkg.name,
    version: published.version,
    ...(pkg.description ? { description: pkg.description } : {}),
    ...(pkg.license ? { license: pkg.license } : {}),
    ...(pkg.repository ? { repository: { type: 'git', url: `git+${pkg.repository}.git` }, homepage: `${pkg.repository}#readme` } : {}),
    main: 'index.js',
    ...(published.manifest ?? {}),
    ...(published.dependencies ? { dependencies: published.dependencies } : {}),
    ...(published.devDependencies ? { devDependencies: published.devDependencies } : {}),
    ...(published.peerDependencies ? { peerDependencies: published.peerDependencies } : {}),
    ...(published.optionalDependencies ? { optionalDependencies: published.optionalDependencies } : {}),
  };
  const files = published.files ?? { 'index.js': `module.exports = ${JSON.stringify(published.version)};\n` };
  const tarball = buildTarball({ ...files, 'package.json': `${JSON.stringify(manifest, null, 2)}\n` });
  const maintainers = published.maintainers ?? pkg.maintainers;
  const publisher = published.publisher ?? maintainers[0];
  const registryFields = {
    ...(publisher ? { _npmUser: person(publisher) } : {}),
    ...(maintainers.length > 0 ? { maintainers: maintainers.map(person) } : {}),
    ...(published.deprecated ? { deprecated: published.deprecated } : {}),
  };
  return { manifest: { ...manifest, ...registryFields }, tarball, ...tarballDigests(tarball), publishedAt: published.publishedAt ?? now };
}

function dist(stored: StoredVersion, tarballUrl: string): Record<string, string> {
  return { tarball: tarballUrl, shasum: stored.shasum, integrity: stored.integrity };
}

function modified(pkg: StoredPackage): string {
  return [...pkg.versions.values()].map((stored) => stored.publishedAt).reduce((latest, time) => (time > latest ? time : latest), pkg.created);
}

const ABBREVIATED_FIELDS = [
  'name',
  'version',
  'dependencies',
  'optionalDependencies',
  'devDependencies',
  'peerDependencies',
  'peerDependenciesMeta',
  'bundleDependencies',
  'bin',
  'directories',
  'engines',
  'os',
  'cpu',
  'deprecated',
  'hasInstallScript',
] as const;

/** Pure: the full packument (`GET /<name>`). */
export function fullPackument(pkg: StoredPackage, tarballUrl: (version: string) => string): Record<string, unknown> {
  const versions: Record<string, unknown> = {};
  const time: Record<string, string> = { created: pkg.created, modified: modified(pkg) };
  // What is left of an unpublished package: its name and the record of the unpublication.
  if (pkg.unpublished)
    return {
      _id: pkg.name,
      name: pkg.name,
      time: {
        ...time,
        modified: pkg.unpublished.time,
        unpublished: { time: pkg.unpublished.time, name: pkg.unpublished.by, versions: [...pkg.versions.keys()] },
      },
    };
  for (const [version, stored] of pkg.versions) {
    versions[version] = { ...stored.manifest, _id: `${pkg.name}@${version}`, dist: dist(stored, tarballUrl(version)) };
    time[version] = stored.publishedAt;
  }
  return {
    _id: pkg.name,
    name: pkg.name,
    ...(pkg.description ? { description: pkg.description } : {}),
    'dist-tags': pkg.distTags,
    versions,
    time,
    ...(pkg.maintainers.length > 0 ? { maintainers: pkg.maintainers.map(person) } : {}),
    ...(pkg.license ? { license: pkg.license } : {}),
    ...(pkg.repository ? { repository: { type: 'git', url: `git+${pkg.repository}.git` }, homepage: `${pkg.repository}#readme` } : {}),
  };
}

/** Pure: the abbreviated packument npm installs from. */
export function abbreviatedPackument(pkg: StoredPackage, tarballUrl: (version: string) => string): Record<string, unknown> {
  if (pkg.unpublished) return fullPackument(pkg, tarballUrl);
  const versions: Record<string, unknown> = {};
  for (const [version, stored] of pkg.versions) {
    const picked: Record<string, unknown> = {};
    for (const field of ABBREVIATED_FIELDS) if (stored.manifest[field] !== undefined) picked[field] = stored.manifest[field];
    versions[version] = { ...picked, dist: dist(stored, tarballUrl(version)) };
  }
  return { name: pkg.name, modified: modified(pkg), 'dist-tags': pkg.distTags, versions };
}
