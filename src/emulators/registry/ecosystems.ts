/**
 * The other ecosystems' services on loopback, each under its own base URL: PyPI's JSON API (`pypiUrl`),
 * the Go module proxy (`goProxyUrl`, what GOPROXY is set to) and OSV's API (`osvUrl`: `POST /v1/querybatch`,
 * `POST /v1/query`, `GET /v1/vulns/<id>`, https://google.github.io/osv.dev/api/).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { osvMatches, type OsvRecord } from './advisories.js';
import { goProxyAnswer, pypiDocument, type GoModule, type PypiProject } from './pypi-go.js';

export type { OsvRecord, OsvEcosystem } from './advisories.js';
export type { GoModule, PypiProject } from './pypi-go.js';

export interface EcosystemsEmulatorOptions {
  pypi?: PypiProject[];
  go?: GoModule[];
  osv?: OsvRecord[];
}

export interface EcosystemsEmulator {
  pypiUrl: string;
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

  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
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
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    pypiUrl: `${base}/pypi`,
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
