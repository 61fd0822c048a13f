/**
 * Where the agent may read and write. Paths come from the model, which reads untrusted issue text: every one
 * is checked here, lexically first (absolute, `..`, `.git`), then on disk with every symlink resolved, then
 * against the plan's scope and the protected globs. A refusal is an answer to the model, never a crash.
 */
import { realpath } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { isInsideWorkspace } from '../../core/git.js';
import { ALWAYS_PROTECTED, protectingGlob } from '../../core/protected-paths.js';
import type { PlanFile, ScopeMode } from './types.js';

export type PathCheck = { ok: true; path: string } | { ok: false; reason: string };

/** Pure: the model's path as a clean workspace-relative POSIX path, or why it is not one. */
export function normalizeToolPath(raw: string): PathCheck {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, reason: 'the path is empty' };
  if (raw.includes('\0')) return { ok: false, reason: 'the path contains a NUL character' };
  const slashed = raw.trim().replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed) || slashed.startsWith('~')) {
    return { ok: false, reason: 'absolute paths are not allowed; use a path relative to the repository root' };
  }
  const parts = slashed.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.some((part) => part === '..')) return { ok: false, reason: "'..' is not allowed: paths must stay inside the repository" };
  if (parts.some((part) => part.toLowerCase() === '.git')) return { ok: false, reason: 'the .git directory is off limits' };
  return { ok: true, path: parts.length === 0 ? '.' : parts.join('/') };
}

export interface WritePolicy {
  scopeMode: ScopeMode;
  planFiles: readonly PlanFile[];
  protectedPaths: readonly string[];
}

export type WriteKind = 'edit' | 'create' | 'delete';

/** Pure: whether a write of `kind` to the normalised `path` is allowed by protection and scope. */
export function checkWritePolicy(path: string, kind: WriteKind, policy: WritePolicy): PathCheck {
  const hit = protectingGlob(path, [...ALWAYS_PROTECTED, ...policy.protectedPaths]);
  if (hit) return { ok: false, reason: `'${path}' is protected (${hit}); the agent may not change it` };
  if (policy.scopeMode === 'plan') {
    const entry = policy.planFiles.find((file) => normalizeToolPath(file.path).ok && (normalizeToolPath(file.path) as { path: string }).path === path);
    if (!entry) {
      const allowed = policy.planFiles.map((file) => file.path).join(', ') || 'none';
      return { ok: false, reason: `'${path}' is not in the approved plan (scope-mode: plan); files you may change: ${allowed}` };
    }
    if (kind === 'delete' && entry.action !== 'delete') return { ok: false, reason: `the plan does not delete '${path}' (it says ${entry.action})` };
  }
  return { ok: true, path };
}

/** The path, checked lexically and then on disk (symlinks resolved) to lie inside the workspace. */
export async function resolveInWorkspace(workspace: string, raw: string): Promise<PathCheck> {
  const checked = normalizeToolPath(raw);
  if (!checked.ok) return checked;
  if (!(await isInsideWorkspace(workspace, checked.path))) {
    return { ok: false, reason: `'${checked.path}' resolves outside the repository (through a symbolic link) or into .git` };
  }
  return checked;
}

/**
 * The workspace-relative path a write to `path` would really land on, links followed (the deepest existing
 * ancestor is resolved, the rest appended). A plan file that is a link to a workflow must be judged as the
 * workflow.
 */
export async function realRelativePath(workspace: string, path: string): Promise<string> {
  const root = await realpath(workspace);
  let existing = join(root, path);
  const rest: string[] = [];
  for (;;) {
    try {
      const real = await realpath(existing);
      return relative(root, join(real, ...rest.reverse()))
        .split(sep)
        .join('/');
    } catch {
      if (dirname(existing) === existing) return path;
      rest.push(basename(existing));
      existing = dirname(existing);
    }
  }
}
