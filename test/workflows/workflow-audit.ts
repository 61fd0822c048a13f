/**
 * A security audit of workflow files, after the checks zizmor and GitHub's "Security hardening for GitHub
 * Actions" guide describe: each function returns one line per finding, naming the file, job and what to change.
 */

export interface AuditStep {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
export interface AuditJob {
  uses?: string;
  steps?: AuditStep[];
  permissions?: unknown;
  secrets?: unknown;
}
export interface AuditWorkflow {
  on?: unknown;
  permissions?: unknown;
  jobs?: Record<string, AuditJob>;
}

/**
 * Expressions whose value someone outside the repository's writers can choose: event payload text (titles,
 * bodies, branch names, commit messages, labels, e-mail addresses) and the head branch name.
 */
const UNTRUSTED_EXPRESSION = /\$\{\{[^}]*\b(github\.event\.|github\.head_ref\b|env\.GITHUB_HEAD_REF\b)[^}]*\}\}/;
const SECRET_EXPRESSION = /\$\{\{[^}]*\b(secrets\.[\w-]+|github\.token)\b[^}]*\}\}/;
/** Triggers that run with the base repository's token and secrets on behalf of someone else's change. */
const PRIVILEGED_TRIGGERS = ['pull_request_target', 'workflow_run', 'issue_comment'];

export function triggersOf(workflow: AuditWorkflow): string[] {
  const on = workflow.on;
  return typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : Object.keys((on as object) ?? {});
}

const actionName = (uses: string | undefined) => (uses ?? '').split('@')[0] ?? '';
const isCheckout = (step: AuditStep) => actionName(step.uses) === 'actions/checkout';

/** Scopes a permissions block grants write on (`write-all` counts as every scope). */
export function writeScopes(permissions: unknown): string[] {
  if (permissions === 'write-all') return ['*'];
  if (!permissions || typeof permissions !== 'object') return [];
  return Object.entries(permissions as Record<string, unknown>)
    .filter(([, access]) => access === 'write')
    .map(([scope]) => scope);
}

/** Template injection: an untrusted expression expanded into a shell script or a github-script body. */
export function templateInjection(where: string, step: AuditStep): string[] {
  const scripts = [step.run, actionName(step.uses) === 'actions/github-script' ? step.with?.script : undefined].filter(
    (text): text is string => typeof text === 'string',
  );
  return scripts.some((text) => UNTRUSTED_EXPRESSION.test(text))
    ? [`${where}: untrusted event text expanded inside a script (template injection): pass it through env: and quote "$VARIABLE"`]
    : [];
}

/** A secret or the token expanded into a script, where it lands in the script file and in anything that logs the command. */
export function secretsInRun(where: string, step: AuditStep): string[] {
  return typeof step.run === 'string' && SECRET_EXPRESSION.test(step.run) ? [`${where}: a secret is expanded inside run: (pass it through env:)`] : [];
}

/** pull_request_target or workflow_run checking out the pull request's code: untrusted code with the base repository's token. */
export function privilegedCheckout(where: string, triggers: string[], step: AuditStep): string[] {
  if (!isCheckout(step) || !triggers.some((trigger) => trigger === 'pull_request_target' || trigger === 'workflow_run')) return [];
  const ref = String(step.with?.ref ?? '') + String(step.with?.repository ?? '');
  return /github\.event\.(pull_request|workflow_run)\.head|github\.head_ref|refs\/pull\//.test(ref)
    ? [`${where}: checks out the pull request's head in a privileged trigger (${triggers.join(', ')})`]
    : [];
}

/** workflow_run downloading the triggering run's artifacts: files a pull request's workflow wrote, read with write access. */
export function workflowRunArtifacts(where: string, triggers: string[], step: AuditStep): string[] {
  if (!triggers.includes('workflow_run')) return [];
  const downloads = actionName(step.uses) === 'actions/download-artifact' && (step.with?.['run-id'] !== undefined || step.with?.['github-token'] !== undefined);
  const scripted = typeof step.run === 'string' && /gh run download|actions\/runs\/[^\s]*\/artifacts/.test(step.run);
  const github = actionName(step.uses) === 'actions/github-script' && /listWorkflowRunArtifacts|downloadArtifact/.test(String(step.with?.script ?? ''));
  return downloads || scripted || github
    ? [`${where}: downloads the triggering run's artifacts in workflow_run (treat them as untrusted data, never as code or config)`]
    : [];
}

/** actions/checkout keeps the token in .git/config unless told not to; any later step (repository code) can read it. */
export function persistedCredentials(where: string, job: AuditJob): string[] {
  const steps = job.steps ?? [];
  return steps.flatMap((step, index) => {
    if (!isCheckout(step) || step.with?.['persist-credentials'] === false || step.with?.['persist-credentials'] === 'false') return [];
    const later = steps.slice(index + 1).some((next) => next.run !== undefined || next.uses?.startsWith('./'));
    return later ? [`${where}: actions/checkout keeps the token in .git/config while later steps run code (set persist-credentials: false)`] : [];
  });
}

/** Caches restored in a job with write access: a cache an earlier, less trusted run wrote can reach privileged steps. */
export function cachePoisoning(where: string, triggers: string[], job: AuditJob, workflowPermissions: unknown): string[] {
  const privileged = writeScopes(job.permissions ?? workflowPermissions).length > 0 || triggers.some((trigger) => PRIVILEGED_TRIGGERS.includes(trigger));
  if (!privileged) return [];
  return (job.steps ?? []).flatMap((step) => {
    const name = actionName(step.uses);
    const cacheInput = step.with?.cache;
    const caches =
      name.startsWith('actions/cache') ||
      (/^actions\/setup-/.test(name) && cacheInput !== undefined && cacheInput !== false && cacheInput !== '' && cacheInput !== 'false') ||
      // setup-node caches on its own when package.json names a packageManager, unless told not to.
      (name === 'actions/setup-node' && step.with?.['package-manager-cache'] !== false && step.with?.['package-manager-cache'] !== 'false');
    return caches ? [`${where}: ${name} restores a cache in a job with write access or a privileged trigger (cache poisoning): drop the cache here`] : [];
  });
}

/** Excessive permissions: write at the workflow level, or everything at once anywhere. */
export function excessivePermissions(name: string, workflow: AuditWorkflow): string[] {
  const problems: string[] = [];
  const top = workflow.permissions;
  if (top === 'write-all' || top === 'read-all') problems.push(`${name}: top-level permissions: ${top} (grant each job only the scopes it uses)`);
  else if (writeScopes(top).length)
    problems.push(`${name}: top-level permissions grant write (${writeScopes(top).join(', ')}): move them to the jobs that need them`);
  for (const [jobName, job] of Object.entries(workflow.jobs ?? {})) {
    if (job.permissions === 'write-all' || job.permissions === 'read-all')
      problems.push(`${name} job ${jobName}: permissions: ${job.permissions} (list the scopes it uses)`);
    if (job.secrets === 'inherit') problems.push(`${name} job ${jobName}: secrets: inherit passes every secret (pass the ones the workflow declares)`);
  }
  return problems;
}

/** Every finding of the audit for one workflow. */
export function auditWorkflow(name: string, workflow: AuditWorkflow): string[] {
  const triggers = triggersOf(workflow);
  const problems = excessivePermissions(name, workflow);
  for (const [jobName, job] of Object.entries(workflow.jobs ?? {})) {
    const where = `${name} job ${jobName}`;
    problems.push(...persistedCredentials(where, job), ...cachePoisoning(where, triggers, job, workflow.permissions));
    for (const step of job.steps ?? []) {
      problems.push(
        ...templateInjection(where, step),
        ...secretsInRun(where, step),
        ...privilegedCheckout(where, triggers, step),
        ...workflowRunArtifacts(where, triggers, step),
      );
    }
  }
  return problems;
}
