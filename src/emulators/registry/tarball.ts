/**
 * npm package tarballs built in memory: a gzipped ustar archive with every file under `package/`, as
 * `npm pack` makes them. Deterministic (fixed mtime, owner and mode), so the same files give the same
 * integrity on every run.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const BLOCK = 512;
/** 2000-01-01T00:00:00Z: npm pack also writes a fixed date, so tarballs do not differ by build time. */
const MTIME = 946_684_800;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(path: string, size: number): Buffer {
  const block = Buffer.alloc(BLOCK, 0);
  const name = Buffer.from(path, 'utf8');
  let prefix = Buffer.alloc(0);
  let short = name;
  if (name.length > 100) {
    // ustar splits a long path at a slash: up to 155 bytes of prefix, up to 100 of name.
    const cut = path.lastIndexOf('/', 155);
    if (cut <= 0 || Buffer.byteLength(path.slice(cut + 1)) > 100) throw new Error(`path too long for a tarball: ${path}`);
    prefix = Buffer.from(path.slice(0, cut), 'utf8');
    short = Buffer.from(path.slice(cut + 1), 'utf8');
  }
  short.copy(block, 0);
  block.write(octal(0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(MTIME, 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write('0', 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  prefix.copy(block, 345);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/** Pure: the .tgz of these files (paths relative to the package root). */
export function buildTarball(files: Readonly<Record<string, string | Buffer>>): Buffer {
  const parts: Buffer[] = [];
  for (const path of Object.keys(files).sort()) {
    const content = files[path];
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content ?? '', 'utf8');
    parts.push(header(`package/${path}`, data.length), data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK, 0));
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}

/** The two digests a packument lists for a tarball: the legacy SHA-1 `shasum` and the SRI `integrity`. */
export function tarballDigests(tarball: Buffer): { shasum: string; integrity: string } {
  return {
    shasum: createHash('sha1').update(tarball).digest('hex'),
    integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
  };
}
