import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads refs from the files of a bare repository instead of spawning git: loose ref files first,
 * then packed-refs, following symbolic refs. Refs change under the emulator (clients push with
 * real git), so nothing here is cached.
 */
export function readRefFromFiles(gitDir: string, ref: string, depth = 0): string | undefined {
  if (depth > 5 || ref.includes('..')) return undefined;
  const loose = join(gitDir, ref);
  if (existsSync(loose)) {
    let text: string;
    try {
      text = readFileSync(loose, 'utf8').trim();
    } catch {
      return undefined; // a directory (refs/heads/a when refs/heads/a/b exists) is not a ref
    }
    if (text.startsWith('ref: ')) return readRefFromFiles(gitDir, text.slice(5).trim(), depth + 1);
    if (/^[0-9a-f]{40}$/.test(text)) return text;
  }
  const packed = join(gitDir, 'packed-refs');
  if (!existsSync(packed)) return undefined;
  for (const line of readFileSync(packed, 'utf8').split('\n')) {
    if (line.startsWith('#') || line.startsWith('^')) continue;
    const [sha, name] = line.split(' ');
    if (name === ref && sha && /^[0-9a-f]{40}$/.test(sha)) return sha;
  }
  return undefined;
}
