import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoProxy, escapeModulePath, lowestVersion } from '../../src/scan/deps/go-proxy.js';
import { createNpmRegistry, npmDocumentPath } from '../../src/scan/deps/npm-registry.js';
import { createPypiRegistry } from '../../src/scan/deps/pypi-registry.js';
import { createRegistries } from '../../src/scan/deps/registries.js';

/**
 * The registry clients against fake npm, PyPI and Go-proxy servers on loopback, speaking each registry's real
 * URL scheme and document shape. Requests are recorded so the tests can check what was asked.
 */
let server: Server;
let base = '';
const requests: string[] = [];

const NPM_DOCS: Record<string, unknown> = {
  lodash: {
    name: 'lodash',
    'dist-tags': { latest: '4.17.21' },
    versions: { '4.17.20': { license: 'MIT' }, '4.17.21': { license: 'MIT' } },
    time: { created: '2012-04-23T16:37:11.912Z', '4.17.20': '2020-08-13T16:53:54.152Z', '4.17.21': '2021-02-20T15:42:16.891Z' },
  },
  '@acme/widget': {
    name: '@acme/widget',
    'dist-tags': { latest: '1.0.0' },
    versions: { '1.0.0': {} },
    time: { created: '2026-11-19T10:00:00.000Z', '1.0.0': '2026-11-19T10:00:00.000Z' },
    license: 'GPL-3.0',
  },
  gone: { name: 'gone', time: { created: '2020-01-01T00:00:00.000Z', unpublished: { time: '2020-02-01T00:00:00.000Z' } } },
};

function send(response: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  response.writeHead(status, { 'content-type': type });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function handle(request: IncomingMessage, response: ServerResponse): void {
  const url = request.url ?? '';
  requests.push(url);
  if (url.startsWith('/slow/')) return void setTimeout(() => send(response, 200, {}), 2000);
  if (url.startsWith('/broken/')) return send(response, 503, { error: 'unavailable' });
  if (url.startsWith('/npm/downloads/point/last-week/')) {
    const name = decodeURIComponent(url.slice('/npm/downloads/point/last-week/'.length));
    return name === 'lodash' ? send(response, 200, { downloads: 55_000_000, package: name }) : send(response, 404, { error: 'not found' });
  }
  if (url.startsWith('/npm/')) {
    const name = decodeURIComponent(url.slice('/npm/'.length));
    const doc = NPM_DOCS[name];
    return doc ? send(response, 200, doc) : send(response, 404, { error: 'Not found' });
  }
  if (url === '/pypi/pypi/requests/json') {
    return send(response, 200, {
      info: { name: 'requests', version: '2.32.3', license: 'Apache-2.0' },
      releases: {
        '0.2.0': [{ upload_time_iso_8601: '2011-02-14T12:00:00.000000Z' }],
        '2.32.3': [{ upload_time_iso_8601: '2024-05-29T15:37:47.000000Z' }, { upload_time_iso_8601: '2024-05-29T15:37:49.000000Z' }],
      },
    });
  }
  if (url.startsWith('/pypi/pypi/')) return send(response, 404, { message: 'Not Found' });
  if (url === '/go/github.com/!burnt!sushi/toml/@v/list') return send(response, 200, 'v1.3.2\nv0.1.0\nv1.4.0\n', 'text/plain');
  if (url === '/go/github.com/!burnt!sushi/toml/@v/v1.4.0.info') return send(response, 200, { Version: 'v1.4.0', Time: '2024-06-01T00:00:00Z' });
  if (url === '/go/github.com/!burnt!sushi/toml/@v/v0.1.0.info') return send(response, 200, { Version: 'v0.1.0', Time: '2013-02-27T00:00:00Z' });
  if (url.startsWith('/go/')) return send(response, 404, 'not found: module does not exist', 'text/plain');
  send(response, 500, 'unexpected');
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('npm registry client', () => {
  const npm = () => createNpmRegistry({ registryUrl: `${base}/npm`, downloadsUrl: `${base}/npm`, timeoutMs: 1000 });

  it('reads creation time, the version’s publication time, licence and weekly downloads', async () => {
    expect(await npm().lookup('lodash', '4.17.20')).toEqual({
      status: 'found',
      facts: {
        createdAt: '2012-04-23T16:37:11.912Z',
        version: '4.17.20',
        versionPublishedAt: '2020-08-13T16:53:54.152Z',
        license: 'MIT',
        weeklyDownloads: 55_000_000,
      },
    });
  });

  it('judges the latest version when none is pinned, and encodes scoped names', async () => {
    requests.length = 0;
    const answer = await npm().lookup('@acme/widget');
    expect(answer).toEqual({
      status: 'found',
      facts: { createdAt: '2026-11-19T10:00:00.000Z', version: '1.0.0', versionPublishedAt: '2026-11-19T10:00:00.000Z', license: 'GPL-3.0' },
    });
    expect(requests[0]).toBe(`/npm/${npmDocumentPath('@acme/widget')}`);
    expect(npmDocumentPath('@acme/widget')).toBe('@acme%2Fwidget');
  });

  it('a 404 or an unpublished package is not found; an unknown version is version-not-found', async () => {
    expect(await npm().lookup('does-not-exist')).toEqual({ status: 'not-found' });
    expect(await npm().lookup('gone')).toEqual({ status: 'not-found' });
    expect((await npm().lookup('lodash', '9.9.9')).status).toBe('version-not-found');
  });

  it('a timeout, a 5xx or a closed port is unreachable, not an error and not a pass', async () => {
    expect(await createNpmRegistry({ registryUrl: `${base}/slow`, timeoutMs: 200 }).lookup('lodash')).toEqual({ status: 'unreachable', reason: 'timed out' });
    expect(await createNpmRegistry({ registryUrl: `${base}/broken`, timeoutMs: 1000 }).lookup('lodash')).toEqual({ status: 'unreachable', reason: 'HTTP 503' });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await createNpmRegistry({ registryUrl: `http://127.0.0.1:${port}`, timeoutMs: 1000 }).lookup('lodash')).toEqual({
      status: 'unreachable',
      reason: 'ECONNREFUSED',
    });
  });
});

describe('npm documents without time.created (registry mirrors)', () => {
  it('takes the earliest version time as the first publication', async () => {
    const { npmFacts } = await import('../../src/scan/deps/npm-registry.js');
    const doc = {
      'dist-tags': { latest: '2.0.0' },
      versions: { '1.0.0': {}, '2.0.0': {} },
      time: { modified: '2026-01-01T00:00:00Z', '2.0.0': '2025-05-01T00:00:00Z', '1.0.0': '2019-03-01T00:00:00Z' },
    };
    expect(npmFacts(doc, undefined).facts).toEqual({ createdAt: '2019-03-01T00:00:00Z', version: '2.0.0', versionPublishedAt: '2025-05-01T00:00:00Z' });
  });
});

describe('PyPI client', () => {
  const pypi = () => createPypiRegistry({ indexUrl: `${base}/pypi`, timeoutMs: 1000 });

  it('takes the first upload as the creation time and the version’s earliest file as its publication', async () => {
    expect(await pypi().lookup('requests', '2.32.3')).toEqual({
      status: 'found',
      facts: { createdAt: '2011-02-14T12:00:00.000000Z', version: '2.32.3', versionPublishedAt: '2024-05-29T15:37:47.000000Z', license: 'Apache-2.0' },
    });
    expect(await pypi().lookup('reqeusts')).toEqual({ status: 'not-found' });
    expect((await pypi().lookup('requests', '9.0.0')).status).toBe('version-not-found');
  });
});

describe('Go module proxy client', () => {
  const go = () => createGoProxy({ proxyUrl: `${base}/go`, timeoutMs: 1000 });

  it('escapes upper case, reads the pinned version and the lowest version’s time', async () => {
    expect(escapeModulePath('github.com/BurntSushi/toml')).toBe('github.com/!burnt!sushi/toml');
    expect(lowestVersion(['v1.3.2', 'v0.1.0', 'v1.4.0', 'v1.0.0-rc.1', 'v1.0.0'])).toBe('v0.1.0');
    expect(await go().lookup('github.com/BurntSushi/toml', 'v1.4.0')).toEqual({
      status: 'found',
      facts: { version: 'v1.4.0', versionPublishedAt: '2024-06-01T00:00:00Z', createdAt: '2013-02-27T00:00:00Z' },
    });
    expect(await go().lookup('github.com/nobody/nothing', 'v1.0.0')).toEqual({ status: 'not-found' });
    expect(await go().lookup('github.com/BurntSushi/toml', 'v9.9.9')).toEqual({ status: 'version-not-found', facts: { version: 'v9.9.9' } });
  });
});

describe('createRegistries', () => {
  it('builds all three from endpoints', async () => {
    const registries = createRegistries({
      npmRegistryUrl: `${base}/npm`,
      npmDownloadsUrl: `${base}/npm`,
      pypiUrl: `${base}/pypi`,
      goProxyUrl: `${base}/go`,
      timeoutMs: 1000,
    });
    expect((await registries.npm?.lookup('lodash'))?.status).toBe('found');
    expect((await registries.pypi?.lookup('requests'))?.status).toBe('found');
    expect((await registries.go?.lookup('github.com/BurntSushi/toml', 'v1.4.0'))?.status).toBe('found');
  });
});

// One optional check against the real npm registry, off by default: tests must not need the network.
describe.skipIf(process.env.AGENTIC_LIVE_NPM !== '1')('live npm registry (AGENTIC_LIVE_NPM=1)', () => {
  it('finds lodash with its publication times and does not find a made-up name', async () => {
    const npm = createNpmRegistry({ timeoutMs: 15_000 });
    const answer = await npm.lookup('lodash', '4.17.21');
    expect(answer.status).toBe('found');
    if (answer.status === 'found') {
      expect(Date.parse(answer.facts.createdAt ?? '')).toBeLessThan(Date.now());
      expect(Date.parse(answer.facts.versionPublishedAt ?? '')).toBeLessThan(Date.now());
      expect(answer.facts.license).toBe('MIT');
    }
    expect((await npm.lookup(`agentic-workflow-no-such-package-${Date.now()}`)).status).toBe('not-found');
  }, 30_000);
});
