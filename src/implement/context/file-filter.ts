/** Which files of a repository are worth ranking: source and docs, not build output, lockfiles or binaries. */

export const MAX_INDEXED_FILE_BYTES = 512 * 1024;
export const MAX_INDEXED_FILES = 20_000;

export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  '.git',
  'node_modules',
  'dist',
  'build',
  'out',
  'coverage',
  'vendor',
  '.venv',
  'venv',
  '__pycache__',
  '.next',
  '.nuxt',
  'target',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.gradle',
  '.idea',
  '.vscode',
  'bower_components',
  '.tmp',
]);

const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'bun.lock',
  'cargo.lock',
  'poetry.lock',
  'pipfile.lock',
  'uv.lock',
  'go.sum',
  'composer.lock',
  'gemfile.lock',
  'packages.lock.json',
]);

const BINARY_EXTENSIONS = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'bmp',
  'ico',
  'webp',
  'avif',
  'tif',
  'tiff',
  'psd',
  'pdf',
  'zip',
  'gz',
  'tgz',
  'bz2',
  'xz',
  '7z',
  'rar',
  'jar',
  'war',
  'class',
  'woff',
  'woff2',
  'ttf',
  'otf',
  'eot',
  'mp3',
  'mp4',
  'mov',
  'avi',
  'wav',
  'ogg',
  'flac',
  'webm',
  'wasm',
  'so',
  'dll',
  'dylib',
  'exe',
  'bin',
  'o',
  'a',
  'pyc',
  'pyo',
  'node',
  'sqlite',
  'db',
  'parquet',
  'pkl',
  'npy',
  'npz',
  'onnx',
  'pt',
  'lockb',
]);

/** Pure: whether a repository-relative path (forward slashes) may be indexed, before looking at its content. */
export function isIndexablePath(path: string): boolean {
  const parts = path.split('/');
  const name = (parts.at(-1) ?? '').toLowerCase();
  if (parts.slice(0, -1).some((part) => SKIPPED_DIRECTORIES.has(part))) return false;
  if (LOCKFILES.has(name)) return false;
  if (/\.min\.(?:js|css)$/.test(name) || name.endsWith('.map')) return false;
  const extension = /\.([^.]+)$/.exec(name)?.[1] ?? '';
  return !BINARY_EXTENSIONS.has(extension);
}

/** Pure: a NUL byte in the first 8 KB is how git itself tells binary content apart. */
export function looksBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}
