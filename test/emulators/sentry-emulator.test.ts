/**
 * The Sentry emulator against Sentry's documented API: the shapes the log miner reads parse both the examples of
 * Sentry's documentation (fixtures) and the emulator's answers; bearer auth with scopes, Link-header cursors and
 * the rate-limit headers behave as documented.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import LinkHeader from 'http-link-header';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exceptionsOf, sentryEventSchema, sentryIssueListSchema } from '../../src/discover/log-miner/sentry-api.js';
import { sentryErrorEvent } from '../../src/discover/log-miner/sentry-source.js';
import type { SentryEmulator } from '../../src/emulators/sentry/index.js';
import { NOW } from '../discover/harness.js';
import { SCOPELESS_TOKEN, SENTRY_TOKEN, startSentry } from '../discover/sentry-fixtures.js';

const documented = (name: string): unknown => JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'sentry', name), 'utf8'));

async function get(sentry: SentryEmulator, path: string, token?: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${sentry.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe("the shapes of Sentry's documentation", () => {
  it('parse with the schemas the log miner reads them with', () => {
    const issues = sentryIssueListSchema.parse(documented('documented-issues.json'));
    expect(issues[0]).toMatchObject({ id: '1', count: 150, permalink: expect.stringContaining('/issues/1/'), status: 'unresolved' });
    const event = sentryEventSchema.parse(documented('documented-event.json'));
    const [raised] = exceptionsOf(event);
    expect(raised?.stacktrace?.frames?.map((frame) => [frame.function, frame.inApp])).toEqual([
      ['ignoreOnError', false],
      ['apiRequest', true],
    ]);
    // Most recent call first, the SDK's own frames and third-party code outside the repository.
    const error = sentryErrorEvent(issues[0] as (typeof issues)[number], event, []);
    expect(error.type).toBe('ForbiddenError');
    expect(error.frames[0]).toEqual({ file: 'app/api.tsx', line: 554, fn: 'apiRequest', inRepo: true });
    expect(error.frames[1]?.inRepo).toBe(false);
  });
});

describe('Sentry emulator', () => {
  let sentry: SentryEmulator;
  beforeAll(async () => {
    sentry = await startSentry({ pageSize: 2, rateLimit: { limit: 6, windowSeconds: 60 } });
  });
  afterAll(() => sentry.close());

  it("answers the issue listing and each issue's latest event in the documented shapes", async () => {
    sentry.resetRateLimit();
    const list = await get(sentry, '/api/0/projects/acme/widgets-api/issues/?query=is:unresolved%20lastSeen:-7d', SENTRY_TOKEN);
    expect(list.status).toBe(200);
    const issues = sentryIssueListSchema.parse(list.body);
    expect(issues.map((issue) => issue.id)).toEqual(['4000000101', '4000000102']);
    expect(typeof (list.body as Array<{ count: unknown }>)[0]?.count).toBe('string');
    const latest = await get(sentry, '/api/0/organizations/acme/issues/4000000102/events/latest/', SENTRY_TOKEN);
    expect(latest.status).toBe(200);
    const event = sentryEventSchema.parse(latest.body);
    expect(exceptionsOf(event).map((exception) => exception.type)).toEqual(['KeyError', 'ZeroDivisionError']);
    expect(event.dateCreated).toBe('2026-12-05T22:10:00.000000Z');
    // The older, organisation-less path answers the same event; an issue without events is a 404.
    expect((await get(sentry, '/api/0/issues/4000000102/events/latest/', SENTRY_TOKEN)).status).toBe(200);
    expect((await get(sentry, '/api/0/organizations/acme/issues/4000000103/events/latest/', SENTRY_TOKEN)).status).toBe(404);
  });

  it('pages with cursors in the Link header, results="false" on the last page', async () => {
    sentry.resetRateLimit();
    const seen: string[] = [];
    let path = '/api/0/projects/acme/widgets-api/issues/?query=is:unresolved%20lastSeen:-7d';
    for (let pages = 0; pages < 5; pages++) {
      const page = await get(sentry, path, SENTRY_TOKEN);
      seen.push(...sentryIssueListSchema.parse(page.body).map((issue) => issue.id));
      const next = LinkHeader.parse(page.headers.get('link') ?? '').rel('next')[0];
      expect(next?.['cursor']).toMatch(/^0:\d+:0$/);
      if (next?.['results'] !== 'true') break;
      path = next.uri.slice(sentry.url.length);
    }
    // Resolved and long-quiet issues are not in the unresolved week.
    expect(seen).toEqual(['4000000101', '4000000102', '4000000103']);
  });

  it('refuses a missing or unknown token with 401 and a token without event:read with 403', async () => {
    sentry.resetRateLimit();
    const path = '/api/0/projects/acme/widgets-api/issues/';
    expect(await get(sentry, path)).toMatchObject({ status: 401, body: { detail: 'Authentication credentials were not provided.' } });
    expect(await get(sentry, path, 'sntrys_not-a-token')).toMatchObject({ status: 401, body: { detail: 'Invalid token' } });
    expect(await get(sentry, path, SCOPELESS_TOKEN)).toMatchObject({ status: 403, body: { detail: 'You do not have permission to perform this action.' } });
    expect((await get(sentry, '/api/0/projects/acme/other/issues/', SENTRY_TOKEN)).status).toBe(404);
    // Control: the same request with the read scope succeeds.
    expect((await get(sentry, path, SENTRY_TOKEN)).status).toBe(200);
  });

  it('sends the X-Sentry-Rate-Limit headers and answers 429 when the window is spent', async () => {
    sentry.resetRateLimit();
    const path = '/api/0/projects/acme/widgets-api/issues/';
    const first = await get(sentry, path, SENTRY_TOKEN);
    expect(first.headers.get('x-sentry-rate-limit-limit')).toBe('6');
    expect(first.headers.get('x-sentry-rate-limit-remaining')).toBe('5');
    expect(Number(first.headers.get('x-sentry-rate-limit-reset'))).toBe(Math.ceil(Date.parse(NOW) / 1000) + 60);
    for (let i = 0; i < 5; i++) expect((await get(sentry, path, SENTRY_TOKEN)).status).toBe(200);
    const limited = await get(sentry, path, SENTRY_TOKEN);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-sentry-rate-limit-remaining')).toBe('0');
    expect((limited.body as { detail: string }).detail).toMatch(/too frequently/);
  });
});
