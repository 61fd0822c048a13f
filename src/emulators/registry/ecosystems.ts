/**
 * The other ecosystems' services on loopback, each under its own base URL: PyPI's JSON API (`pypiUrl`), its
 * simple index for pip (`pypiIndexUrl`, what `--index-url` or PIP_INDEX_URL is set to) with wheels built from
 * the releases' files, the Go module proxy (`goProxyUrl`, what GOPROXY is set to) and OSV's API (`osvUrl`: `POST /v1/querybatch`,
 * `POST /v1/query`, `GET /v1/vulns/<id>`, https://google.github.io/osv.dev/api/).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { osvMatches, type OsvRecord } from './advisories.js';
import { goProxyAnswer, pypiDocument, type GoModule, type PypiProject } from './pypi-go.js';
import { buildWheel, simpleIndexAnswer, wheelFilename, type IndexedProject } from './python-index.js';

export type { OsvRecord, OsvEcosystem } from './advisories.js';
export type { GoModule, PypiProject } from './pypi-go.js';

export interface EcosystemsEmulatorOptions {
  pypi?: PypiProject[];
  go?: GoModule[];
  osv?: OsvRecord[];
}

export interface EcosystemsEmulator {
  pypiUrl: string;
  /** The simple index (PEP 503/691): `pip --index-url <this>`. */
  pypiIndexUrl: string;
  goProxyUrl: string;
  osvUrl: string;
  pypi: Map<string, PypiProject>;
  go: Map<string, GoModule>;
  osv: OsvRecord[];
  requests: { method: string; path: string; body?: unknown }[];
  close(): Promise<void>;
}

/** PEP 503 normalisation: `Foo_Bar.baz` and `foo-bar-baz` are one project. */
const normalise = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

async function readJson(incoming: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}

export async function startEcosystemsEmulator(options: EcosystemsEmulatorOptions = {}): Promise<EcosystemsEmulator> {
  const pypi = new Map((options.pypi ?? []).map((project) => [normalise(project.name), project]));
  const go = new Map((options.go ?? []).map((module) => [module.path, module]));
  const osv = [...(options.osv ?? [])];
  const requests: EcosystemsEmulator['requests'] = [];
  let base = '';

  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

  /** The wheels of every release that has files, by file name; built when asked for. */
  const wheels = () => {
    const byFile = new Map<string, Buffer>();
    const projects = new Map<string, IndexedProject>();
    for (const [key, project] of pypi) {
      const indexed: IndexedProject = { name: project.name, wheels: [] };
      for (const release of project.releases) {
        if (!release.files || release.yanked) continue;
        const wheel = buildWheel({
          name: project.name,
          version: release.version,
          files: release.files,
          ...(release.dependencies ? { dependencies: release.dependencies } : {}),
        });
        const filename = wheelFilename({ name: project.name, version: release.version });
        byFile.set(filename, wheel);
        indexed.wheels.push({ filename, sha256: createHash('sha256').update(wheel).digest('hex') });
      }
      projects.set(key, indexed);
    }
    return { byFile, projects };
  };

  const handle = async (incoming: IncomingMessage, response: ServerResponse) => {
    const method = (incoming.method ?? 'GET').toUpperCase();
    const path = new URL(incoming.url ?? '/', 'http://emulator.invalid').pathname;
    const body = method === 'POST' ? await readJson(incoming).catch(() => null) : undefined;
    requests.push({ method, path, ...(body !== undefined ? { body } : {}) });
    if (body === null) return json(response, 400, { code: 3, message: 'Invalid JSON' });
    const project = /^\/pypi\/pypi\/([^/]+)\/json$/.exec(path);
    if (method === 'GET' && project) {
      const found = pypi.get(normalise(decodeURIComponent(project[1] ?? '')));
      return found ? json(response, 200, pypiDocument(found)) : json(response, 404, { message: 'Not Found' });
    }
    if (method === 'GET' && (path === '/pypi/simple' || path.startsWith('/pypi/simple/'))) {
      const answer = simpleIndexAnswer(wheels().projects, path.slice('/pypi/simple'.length), incoming.headers.accept ?? '', `${base}/pypi/files`);
      response.writeHead(answer.status, { 'content-type': answer.contentType });
      return response.end(answer.body);
    }
    const file = /^\/pypi\/files\/([^/]+\.whl)$/.exec(path);
    if (method === 'GET' && file?.[1]) {
      const wheel = wheels().byFile.get(decodeURIComponent(file[1]));
      response.writeHead(wheel ? 200 : 404, { 'content-type': wheel ? 'application/octet-stream' : 'text/plain' });
      return response.end(wheel ?? 'Not Found');
    }
    if (method === 'GET' && path.startsWith('/go/')) {
      const answer = goProxyAnswer(go, path.slice('/go'.length));
      response.writeHead(answer.status, { 'content-type': answer.contentType });
      return response.end(answer.body);
    }
    if (method === 'POST' && path === '/osv/v1/querybatch') {
      const queries = ((body as { queries?: unknown[] } | undefined)?.queries ?? []) as Parameters<typeof osvMatches>[1][];
      const results = queries.map((query) => {
        const vulns = osvMatches(osv, query).map((record) => ({ id: record.id, modified: record.modified }));
        return vulns.length > 0 ? { vulns } : {};
      });
      return json(response, 200, { results });
    }
    if (method === 'POST' && path === '/osv/v1/query') {
      const vulns = osvMatches(osv, (body ?? {}) as Parameters<typeof osvMatches>[1]);
      return json(response, 200, vulns.length > 0 ? { vulns } : {});
    }
    const vuln = /^\/osv\/v1\/vulns\/(.+)$/.exec(path);
    if (method === 'GET' && vuln) {
      const record = osv.find((candidate) => candidate.id === decodeURIComponent(vuln[1] ?? ''));
      return record ? json(response, 200, record) : json(response, 404, { code: 5, message: 'Bug not found.' });
    }
    return json(response, 404, { message: 'Not Found' });
  };

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((error: unknown) => json(response, 500, { message: error instanceof Error ? error.message : String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    pypiUrl: `${base}/pypi`,
    pypiIndexUrl: `${base}/pypi/simple`,
    goProxyUrl: `${base}/go`,
    osvUrl: `${base}/osv`,
    pypi,
    go,
    osv,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
