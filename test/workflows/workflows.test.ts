import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionlintFindings, parserErrors, policyViolations, PRODUCT_REPOSITORY, ROOT } from './workflow-checks.js';

const files = [
  ...readdirSync(join(ROOT, '.github', 'workflows')).map((file) => `.github/workflows/${file}`),
  ...readdirSync(join(ROOT, 'workflows-templates'))
    .filter((file) => file !== 'agentic.config.yml')
    .map((file) => `workflows-templates/${file}`),
].filter((file) => file.endsWith('.yml'));

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'workflows', name), 'utf8');

describe('workflows and templates', () => {
  it('include the reusable workflows and their templates', () => {
    for (const name of ['agentic-implement', 'agentic-review', 'agentic-triage', 'agentic-auto-merge', 'agentic-nightly', 'agentic-janitor']) {
      expect(files).toContain(`.github/workflows/${name}.yml`);
      expect(files).toContain(`workflows-templates/${name}.yml`);
    }
    expect(files).toContain('workflows-templates/agentic.yml');
  });

  it.each(files)('%s parses with zero errors, reusable-workflow calls included', async (file) => {
    expect(await parserErrors(file, read(file))).toEqual([]);
  });

  it.each(files)('%s has zero actionlint findings', async (file) => {
    expect(await actionlintFindings(file, read(file))).toEqual([]);
  });

  it.each(files)('%s pins third-party actions, sets permissions and timeouts, keeps event text out of run:, and passes only known inputs', (file) => {
    expect(policyViolations(file, read(file))).toEqual([]);
  });

  it('reusable workflows start from no permissions', () => {
    for (const file of files.filter((name) => name.startsWith('.github/workflows/agentic-'))) {
      expect(read(file)).toMatch(/^permissions: \{\}$/m);
      expect(read(file)).toMatch(/workflow_call:/);
    }
  });

  it('implement publishes only after propose succeeded, and only the bundle whose digest propose reported', () => {
    interface Step {
      id?: string;
      uses?: string;
      with?: Record<string, string>;
    }
    const jobs = (parse(read('.github/workflows/agentic-implement.yml')) as { jobs: Record<string, { if?: string; steps: Step[] }> }).jobs;
    const propose = jobs.propose?.steps ?? [];
    const publish = jobs.publish;
    expect(publish?.if).toMatch(/^\$\{\{ success\(\) && /);
    expect(propose.find((step) => step.uses?.startsWith('actions/upload-artifact@'))?.with?.name).toBe(
      'agentic-bundle-${{ matrix.issue }}-${{ steps.propose.outputs.bundle-digest }}',
    );
    expect(publish?.steps.find((step) => step.uses?.startsWith('actions/download-artifact@'))?.with?.pattern).toBe('agentic-bundle-${{ matrix.issue }}-*');
    expect(publish?.steps.find((step) => step.id === 'publish')?.with).toMatchObject({
      'bundle-path': '${{ steps.bundle.outputs.path }}',
      'bundle-digest': '${{ steps.bundle.outputs.digest }}',
    });
  });
});

describe('the nightly workflow', () => {
  interface Job {
    if?: string;
    needs?: string | string[];
    permissions?: Record<string, string>;
    steps?: Array<{ uses?: string; with?: Record<string, unknown> }>;
  }
  const jobs = (parse(read('.github/workflows/agentic-nightly.yml')) as { jobs: Record<string, Job> }).jobs;

  it('gives each job only the permissions it needs, and only the read-only analyse job checks out the repository', () => {
    expect(jobs.analyse?.permissions).toEqual({ actions: 'read', contents: 'read', issues: 'read' });
    expect(jobs.discover?.permissions).toEqual({ actions: 'read', contents: 'read', issues: 'write' });
    expect(jobs.report?.permissions).toEqual({ contents: 'read', issues: 'write', 'pull-requests': 'read' });
    // Pages is published by agentic-dashboard-pages.yml, called as a job of its own: GitHub would refuse to start a
    // caller that grants less than any job here asks for, even a job that is skipped.
    expect(jobs['dashboard-pages']).toBeUndefined();
    const pages = (parse(read('.github/workflows/agentic-dashboard-pages.yml')) as { jobs: Record<string, Job> }).jobs;
    expect(Object.values(pages).map((job) => job.permissions)).toEqual([{ pages: 'write', 'id-token': 'write' }]);
    for (const [name, job] of Object.entries(jobs)) {
      const checkout = job.steps?.find((step) => step.uses?.startsWith('actions/checkout@'));
      if (name === 'analyse') expect(checkout?.with).toEqual({ 'persist-credentials': false, 'fetch-depth': 0 });
      else expect(checkout, name).toBeUndefined();
    }
    // No secret reaches the job that runs the repository's code.
    expect(JSON.stringify(jobs.analyse)).not.toMatch(/secrets\./);
    expect(JSON.stringify(jobs.discover)).toMatch(/secrets\.sentry-token/);
  });

  it('files only the analysis whose digest the analyse step reported', () => {
    const analyse = jobs.analyse?.steps ?? [];
    const discover = jobs.discover?.steps ?? [];
    expect(analyse.find((step) => /\/actions\/discover@[0-9a-f]{40}$/.test(step.uses ?? ''))?.with).toMatchObject({ phase: 'analyse' });
    expect(analyse.find((step) => step.uses?.startsWith('actions/upload-artifact@'))?.with?.name).toBe(
      'agentic-discover-analysis-${{ steps.analyse.outputs.candidates-digest }}',
    );
    expect(discover.find((step) => step.uses?.startsWith('actions/download-artifact@'))?.with?.name).toBe(
      'agentic-discover-analysis-${{ needs.analyse.outputs.digest }}',
    );
    expect(discover.find((step) => /\/actions\/discover@[0-9a-f]{40}$/.test(step.uses ?? ''))?.with).toMatchObject({
      phase: 'file',
      'candidates-digest': '${{ needs.analyse.outputs.digest }}',
    });
    // The filing job runs no command of its own.
    expect(discover.some((step) => 'run' in step)).toBe(false);
  });

  it('runs the analysts that run repository code (coverage, docs) only in the read-only analyse job, and the API-only ones in the filing job', () => {
    const workflow = parse(read('.github/workflows/agentic-nightly.yml')) as { on: { workflow_call: { inputs: Record<string, { default?: unknown }> } } };
    const inputs = workflow.on.workflow_call.inputs;
    expect(inputs['code-analysts']?.default).toBe('dependencies,coverage,docs');
    expect(inputs.analysts?.default).toBe('log-miner');
    const discoverStep = (job: Job | undefined) => job?.steps?.find((step) => /\/actions\/discover@[0-9a-f]{40}$/.test(step.uses ?? ''));
    expect(discoverStep(jobs.analyse)?.with).toMatchObject({ phase: 'analyse', analysts: '${{ inputs.code-analysts }}' });
    expect(discoverStep(jobs.discover)?.with).toMatchObject({ phase: 'file', analysts: '${{ inputs.analysts }}' });
    // The defaults together are the action's own default: every analyst runs, each in its job.
    const together = [inputs['code-analysts']?.default, inputs.analysts?.default].join(',').split(',').sort();
    const action = parse(read('actions/discover/action.yml')) as { inputs: Record<string, { default?: string }> };
    expect(together).toEqual((action.inputs.analysts?.default ?? '').split(',').sort());
  });

  it('runs discover, then the nightly report with the dashboard even when discover failed', () => {
    expect(jobs.discover?.steps?.[1]?.uses).toMatch(new RegExp(`^${PRODUCT_REPOSITORY}/actions/discover@[0-9a-f]{40}$`));
    expect(jobs.report?.needs).toBe('discover');
    expect(jobs.report?.if).toBe("${{ !cancelled() && inputs.report == 'issue' }}");
    const report = jobs.report?.steps?.[0];
    expect(report?.uses).toMatch(new RegExp(`^${PRODUCT_REPOSITORY}/actions/triage-report@[0-9a-f]{40}$`));
    expect(report?.with).toMatchObject({ report: 'nightly', dashboard: "${{ inputs.dashboard != 'none' }}" });
    expect(jobs.report?.steps?.some((step) => step.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
  });

  it('only the report of agentic-nightly-report.yml holds discussions: write; the night itself never does', () => {
    for (const [name, job] of Object.entries(jobs)) expect(job.permissions?.discussions, name).toBeUndefined();
    expect(jobs.report?.if).toBe("${{ !cancelled() && inputs.report == 'issue' }}");
    const discussion = (parse(read('.github/workflows/agentic-nightly-report.yml')) as { jobs: Record<string, Job> }).jobs;
    expect(Object.keys(discussion)).toEqual(['report']);
    expect(discussion.report?.permissions).toEqual({ contents: 'read', issues: 'read', 'pull-requests': 'read', discussions: 'write' });
    const step = discussion.report?.steps?.[0];
    expect(step?.uses).toMatch(new RegExp(`^${PRODUCT_REPOSITORY}/actions/triage-report@[0-9a-f]{40}$`));
    expect(step?.with).toMatchObject({ report: 'nightly', 'nightly-discussion-category': '${{ inputs.discussion-category }}' });
    expect(discussion.report?.steps?.some((candidate) => candidate.uses?.startsWith('actions/checkout@'))).toBe(false);
  });

  it('the caller templates grant the reusable workflow exactly what its jobs ask for', () => {
    const union = { actions: 'read', contents: 'read', issues: 'write', 'pull-requests': 'read' };
    for (const template of ['workflows-templates/agentic-nightly.yml', 'workflows-templates/agentic.yml']) {
      const callers = (parse(read(template)) as { jobs: Record<string, Job & { uses?: string }> }).jobs;
      const nightly = Object.values(callers).find((job) => job.uses?.includes('agentic-nightly.yml'));
      expect(nightly?.permissions, template).toEqual(union);
    }
  });
});

describe('the checks catch broken workflows', () => {
  it('the parser reports an unknown input passed to a reusable workflow and a bad expression', async () => {
    const errors = await parserErrors('broken-caller.yml', fixture('broken-caller.yml'));
    expect(errors.join('\n')).toMatch(/no-such-input/);
  });

  it('actionlint reports an undefined job output and a bad runner label', async () => {
    const findings = await actionlintFindings('broken-lint.yml', fixture('broken-lint.yml'));
    expect(findings.length).toBeGreaterThan(0);
  });

  it('policy checks report an unpinned action, missing permissions, injection, a missing timeout and an unknown action input', () => {
    const problems = policyViolations('broken-policy.yml', fixture('broken-policy.yml')).join('\n');
    expect(problems).toMatch(/no top-level permissions/);
    expect(problems).toMatch(/actions\/checkout@v4 is not pinned/);
    expect(problems).toMatch(/untrusted event text expanded inside a script/);
    expect(problems).toMatch(/no timeout-minutes/);
    expect(problems).toMatch(/has no input 'no-such-input'/);
    expect(problems).toMatch(/pull_request_target/);
  });
});

describe('the security audit catches each weakness it names', () => {
  const findings = (name: string) => policyViolations(name, fixture(name));

  it.each([
    ['audit-template-injection.yml', /job greet: untrusted event text expanded inside a script \(template injection\)/, 2],
    ['audit-pull-request-target.yml', /uses pull_request_target|job test: checks out the pull request's head in a privileged trigger/, 2],
    ['audit-workflow-run.yml', /job comment: downloads the triggering run's artifacts in workflow_run/, 1],
    ['audit-permissions.yml', /top-level permissions: write-all|job build: permissions: read-all|job call: secrets: inherit/, 3],
    ['audit-unpinned.yml', /(actions\/checkout@v4|octo\/setup-tool@main) is not pinned to a full commit SHA/, 2],
    ['audit-persist-credentials.yml', /job test: actions\/checkout keeps the token in \.git\/config/, 1],
    ['audit-cache.yml', /job release: (actions\/cache|actions\/setup-node) restores a cache in a job with write access/, 2],
    ['audit-secrets-in-run.yml', /job deploy: a secret is expanded inside run:/, 1],
  ])('%s: every finding is the one the fixture plants', (name, pattern, count) => {
    const found = findings(name);
    expect(found).toHaveLength(count);
    for (const finding of found) expect(finding).toMatch(pattern);
  });

  it('the same jobs written safely pass: env: pass-through, no persisted token, no cache where the job can write (control)', () => {
    expect(findings('audit-hardened.yml')).toEqual([]);
  });

  it('top-level write scopes are reported, and only write scopes', () => {
    const workflow = (permissions: string) => `on: push\npermissions:\n  ${permissions}\njobs: {}\n`;
    expect(policyViolations('w.yml', workflow('contents: write'))).toEqual([
      'w.yml: top-level permissions grant write (contents): move them to the jobs that need them',
    ]);
    expect(policyViolations('r.yml', workflow('contents: read'))).toEqual([]);
  });
});
