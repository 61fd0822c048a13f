import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: a plain JavaScript build script without type declarations
import { pinFiles, readPins } from '../../scripts/pins.js';

interface Pin {
  path: string;
  ref: string;
  comment: string;
}
export type ReadFile = (file: string) => string;

const SHA = /^[0-9a-f]{40}$/;

/**
 * What the release script writes, checked: every reference the templates (kind `templates`) or the reusable
 * workflows (kind `workflows`) make to this repository is `@<40-hex SHA> # v<package.json version>`, and all of
 * one kind name the same commit. Returns the commit, or the problems.
 */
export type PinKind = 'actions' | 'workflows' | 'templates';

export function pinProblems(root: string, kind: PinKind, slug: string, version: string, read: ReadFile): { sha?: string; problems: string[] } {
  const problems: string[] = [];
  const shas = new Set<string>();
  const hint = 'run `npm run release -- pin` (or copy the pin the other lines carry)';
  for (const file of pinFiles(root, kind) as string[]) {
    for (const pin of readPins(read(file), slug, kind) as Pin[]) {
      if (!SHA.test(pin.ref)) problems.push(`${file}: ${pin.path}@${pin.ref} is not a full commit SHA: ${hint}`);
      else shas.add(pin.ref);
      if (pin.comment !== `v${version}`) problems.push(`${file}: ${pin.path}@${pin.ref} is labelled "${pin.comment}", not v${version}: ${hint}`);
    }
  }
  if (shas.size > 1) problems.push(`${kind} name ${shas.size} different commits (${[...shas].join(', ')}): ${hint}`);
  return { sha: shas.size === 1 ? [...shas][0] : undefined, problems };
}

const git = (root: string, ...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const isAncestor = (root: string, ancestor: string, of: string) => {
  try {
    git(root, 'merge-base', '--is-ancestor', ancestor, of);
    return true;
  } catch {
    return false;
  }
};

/**
 * The pins against the history: the templates' commit is in HEAD's history; at it, the reusable workflows name the
 * same commits as HEAD's; the reusable workflows call each other at a commit whose own action pins are the same;
 * and the actions' commit precedes both and holds every action called.
 */
function existsAt(root: string, commit: string, file: string): boolean {
  try {
    git(root, 'cat-file', '-e', `${commit}:${file}`);
    return true;
  } catch {
    return false;
  }
}

export function pinHistoryProblems(root: string, slug: string, version: string): string[] {
  const here: ReadFile = (file) => readFileSync(join(root, file), 'utf8');
  const found = Object.fromEntries(
    (['actions', 'workflows', 'templates'] as const).map((kind) => [kind, pinProblems(root, kind, slug, version, here)]),
  ) as Record<PinKind, ReturnType<typeof pinProblems>>;
  const problems = Object.values(found).flatMap((entry) => entry.problems);
  const [actions, templates] = [found.actions.sha, found.templates.sha];
  if (!actions || !templates) return problems.length ? problems : ['no pinned reference found'];
  const workflows = found.workflows.sha ?? actions;
  if (!isAncestor(root, templates, 'HEAD')) return [...problems, `the templates pin ${templates}, which is not in this branch's history`];
  // A reusable workflow added after that commit is not run by it: it names nothing there.
  const at =
    (commit: string): ReadFile =>
    (file) =>
      existsAt(root, commit, file) ? git(root, 'show', `${commit}:${file}`) : '';
  for (const [commit, kinds] of [
    [templates, ['actions', 'workflows']],
    [workflows, ['actions']],
  ] as const) {
    for (const kind of kinds) {
      const pinned = pinProblems(root, kind, slug, version, at(commit)).sha;
      if (pinned !== found[kind].sha)
        problems.push(`the reusable workflows at ${commit} name ${pinned ?? 'several commits'} for the ${kind}, not ${found[kind].sha}`);
    }
  }
  if (!isAncestor(root, workflows, templates) || !isAncestor(root, actions, workflows))
    problems.push(`the pinned commits are not in order: actions ${actions}, workflows ${workflows}, templates ${templates}`);
  for (const file of pinFiles(root, 'actions') as string[]) {
    for (const pin of readPins(here(file), slug, 'actions') as Pin[]) {
      try {
        git(root, 'cat-file', '-e', `${actions}:${pin.path}/action.yml`);
      } catch {
        problems.push(`${file}: ${pin.path} does not exist at ${actions}`);
      }
    }
  }
  return problems;
}
