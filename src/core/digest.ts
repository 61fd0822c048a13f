/** The one way the product hashes: SHA-256 in hex, and the 16-character keys of fingerprints and settings. */
import { createHash } from 'node:crypto';

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A stable 16-hex key of the parts, joined by NUL so that no part can run into the next. */
export function shortKey(...parts: readonly string[]): string {
  return sha256(parts.join('\u0000')).slice(0, 16);
}
