// How the templates and reusable workflows name this repository's own reusable workflows and actions: a full
// commit SHA with the release tag in a comment (`uses: <owner>/<name>/.github/workflows/x.yml@<sha> # v1.2.3`),
// the form Dependabot's github-actions updates understand. The release script writes these pins; the workflow
// tests read them back to prove no reference was edited by hand.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Three kinds of reference, pinned in this order: the reusable workflows' `uses:` of the actions, then their
 * `uses:` of other reusable workflows (pinned to a commit whose reusable workflows already pin the actions), then
 * the templates' `uses:` of the reusable workflows.
 */
export const PIN_KINDS = {
  actions: { folder: join('.github', 'workflows'), files: (name) => /^agentic-[\w-]+\.yml$/.test(name), paths: (path) => path.startsWith('actions/') },
  workflows: { folder: join('.github', 'workflows'), files: (name) => /^agentic-[\w-]+\.yml$/.test(name), paths: (path) => path.startsWith('.github/') },
  templates: { folder: 'workflows-templates', files: (name) => /\.yml$/.test(name), paths: () => true },
};

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * `uses:` lines that name one of this repository's actions or reusable workflows: [whole, prefix, path, ref, comment].
 * Commented-out ones count too: a template's optional job, uncommented by its user, must name the same commit.
 */
function ownUses(slug) {
  return new RegExp(
    String.raw`^([^\S\n]*(?:#[^\S\n]*)?-?[^\S\n]*uses:[^\S\n]*)${escape(slug)}/((?:actions/[\w-]+|\.github/workflows/[\w.-]+\.ya?ml))@([^\s#]+)([^\S\n]*#[^\n]*)?$`,
    'gm',
  );
}

/** The own references of one kind in a file's text: the path each names, the ref, and the comment after it (without `#`). */
export function readPins(text, slug, kind = 'templates') {
  return [...text.matchAll(ownUses(slug))]
    .map((match) => ({ path: match[2], ref: match[3], comment: (match[4] ?? '').replace(/^\s*#\s*/, '').trim() }))
    .filter((pin) => PIN_KINDS[kind].paths(pin.path));
}

/** The text with every own reference of one kind pinned to `sha`, its tag in a comment. */
export function pinText(text, slug, sha, tag, kind = 'templates') {
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`not a full commit SHA: ${sha}`);
  return text.replace(ownUses(slug), (whole, prefix, path) => (PIN_KINDS[kind].paths(path) ? `${prefix}${slug}/${path}@${sha} # ${tag}` : whole));
}

/** The files that hold references of one kind, relative to root. */
export function pinFiles(root, kind) {
  const { folder, files } = PIN_KINDS[kind];
  return readdirSync(join(root, folder))
    .filter(files)
    .sort()
    .map((name) => join(folder, name));
}

/** Pins every own reference in the files of one kind; returns the files changed. */
export function writePins(root, kind, slug, sha, tag) {
  const changed = [];
  for (const file of pinFiles(root, kind)) {
    const path = join(root, file);
    const text = readFileSync(path, 'utf8');
    const pinned = pinText(text, slug, sha, tag, kind);
    if (pinned !== text) {
      writeFileSync(path, pinned);
      changed.push(file);
    }
  }
  return changed;
}
