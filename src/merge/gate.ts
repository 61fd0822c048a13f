/** The vocabulary of the gates: what each reports and the settings they read. */

export type GateName = 'state' | 'branch' | 'author' | 'draft' | 'labels' | 'reviews' | 'agent-reviews' | 'checks' | 'mergeable' | 'paths';
export type GateStatus = 'pass' | 'fail' | 'wait';
export type Verdict = 'merge' | 'wait' | 'refuse';

export interface Gate {
  name: GateName;
  status: GateStatus;
  reason: string;
}

export interface Evaluation {
  verdict: Verdict;
  gates: Gate[];
  /** The first gate that failed, else the first that waits, else why it may merge. */
  reason: string;
  /** The commit the verdict is about; a merge passes exactly this sha. */
  headSha: string;
}

export interface GateSettings {
  /** `owner/name` of the repository the action runs in (the base repository). */
  repository: string;
  branchPatterns: readonly string[];
  /** Labels that stop a merge (`do-not-merge`, `agent:blocked` under their configured names). */
  blockingLabels: readonly string[];
  requiredApprovals: number;
  reviewChecks: readonly string[];
  /** Slug of the app whose check runs carry the review results. */
  reviewApp: string;
  /** When set, a review result counts only from the GitHub App with this id, and no workflow run is read. */
  reviewAppId?: number | undefined;
  /** Workflow files whose runs (from the default branch) may write review results. */
  reviewWorkflows: readonly string[];
  /** Checks named with this prefix are the agents' own and do not count towards `minChecks`. */
  ownCheckPrefix: string;
  minChecks: number;
  /** Checks the policy requires on the head, besides the ones the repository's rulesets require. */
  requiredChecks: readonly string[];
  requireHumanPaths: readonly string[];
  dependencyManifests: readonly string[];
  /** The workflow run this evaluation belongs to: its own unfinished jobs are not checks to wait for. */
  runId?: number;
}

export const HUMAN_MUST_MERGE = 'a human must merge';

export function pass(name: GateName, reason: string): Gate {
  return { name, status: 'pass', reason };
}
export function fail(name: GateName, reason: string): Gate {
  return { name, status: 'fail', reason };
}
export function wait(name: GateName, reason: string): Gate {
  return { name, status: 'wait', reason };
}
