/**
 * A Python package index for the real pip: the simple repository API in HTML (PEP 503) and JSON (PEP 691)
 * under `<pypiUrl>/simple/`, and wheels built in memory from a release's files (PEP 427: the package's
 * modules plus a `.dist-info` with METADATA, WHEEL and RECORD), served under `<pypiUrl>/files/`.
 */
import { createHash } from 'node:crypto';
import { zipStore } from './zip.js';

export interface WheelRelease {
  /** The project name as published. */
  name: string;
  version: string;
  /** Module files by path inside the wheel, e.g. `tally/__init__.py`. */
  files: Readonly<Record<string, string>>;
  /** PEP 508 requirements (`Requires-Dist`). */
  dependencies?: readonly string[];
}

export type IndexAnswer = { status: number; contentType: string; body: string | Buffer };

const JSON_TYPE = 'application/vnd.pypi.simple.v1+json';

/** PEP 503: names compare case-insensitively, with runs of `-`, `_` and `.` alike. */
export function normaliseProject(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** PEP 427 file name: the name with runs of `-_.` as one `_`. */
export function wheelFilename(release: Pick<WheelRelease, 'name' | 'version'>): string {
  return `${release.name.replace(/[-_.]+/g, '_')}-${release.version}-py3-none-any.whl`;
}

function recordDigest(content: Buffer): string {
  return `sha256=${createHash('sha256').update(content).digest('base64url')}`;
}

export function buildWheel(release: WheelRelease): Buffer {
  const distInfo = `${release.name.replace(/[-_.]+/g, '_')}-${release.version}.dist-info`;
  const metadata = [
    'Metadata-Version: 2.1',
    `Name: ${release.name}`,
    `Version: ${release.version}`,
    ...(release.dependencies ?? []).map((requirement) => `Requires-Dist: ${requirement}`),
    '',
  ].join('\n');
  const entries = [
    ...Object.entries(release.files)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, content]) => ({ path, content: Buffer.from(content) })),
    { path: `${distInfo}/METADATA`, content: Buffer.from(metadata) },
    { path: `${distInfo}/WHEEL`, content: Buffer.from('Wheel-Version: 1.0\nGenerator: agentic-workflow-emulator\nRoot-Is-Purelib: true\nTag: py3-none-any\n') },
  ];
  const record = [...entries.map((entry) => `${entry.path},${recordDigest(entry.content)},${entry.content.length}`), `${distInfo}/RECORD,,`, ''].join('\n');
  return zipStore([...entries, { path: `${distInfo}/RECORD`, content: Buffer.from(record) }]);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export interface IndexedProject {
  name: string;
  wheels: Array<{ filename: string; sha256: string }>;
}

/**
 * `/simple/` and `/simple/<project>/`: the HTML page, or the JSON one when the client asks for it (pip sends
 * both types in Accept and prefers JSON). `filesUrl` is where the wheels are served.
 */
export function simpleIndexAnswer(projects: ReadonlyMap<string, IndexedProject>, path: string, accept: string, filesUrl: string): IndexAnswer {
  const json = accept.includes(JSON_TYPE);
  if (path === '/' || path === '') {
    const names = [...projects.values()].map((project) => project.name).sort();
    return json
      ? { status: 200, contentType: JSON_TYPE, body: JSON.stringify({ meta: { 'api-version': '1.0' }, projects: names.map((name) => ({ name })) }) }
      : {
          status: 200,
          contentType: 'text/html',
          body: `<!DOCTYPE html>\n<html><body>\n${names.map((name) => `<a href="${escapeHtml(normaliseProject(name))}/">${escapeHtml(name)}</a>`).join('\n')}\n</body></html>\n`,
        };
  }
  const match = /^\/([^/]+)\/?$/.exec(path);
  const project = match?.[1] ? projects.get(normaliseProject(decodeURIComponent(match[1]))) : undefined;
  if (!project) return { status: 404, contentType: 'text/plain', body: 'Not Found' };
  const url = (wheel: IndexedProject['wheels'][number]) => `${filesUrl}/${encodeURIComponent(wheel.filename)}`;
  if (json) {
    const files = project.wheels.map((wheel) => ({ filename: wheel.filename, url: url(wheel), hashes: { sha256: wheel.sha256 } }));
    return { status: 200, contentType: JSON_TYPE, body: JSON.stringify({ meta: { 'api-version': '1.0' }, name: normaliseProject(project.name), files }) };
  }
  const links = project.wheels.map((wheel) => `<a href="${escapeHtml(url(wheel))}#sha256=${wheel.sha256}">${escapeHtml(wheel.filename)}</a><br/>`);
  return {
    status: 200,
    contentType: 'text/html',
    body: `<!DOCTYPE html>\n<html><head><meta name="pypi:repository-version" content="1.0"></head><body>\n<h1>Links for ${escapeHtml(project.name)}</h1>\n${links.join('\n')}\n</body></html>\n`,
  };
}
