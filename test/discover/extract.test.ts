import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterOccurrences, passKey, WHOLE_RUN, type Occurrence } from '../../src/discover/log-miner/cluster.js';
import { extractErrors } from '../../src/discover/log-miner/extract.js';
import { readJsonLines } from '../../src/discover/log-miner/jsonl-source.js';
import { normaliseMessage, repositoryPath } from '../../src/discover/log-miner/normalise.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'discover', name), 'utf8');

describe('error extraction from CI logs', () => {
  it('reads a vitest failure: type, message, repository frames and the test', () => {
    const [event, ...rest] = extractErrors(fixture('logs/node-vitest.log'));
    expect(rest).toEqual([]);
    expect(event?.type).toBe('TypeError');
    expect(event?.message).toContain("reading 'price'");
    expect(event?.test).toBe('test/cart.test.ts > Cart > totals a cart with a removed product');
    expect(event?.frames.filter((f) => f.inRepo).map((f) => `${f.file}:${f.line}:${f.fn ?? ''}`)).toEqual([
      'src/cart.ts:14:lineTotal',
      'src/cart.ts:21:total',
      'test/cart.test.ts:38:',
    ]);
  });

  it('reads a Node crash with V8 frames, leaving node_modules and node internals out of the repository frames', () => {
    const [event] = extractErrors(fixture('logs/node-server.log'));
    expect(event?.type).toBe('OrderNotFoundError');
    expect(event?.frames.map((f) => [f.file, f.inRepo])).toEqual([
      ['src/orders/load.ts', true],
      ['src/api/orders.ts', true],
      ['/home/runner/work/widgets/widgets/node_modules/express/lib/router/layer.js', false],
      ['node:internal/process/task_queues', false],
    ]);
  });

  it('reads a Python traceback most recent call first, and a pytest failure with where it was raised', () => {
    const [traceback] = extractErrors(fixture('logs/python-traceback.log'));
    expect(traceback?.type).toBe('ValueError');
    expect(traceback?.frames.filter((f) => f.inRepo).map((f) => `${f.file}:${f.fn}`)).toEqual([
      'app/schema.py:apply',
      'app/migrate.py:main',
      'app/migrate.py:<module>',
    ]);
    const [pytest] = extractErrors(fixture('logs/python-pytest.log'));
    expect(pytest).toMatchObject({ type: 'KeyError', message: "'customer'", test: 'tests/test_invoice.py::test_invoice_for_guest' });
    expect(pytest?.frames[0]).toMatchObject({ file: 'app/invoice.py', line: 42, inRepo: true });
  });

  it('reads a Go panic under a failing test, with the repository frames below the runtime ones', () => {
    const [event] = extractErrors(fixture('logs/go-panic.log'));
    expect(event).toMatchObject({ language: 'go', type: 'panic', test: 'TestCartTotal' });
    expect(event?.frames.filter((f) => f.inRepo).map((f) => `${f.file}:${f.line}`)).toEqual(['cart/cart.go:48', 'cart/cart_test.go:22']);
    expect(event?.frames[0]?.inRepo).toBe(false);
    expect(event?.frames.find((f) => f.inRepo)?.fn).toBe('github.com/acme/widgets/cart.(*Cart).Total');
  });

  it('reads a jest timeout with its test name', () => {
    const [event] = extractErrors(fixture('logs/flaky-timeout.log'));
    expect(event).toMatchObject({ type: 'Error', test: 'notifier › sends the shipping e-mail' });
  });

  it('ignores a bare error line without a stack', () => {
    expect(extractErrors('Error: Process completed with exit code 1.\nnpm ERR! code 1\n')).toEqual([]);
  });
});

describe('normalisation', () => {
  it('replaces what changes between occurrences and keeps what says what went wrong', () => {
    expect(
      normaliseMessage('order 19233 not found in /var/data/orders.db at 2026-12-05T03:20:02Z (request 3f2a9c1e-8b7d-4c2a-9f00-1234567890ab, sha 7f3a9c21e4)'),
    ).toBe('order <n> not found in <path> at <time> (request <uuid>, sha <hex>)');
    expect(normaliseMessage("Cannot read properties of undefined (reading 'price')")).toBe("Cannot read properties of undefined (reading 'price')");
  });

  it('maps checkout paths to repository paths and leaves dependencies out', () => {
    expect(repositoryPath('/home/runner/work/widgets/widgets/src/a.ts')).toBe('src/a.ts');
    expect(repositoryPath('D:\\a\\widgets\\widgets\\src\\a.ts')).toBe('src/a.ts');
    expect(repositoryPath('/srv/app/src/a.js', ['/srv/app'])).toBe('src/a.js');
    expect(repositoryPath('node_modules/x/index.js')).toBeUndefined();
    expect(repositoryPath('/usr/lib/python3/json/decoder.py')).toBeUndefined();
  });
});

describe('clustering', () => {
  const occurrence = (log: string, at: string, headSha: string, job = 'test', workflow = '.github/workflows/ci.yml'): Occurrence[] =>
    extractErrors(log).map((event) => ({ event, at, headSha, job, workflow }));

  it('puts the same error with different values in one cluster and different errors apart', () => {
    const a = fixture('logs/node-vitest.log');
    const b = a.replace('line 3 of order 7f3a9c21e4', 'line 9 of order 0b1c2d3e4f').replace('src/cart.ts:14:22', 'src/cart.ts:15:22');
    const clusters = clusterOccurrences([
      ...occurrence(a, '2026-12-01T00:00:00Z', 'aaa'),
      ...occurrence(b, '2026-12-03T00:00:00Z', 'bbb'),
      ...occurrence(fixture('logs/go-panic.log'), '2026-12-02T00:00:00Z', 'ccc'),
    ]);
    expect(clusters.map((c) => c.occurrences.length)).toEqual([2, 1]);
    expect(clusters[0]).toMatchObject({ firstSeen: '2026-12-01T00:00:00Z', lastSeen: '2026-12-03T00:00:00Z', commits: ['aaa', 'bbb'], flaky: false });
  });

  it('calls a failure flaky only when the same job (or its whole workflow) passed on the same commit', () => {
    const log = fixture('logs/flaky-timeout.log');
    const occurrences = occurrence(log, '2026-12-04T05:00:09Z', 'abc');
    expect(clusterOccurrences(occurrences, new Set([passKey('abc', '.github/workflows/ci.yml', 'test')]))[0]?.flaky).toBe(true);
    expect(clusterOccurrences(occurrences, new Set([passKey('abc', '.github/workflows/ci.yml', WHOLE_RUN)]))[0]?.flaky).toBe(true);
    // Controls: another commit, another job, another workflow.
    expect(clusterOccurrences(occurrences, new Set([passKey('def', '.github/workflows/ci.yml', 'test')]))[0]?.flaky).toBe(false);
    expect(clusterOccurrences(occurrences, new Set([passKey('abc', '.github/workflows/ci.yml', 'lint')]))[0]?.flaky).toBe(false);
    expect(clusterOccurrences(occurrences, new Set([passKey('abc', '.github/workflows/docs.yml', WHOLE_RUN)]))[0]?.flaky).toBe(false);
  });
});

describe('JSON-lines error log', () => {
  it('reads error entries of pino and Python JSON loggers, skips the rest and counts lines that are not JSON', () => {
    const facts = readJsonLines(fixture('errors.jsonl'), { name: 'errors.jsonl' }, ['/srv/app']);
    expect(facts).toMatchObject({ lines: 6, errors: 3, malformed: 1, malformedLines: [5] });
    const [first, , python] = facts.occurrences;
    expect(first?.event).toMatchObject({ type: 'TypeError', message: "Cannot read properties of null (reading 'email')" });
    expect(first?.event.frames.filter((f) => f.inRepo).map((f) => f.file)).toEqual(['src/notify.js', 'src/orders.js']);
    expect(first?.at).toBe('2024-12-05T03:02:03.000Z');
    expect(python?.event).toMatchObject({ type: 'decimal.InvalidOperation' });
    expect(python?.event.frames[0]).toMatchObject({ file: 'billing/webhook.py', line: 77, inRepo: true });
    expect(clusterOccurrences(facts.occurrences).map((c) => c.occurrences.length)).toEqual([2, 1]);
  });
});
