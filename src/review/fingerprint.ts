/**
 * A finding's identity across pushes and pull requests: category + path + the normalised code it points
 * at. Line numbers are left out on purpose: code moving down a file is the same finding; the code
 * changing is a new one (or the old one resolved). `location` drops the category so findings of the two
 * reviewers at the same code can be matched to one suggestion issue.
 */
import { shortKey } from '../core/digest.js';

/** Whitespace differences (re-indentation, trailing spaces) do not make a different finding. */
export function normaliseCode(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

function hash(parts: readonly string[]): string {
  return shortKey(...parts);
}

export function findingFingerprint(category: string, path: string, normalisedCode: string): string {
  return hash([category.toLowerCase(), path, normalisedCode]);
}

export function locationKey(path: string, normalisedCode: string): string {
  return hash([path, normalisedCode]);
}
