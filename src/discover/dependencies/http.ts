/** The watchdog's HTTP: JSON GET and POST with a time limit. A registry that cannot be reached is an answer, not a crash. */
export class UnreachableError extends Error {
  override readonly name = 'UnreachableError';
}

export interface JsonAnswer {
  status: number;
  body: unknown;
}

export async function requestJson(url: string, options: { method?: 'GET' | 'POST'; body?: unknown; timeoutMs: number }): Promise<JsonAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: {
        accept: 'application/json',
        'user-agent': 'agentic-workflow-discover',
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    throw new UnreachableError(
      error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError') ? 'timed out' : (cause?.code ?? String(error)),
    );
  }
  if (response.status === 404 || response.status === 410) return { status: response.status, body: undefined };
  if (!response.ok) throw new UnreachableError(`HTTP ${response.status}`);
  try {
    return { status: response.status, body: await response.json() };
  } catch {
    throw new UnreachableError('the answer is not JSON');
  }
}
