import { AUTOMATED_BRANCH_PREFIX } from '../core/contracts.js';

const MAX_SLUG = 48;

/**
 * Pure: a branch-safe slug of an issue title: lower-case ASCII letters, digits and single hyphens, at most 48
 * characters, cut at a word boundary. Accents are folded (`Café` → `cafe`); anything else (quotes, slashes,
 * `..`, emoji, control characters) is a separator, so the name is valid for git and safe in a shell.
 */
export function slugify(title: string): string {
  const folded = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const slug = folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_SLUG) return slug || 'issue';
  const cut = slug.slice(0, MAX_SLUG + 1);
  const boundary = cut.lastIndexOf('-');
  return (boundary > 10 ? cut.slice(0, boundary) : slug.slice(0, MAX_SLUG)).replace(/-+$/, '') || 'issue';
}

/** `automated/<number>-<slug>`: one prefix for every agent branch, so rules and workflows can match it. */
export function branchFor(issueNumber: number, title: string): string {
  return `${AUTOMATED_BRANCH_PREFIX}${issueNumber}-${slugify(title)}`;
}

/** The issue number an automated branch belongs to, or null for any other branch. */
export function issueOfBranch(branch: string): number | null {
  const match = new RegExp(`^${AUTOMATED_BRANCH_PREFIX.replace('/', '\\/')}(\\d+)-[a-z0-9-]+$`).exec(branch);
  return match ? Number(match[1]) : null;
}
