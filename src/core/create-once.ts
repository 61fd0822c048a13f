/**
 * Creating an issue, a comment, a review or a check run is not idempotent: a 502 can arrive after GitHub
 * did the work, and the client does not retry such POSTs (src/core/github.ts). So after a failure we look
 * for what we meant to create; only if it is not there do we try once more.
 */
import { describeGitHubError } from './github-errors.js';

/**
 * GitHub refused the request itself (a 4xx that is not a rate limit): repeating it cannot help. A transient
 * failure or a rate limit may have come after GitHub did the work, so those look before trying again.
 */
function refused(error: unknown): boolean {
  const { kind, status } = describeGitHubError(error);
  return status !== undefined && kind !== 'transient' && kind !== 'rate-limited';
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
