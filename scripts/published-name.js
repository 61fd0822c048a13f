// The repository the product is published from ("owner/name") lives in one place: package.json's `repository`.
// Every other file that names it (the templates' and reusable workflows' `uses:` lines, the README and docs, the
// policy schema's URL in src/core/product.ts, test fixtures) is rewritten from there by the build, so a fork changes
// package.json, runs `npm run build`, and every reference follows.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The generated copy whose slug tells the build which name the files carry now. */
export const PRODUCT_FILE = join('src', 'core', 'product.ts');

/** Folders and files never rewritten: dependencies, build output, the source of truth itself, history. */
const SKIP = new Set(['.git', 'node_modules', 'dist', '.tmp', 'coverage', 'package.json', 'package-lock.json', 'CHANGELOG.md']);
const TEXT = /\.(ya?ml|md|ts|js|json|txt)$/;

/** "owner/name" from package.json's repository (an object with `url`, or a string such as `github:owner/name`). */
export function repositorySlug(packageJson) {
  const field = packageJson.repository;
  const url = typeof field === 'string' ? field : field?.url;
  if (typeof url !== 'string')
    throw new Error('package.json has no repository: set "repository": {"type": "git", "url": "git+https://github.com/<owner>/<name>.git"}');
  const match = /^(?:github:)?([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(url) ?? /github\.com[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);
  if (!match) throw new Error(`package.json repository "${url}" does not name a GitHub repository (owner/name)`);
  return `${match[1]}/${match[2]}`;
}

export function readRepositorySlug(root) {
  return repositorySlug(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));
}

/** The slug the files carry now, read from src/core/product.ts. */
export function currentSlug(root) {
  const match = /PRODUCT_REPOSITORY = '([\w.-]+\/[\w.-]+)'/.exec(readFileSync(join(root, PRODUCT_FILE), 'utf8'));
  if (!match) throw new Error(`${PRODUCT_FILE}: PRODUCT_REPOSITORY not found`);
  return match[1];
}

/** Every text file the published name may appear in (paths relative to root). */
export function publishedFiles(root, folder = root) {
  const files = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...publishedFiles(root, path));
    else if (entry.isFile() && TEXT.test(entry.name)) files.push(relative(root, path));
  }
  return files.sort();
}

/**
 * Rewrites every file that names the current slug to name package.json's instead; returns the files changed.
 * A no-op when they already agree, so every build can run it.
 */
export function applyPublishedName(root) {
  const slug = readRepositorySlug(root);
  if (!existsSync(join(root, PRODUCT_FILE))) throw new Error(`${PRODUCT_FILE} is missing`);
  const previous = currentSlug(root);
  if (previous === slug) return [];
  const changed = [];
  for (const file of publishedFiles(root)) {
    const path = join(root, file);
    const text = readFileSync(path, 'utf8');
    if (!text.includes(previous)) continue;
    writeFileSync(path, text.split(previous).join(slug));
    changed.push(file);
  }
  return changed;
}
