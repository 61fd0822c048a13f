/**
 * Package names and versions reach shell commands, and they come from a repository's manifests and a
 * package manager's output: only names and versions of the strict forms each ecosystem allows pass.
 */

const NPM_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9~][a-z0-9._~-]*$/;
const PYTHON_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const GO_MODULE = /^[a-z0-9.-]+(?:\.[a-z]{2,})(?:\/[A-Za-z0-9._~-]+)+$/;
const VERSION = /^v?[0-9]+(?:\.[0-9]+){0,3}(?:[-+.]?[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export function isNpmName(name: string): boolean {
  return name.length <= 214 && NPM_NAME.test(name);
}

export function isPythonName(name: string): boolean {
  return name.length <= 200 && PYTHON_NAME.test(name);
}

export function isGoModule(path: string): boolean {
  return path.length <= 300 && GO_MODULE.test(path);
}

export function isVersion(version: string): boolean {
  return version.length <= 100 && VERSION.test(version);
}

/** PEP 503: names compare case-insensitively, with runs of `-`, `_` and `.` alike. */
export function normalisePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
