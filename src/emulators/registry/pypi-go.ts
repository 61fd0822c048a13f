/**
 * PyPI's JSON API (`GET /pypi/<project>/json`, https://docs.pypi.org/api/json/) and the Go module proxy
 * protocol (`/<module>/@v/list`, `/@latest`, `/@v/<version>.info`, `/@v/<version>.mod`, `/@v/<version>.zip`,
 * https://go.dev/ref/mod#goproxy-protocol).
 */
import { compareVersions } from './advisories.js';
import { zipStore } from './zip.js';

export interface PypiProject {
  name: string;
  releases: {
    version: string;
    uploadedAt: string;
    /** The yank reason. */
    yanked?: string;
    /** Module files (`tally/__init__.py` → source): the release has a wheel on the simple index. */
    files?: Record<string, string>;
    /** PEP 508 requirements of that wheel. */
    dependencies?: string[];
  }[];
  summary?: string;
  /** `project_urls` (e.g. Changelog). */
  projectUrls?: Record<string, string>;
}

export interface GoModule {
  path: string;
  /** `files` (go.mod included) make the version downloadable: its `.mod` and `.zip` are served from them. */
  versions: { version: string; time: string; files?: Record<string, string> }[];
  /** The `// Deprecated:` comment of the latest go.mod. */
  deprecated?: string;
}

export function pypiDocument(project: PypiProject): Record<string, unknown> {
  const live = project.releases
    .filter((release) => !release.yanked)
    .map((release) => release.version)
    .sort(compareVersions);
  const latest = live.at(-1) ?? project.releases.at(-1)?.version ?? '';
  const file = (release: PypiProject['releases'][number]) => ({
    filename: `${project.name}-${release.version}.tar.gz`,
    packagetype: 'sdist',
    upload_time_iso_8601: release.uploadedAt,
    yanked: release.yanked !== undefined,
    yanked_reason: release.yanked ?? null,
  });
  return {
    info: {
      name: project.name,
      version: latest,
      summary: project.summary ?? '',
      project_urls: project.projectUrls ?? null,
      yanked: false,
      yanked_reason: null,
    },
    releases: Object.fromEntries(project.releases.map((release) => [release.version, [file(release)]])),
    urls: project.releases.filter((release) => release.version === latest).map(file),
  };
}

export type GoProxyAnswer = { status: number; contentType: string; body: string | Buffer };

export function goProxyAnswer(modules: ReadonlyMap<string, GoModule>, path: string): GoProxyAnswer {
  const notFound = { status: 404, contentType: 'text/plain', body: 'not found' };
  const match = /^\/(.+?)\/@(latest|v\/list|v\/(.+)\.(info|mod|zip))$/.exec(path);
  if (!match) return notFound;
  const module = modules.get(match[1] ?? '');
  if (!module) return { ...notFound, body: `not found: module ${match[1]}: no matching versions` };
  const sorted = [...module.versions].sort((a, b) => compareVersions(a.version, b.version));
  if (match[2] === 'v/list') return { status: 200, contentType: 'text/plain', body: sorted.map((v) => `${v.version}\n`).join('') };
  const wanted = match[2] === 'latest' ? sorted.at(-1) : sorted.find((v) => v.version === match[3]);
  if (!wanted) return notFound;
  if (match[4] === 'zip') {
    if (!wanted.files) return notFound;
    // Every file under `<module>@<version>/`, as the go command expects of a module zip.
    const entries = Object.entries(wanted.files)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([file, content]) => ({ path: `${module.path}@${wanted.version}/${file}`, content: Buffer.from(content) }));
    return { status: 200, contentType: 'application/zip', body: zipStore(entries) };
  }
  if (match[4] === 'mod' && wanted.files?.['go.mod'] !== undefined) return { status: 200, contentType: 'text/plain', body: wanted.files['go.mod'] };
  if (match[4] === 'mod') {
    const latest = wanted === sorted.at(-1);
    return {
      status: 200,
      contentType: 'text/plain',
      body: `${latest && module.deprecated ? `// Deprecated: ${module.deprecated}\n` : ''}module ${module.path}\n\ngo 1.21\n`,
    };
  }
  return { status: 200, contentType: 'application/json', body: JSON.stringify({ Version: wanted.version, Time: wanted.time }) };
}
