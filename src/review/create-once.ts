/**
 * Creating an issue, a comment, a review or a check run is not idempotent: a 502 can arrive after GitHub
 * did the work, and the client does not retry such POSTs (src/core/github.ts). So after a failure we look
 * for what we meant to create; only if it is not there do we try once more.
 */

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null ? (error as { status?: number }).status : undefined;
}

/** 4xx other than rate limits means GitHub refused the request itself: repeating it cannot help. */
function refused(error: unknown): boolean {
  const status = statusOf(error);
  return status !== undefined && status >= 400 && status < 500 && status !== 403 && status !== 429;
}

export async function createOnce<T>(create: () => Promise<T>, find: () => Promise<T | undefined>): Promise<T> {
  try {
    return await create();
  } catch (error) {
    if (refused(error)) throw error;
    const found = await find();
    if (found !== undefined) return found;
    return create();
  }
}
