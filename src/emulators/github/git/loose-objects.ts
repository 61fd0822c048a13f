import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

/**
 * Writes a blob straight into the object store as a loose object, exactly as `git hash-object -w`
 * would. Seeding hundreds of files then costs no process spawns.
 */
export function writeLooseBlob(gitDir: string, content: Buffer): string {
  const header = Buffer.from(`blob ${content.length}\0`, 'utf8');
  const raw = Buffer.concat([header, content]);
  const sha = createHash('sha1').update(raw).digest('hex');
  const dir = join(gitDir, 'objects', sha.slice(0, 2));
  const file = join(dir, sha.slice(2));
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    // Write then rename so a concurrent git reader never sees half an object.
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, deflateSync(raw));
    renameSync(temporary, file);
  }
  return sha;
}
