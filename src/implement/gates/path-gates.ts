/**
 * Pure gates on the shape of a change: every path is a plain relative path inside the repository, none is
 * protected, every one was planned (scope-mode plan), only regular files, and the whole fits the size limits.
 * The agent's tools refuse such edits already; these run again on the final working tree (the test command
 * can write files too) and again in the publish job on the bundle, which crossed a job boundary.
 */
import { protectingGlob } from '../../core/protected-paths.js';
import type { ImplementationPlan } from '../plan-schema.js';
import type { ScopeMode, SizeLimits } from '../settings.js';
import type { GateProblem } from './gate-types.js';

export interface ChangeShape {
  path: string;
  action: 'create' | 'modify' | 'delete';
  bytes: number;
  notRegularFile?: boolean;
}

/** Why a path is not a safe repository path, or null. */
export function pathProblem(path: string): string | null {
  if (path.length === 0) return 'the path is empty';
  if (path.length > 1024) return 'the path is longer than 1024 characters';
  // eslint-disable-next-line no-control-regex -- control characters in a path are the point
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'the path contains control characters';
  if (path.includes('\\')) return 'the path contains a backslash';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'the path is absolute';
  const segments = path.split('/');
  if (segments.some((segment) => segment === '' || segment === '.')) return 'the path has an empty or "." segment';
  if (segments.includes('..')) return 'the path goes up with ".."';
  if (segments.some((segment) => segment.toLowerCase() === '.git')) return 'the path is inside .git';
  return null;
}

export function plannedPaths(plan: ImplementationPlan): Set<string> {
  return new Set(plan.files.map((file) => file.path.replace(/^\.\//, '')));
}

export interface ShapeGateOptions {
  plan: ImplementationPlan;
  scopeMode: ScopeMode;
  protectedPaths: readonly string[];
  size: SizeLimits;
}

export function checkChangeShape(changes: readonly ChangeShape[], options: ShapeGateOptions): GateProblem[] {
  const problems: GateProblem[] = [];
  const planned = plannedPaths(options.plan);
  const seen = new Set<string>();
  let total = 0;
  for (const change of changes) {
    const { path } = change;
    const bad = pathProblem(path);
    if (bad) {
      problems.push({ gate: 'path', path, message: `${JSON.stringify(path)}: ${bad}` });
      continue;
    }
    if (seen.has(path)) problems.push({ gate: 'path', path, message: `${path} appears twice in the change` });
    seen.add(path);
    const glob = protectingGlob(path, options.protectedPaths);
    if (glob) problems.push({ gate: 'protected', path, message: `${path} is protected (${glob}); the agent may not change it` });
    if (options.scopeMode === 'plan' && !planned.has(path)) problems.push({ gate: 'scope', path, message: `${path} is not in the approved plan` });
    if (change.notRegularFile)
      problems.push({ gate: 'file-type', path, message: `${path} is not a regular file (symbolic links and special files are never published)` });
    if (change.bytes > options.size.maxFileBytes)
      problems.push({ gate: 'size', path, message: `${path} is ${change.bytes} bytes; the limit is ${options.size.maxFileBytes}` });
    total += change.bytes;
  }
  if (changes.length > options.size.maxFiles)
    problems.push({ gate: 'size', message: `the change touches ${changes.length} files; the limit is ${options.size.maxFiles}` });
  if (total > options.size.maxTotalBytes)
    problems.push({ gate: 'size', message: `the change is ${total} bytes in all; the limit is ${options.size.maxTotalBytes}` });
  return problems;
}
