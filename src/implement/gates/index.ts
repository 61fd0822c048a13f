/**
 * Every pre-write gate over one change. Run by propose on the working tree and again by publish on the
 * bundle, with the settings each job read itself: a change that fails any of them never reaches a branch.
 */
import { outbound } from '../../core/outbound-gate.js';
import type { ImplementationPlan } from '../plan-schema.js';
import type { ScopeMode, SizeLimits } from '../settings.js';
import { checkDependencies, type DependencyCheckSettings } from './dependency-gate.js';
import type { GateReport } from './gate-types.js';
import { checkChangeShape, type ChangeShape } from './path-gates.js';
import { checkSecrets, type TextChange } from './secret-gate.js';

export type { GateProblem, GateReport } from './gate-types.js';

export interface GateInput {
  path: string;
  action: 'create' | 'modify' | 'delete';
  content?: Buffer;
  notRegularFile?: boolean;
}

export interface GateOptions {
  plan: ImplementationPlan;
  scopeMode: ScopeMode;
  protectedPaths: readonly string[];
  size: SizeLimits;
  /** The file at the base commit, for telling new lines and new dependencies from existing ones. */
  readBase: (path: string) => Promise<string | null>;
  dependencies: DependencyCheckSettings;
  now: number;
}

export async function runGates(changes: readonly GateInput[], options: GateOptions): Promise<GateReport> {
  const shapes: ChangeShape[] = changes.map((change) => ({
    path: change.path,
    action: change.action,
    bytes: change.content?.length ?? 0,
    ...(change.notRegularFile ? { notRegularFile: true } : {}),
  }));
  const problems = checkChangeShape(shapes, options);
  // Content checks read only what the shape gates let through as plain files.
  const texts: TextChange[] = [];
  for (const change of changes) {
    if (change.notRegularFile) continue;
    texts.push({
      path: change.path,
      action: change.action,
      before: change.action === 'create' ? null : await options.readBase(change.path),
      ...(change.content ? { after: change.content.toString('utf8') } : {}),
    });
  }
  const secrets = checkSecrets(texts, options.now);
  // Whatever else this run writes (PR body, issue comments, summary) must not repeat them either.
  outbound.add(secrets.secrets);
  problems.push(...secrets.problems);
  problems.push(...(await checkDependencies(texts, options.dependencies, options.now)));
  return { ok: problems.length === 0, problems, secrets: secrets.secrets };
}
