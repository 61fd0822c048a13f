import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake npm registry on loopback (package documents and the downloads API) for runner tests, plus the URL
 * of a port nothing listens on, to stand for PyPI and the Go proxy being unreachable (as they are here).
 */
export interface FakePackage {
  created: string;
  versions: Record<string, string>;
  latest: string;
  weeklyDownloads?: number;
  license?: string;
}

export interface FakeRegistry {
  url: string;
  unreachableUrl: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeRegistry(packages: Record<string, FakePackage>): Promise<FakeRegistry> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = request.url ?? '';
    requests.push(url);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const downloads = /^\/downloads\/point\/last-week\/(.+)$/.exec(url);
    if (downloads) {
      const found = packages[decodeURIComponent(downloads[1] ?? '')];
      return found?.weeklyDownloads !== undefined ? send(200, { downloads: found.weeklyDownloads }) : send(404, { error: 'not found' });
    }
    const name = decodeURIComponent(url.slice(1));
    const found = packages[name];
    if (!found) return send(404, { error: 'Not found' });
    send(200, {
      name,
      'dist-tags': { latest: found.latest },
      versions: Object.fromEntries(Object.keys(found.versions).map((version) => [version, { name, version, license: found.license ?? 'MIT' }])),
      time: { created: found.created, modified: found.created, ...found.versions },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const unreachablePort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    unreachableUrl: `http://127.0.0.1:${unreachablePort}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const DAY = 86_400_000;
export const isoDaysAgo = (days: number, now = Date.now()) => new Date(now - days * DAY).toISOString();
