import { describe, expect, it } from 'vitest';
import { ProviderCallError } from '../../../src/core/llm/providers/provider-call-error.js';
import { redactSecrets, retryAfterMs } from '../../../src/core/llm/providers/sdk-errors.js';
import { backoffDelayMs, RetriesExhaustedError, withRetries, type RetryPolicy } from '../../../src/core/llm/retry.js';

function policy(maxRetries: number, sleeps: number[]): RetryPolicy {
  return { maxRetries, sleep: async (ms) => void sleeps.push(ms), random: () => 0, log: () => undefined };
}

function failingThen<T>(failures: Error[], value: T): () => Promise<T> {
  let call = 0;
  return async () => {
    const failure = failures[call++];
    if (failure) throw failure;
    return value;
  };
}

const http = (status: number, retryAfter?: number) => new ProviderCallError(`openai returned HTTP ${status}`, 'openai', 'http', status, retryAfter);

describe('withRetries', () => {
  it('retries transient failures with exponential backoff and reports the attempts', async () => {
    const sleeps: number[] = [];

    const outcome = await withRetries(failingThen([http(500), http(502), http(503)], 'ok'), policy(3, sleeps));

    expect(outcome).toEqual({ value: 'ok', attempts: 4 });
    expect(sleeps).toEqual([500, 1000, 2000]);
  });

  it('treats 408, 409, 429, 5xx, connection, timeout and malformed bodies as transient', async () => {
    const transient = [
      http(408),
      http(409),
      http(429),
      http(529),
      new ProviderCallError('down', 'anthropic', 'connection'),
      new ProviderCallError('slow', 'anthropic', 'timeout'),
      new ProviderCallError('garbled', 'anthropic', 'malformed'),
    ];
    for (const failure of transient) {
      await expect(withRetries(failingThen([failure], 'ok'), policy(1, []))).resolves.toMatchObject({ value: 'ok' });
    }
  });

  it.each([400, 401, 403, 404, 422])('throws HTTP %i at once', async (status) => {
    const sleeps: number[] = [];
    const failure = http(status);

    await expect(withRetries(failingThen([failure], 'ok'), policy(3, sleeps))).rejects.toBe(failure);
    expect(sleeps).toEqual([]);
  });

  it('wraps the last transient failure once the retries are spent', async () => {
    const last = http(503);

    const failure = await withRetries(failingThen([http(500), last], 'ok'), policy(1, [])).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(RetriesExhaustedError);
    expect((failure as RetriesExhaustedError).last).toBe(last);
    expect((failure as RetriesExhaustedError).attempts).toBe(2);
  });

  it('rethrows anything that is not a provider failure untouched', async () => {
    const bug = new TypeError('bug');

    await expect(withRetries(failingThen([bug], 'ok'), policy(3, []))).rejects.toBe(bug);
  });
});

describe('backoffDelayMs', () => {
  it('doubles from one second, caps at 30 s and scales by a jitter between 0.5 and 1', () => {
    expect(backoffDelayMs(0, () => 0)).toBe(500);
    expect(backoffDelayMs(0, () => 0.999999)).toBe(1000);
    expect(backoffDelayMs(3, () => 0)).toBe(4000);
    expect(backoffDelayMs(10, () => 0.999999)).toBe(30_000);
  });
});

describe('retryAfterMs', () => {
  const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

  it('reads retry-after-ms, retry-after seconds and retry-after dates', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '1500', 'retry-after': '9' }))).toBe(1500);
    expect(retryAfterMs(headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(headers({ 'retry-after': '0.5' }))).toBe(500);
    const now = Date.parse('2026-11-20T10:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after': 'Fri, 20 Nov 2026 10:00:30 GMT' }), now)).toBe(30_000);
    expect(retryAfterMs(headers({}))).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });
});

describe('redactSecrets', () => {
  it('removes the configured key and anything shaped like a provider key', () => {
    expect(redactSecrets('bad key my-gateway-key-123', 'my-gateway-key-123')).toBe('bad key [redacted]');
    expect(redactSecrets('seen sk-proj-abcdefghijklmnop and sk-ant-api03-xyzxyzxyzxyz', undefined)).toBe('seen [redacted] and [redacted]');
    expect(redactSecrets('nothing here', undefined)).toBe('nothing here');
  });
});
