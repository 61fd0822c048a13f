/** Reads the files the scanners look at, once per path and ref, through the contents API in raw form. */
import { readRawText } from '../core/file-contents.js';
import type { GitHub } from '../core/github.js';
import type { RepoRef } from '../core/repo.js';
import type { ContentReader } from './scan-input.js';

/** Larger files are not scanned (and the summary says so). */
export const MAX_SCANNED_FILE_BYTES = 20 * 1024 * 1024;

export function contentReader(gh: GitHub, repo: RepoRef, maxBytes = MAX_SCANNED_FILE_BYTES): ContentReader {
  const cache = new Map<string, Promise<string | undefined>>();
  const read = async (path: string, ref: string): Promise<string | undefined> => {
    const text = await readRawText(gh, repo, path, ref);
    if (text === null || text.length > maxBytes || text.includes('\u0000')) return undefined;
    return text;
  };
  return (path, ref) => {
    const key = `${ref}\u0000${path}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = read(path, ref);
      cache.set(key, pending);
    }
    return pending;
  };
}
