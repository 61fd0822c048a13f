/**
 * `agentic demo`: the whole loop on built-in emulators. A GitHub emulator (backed by a real git repository)
 * and a scripted model stand in for GitHub and the provider; everything else is the real product — the
 * bundled actions run as child processes with the inputs, events and environment the reusable workflows
 * give them, in the order those workflows chain them.
 */
import { execFileSync } from 'node:child_process';
import { runGitSync } from '../core/git.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitHubClient, type GitHub } from '../core/github.js';
import { startGitHubEmulator, type GitHubEmulator } from '../emulators/github/index.js';
import { EMULATOR_OPENAI_KEY, startModelEmulator, type ModelEmulator } from '../emulators/model/index.js';
import { claimOutputFolder } from './output-folder.js';
import { demoModelReply } from './scripted-model.js';
import { FIRST_ISSUE, SAMPLE_FILES } from './sample-project.js';
import { runAction, type ActionRun } from './step-runner.js';

const OWNER = 'acme';
const REPO = 'sample-shop';
const MAINTAINER = 'maria';

export interface DemoOptions {
  distDir: string;
  outputDir: string;
  say: (line: string) => void;
}

interface Stage {
  gh: GitHubEmulator;
  model: ModelEmulator;
  maintainer: GitHub;
  workspace: string;
  options: DemoOptions;
  step: number;
}

function git(args: string[], cwd?: string): string {
  return runGitSync(args, cwd);
}

async function run(
  stage: Stage,
  agent: string,
  label: string,
  inputs: Record<string, string | number>,
  event: { name: string; payload: unknown } = { name: 'schedule', payload: { schedule: '17 */6 * * *' } },
): Promise<ActionRun> {
  stage.step += 1;
  const began = performance.now();
  // Each step is a job of a workflow run GitHub knows: auto-merge reads the run a review check names.
  const workflow = agent === 'triage-report' ? 'agentic-triage.yml' : 'agentic-implement.yml';
  stage.gh.state.addWorkflowRun({ id: 5000 + stage.step, name: workflow, workflow, status: 'in_progress', event: event.name });
  const result = await runAction({
    distDir: stage.options.distDir,
    entry: `${agent}.js`,
    eventName: event.name,
    event: event.payload,
    apiUrl: stage.gh.apiUrl,
    serverUrl: stage.gh.serverUrl,
    repository: `${OWNER}/${REPO}`,
    workspace: stage.workspace,
    runId: 5000 + stage.step,
    inputs: {
      'github-token': stage.gh.botToken,
      provider: 'openai',
      model: 'gpt-4.1',
      'openai-api-key': EMULATOR_OPENAI_KEY,
      'base-url': stage.model.openaiBaseUrl,
      ...inputs,
    },
    timeoutMs: 120_000,
  });
  const file = `${String(stage.step).padStart(2, '0')}-${agent}.md`;
  writeFileSync(join(stage.options.outputDir, file), result.summary || `(no job summary)\n\n${result.stdout}\n${result.stderr}`);
  const outputs = Object.entries(result.outputs)
    .filter(([name]) => !['issues', 'bundle-path', 'sarif-file', 'dashboard-path'].includes(name))
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  stage.options.say(`  ${result.exitCode === 0 ? '✓' : '✗'} ${label} (${seconds}s)  [${outputs}]  → demo-output/${file}`);
  if (result.exitCode !== 0) throw new Error(`${agent} failed in the demo:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** What the repository's own CI would do on the PR head: run its tests, report a check run. */
function ciCheck(stage: Stage, branch: string): void {
  git(['fetch', '-q', 'origin', branch], stage.workspace);
  const head = git(['rev-parse', 'FETCH_HEAD'], stage.workspace);
  const ci = mkdtempSync(join(tmpdir(), 'agentic-demo-ci-'));
  try {
    git(['clone', '-q', '--branch', branch, stage.gh.gitDir, ci]);
    let conclusion: 'success' | 'failure' = 'success';
    try {
      execFileSync('npm', ['test', '--silent'], { cwd: ci, stdio: 'ignore', env: { PATH: process.env.PATH ?? '', HOME: ci } });
    } catch {
      conclusion = 'failure';
    }
    stage.gh.state.addCheckRun({ head_sha: head, name: 'ci / test', status: 'completed', conclusion, app: 'ci-app' });
    stage.options.say(`  ${conclusion === 'success' ? '✓' : '✗'} the repository's CI ran npm test on ${branch} (${head.slice(0, 7)}): ${conclusion}`);
  } finally {
    rmSync(ci, { recursive: true, force: true });
  }
}

async function reviewAndMerge(stage: Stage, pull: number, branch: string): Promise<{ suggestion?: number; merged: boolean }> {
  const cto = await run(stage, 'cto-review', `cto-review on #${pull}`, { 'pull-request-number': pull });
  await run(stage, 'ciso-review', `ciso-review on #${pull}`, { 'pull-request-number': pull });
  ciCheck(stage, branch);
  const merge = await run(stage, 'auto-merge', `auto-merge on #${pull}`, { 'pull-request-number': pull });
  const { data: suggestions } = await stage.maintainer.rest.issues.listForRepo({ owner: OWNER, repo: REPO, labels: 'agent-suggestion', state: 'open' });
  const suggestion = Number(cto.outputs['issues-created'] ?? 0) > 0 ? suggestions[0]?.number : undefined;
  return { suggestion, merged: merge.outputs.merged === 'true' };
}

async function implement(stage: Stage, label: string): Promise<{ issue: number; pull: number; branch: string }> {
  // Each run gets a fresh checkout of the default branch, as actions/checkout gives a job.
  rmSync(stage.workspace, { recursive: true, force: true });
  git(['clone', '-q', stage.gh.gitDir, stage.workspace]);
  // The claim waits for GitHub's eventually consistent reads to show a concurrent claim; the emulator is
  // consistent at once and runs one picker, so a short wait is enough here.
  const result = await run(stage, 'implement', label, { 'max-iterations': 3, 'claim-settle-ms': 200 });
  const pull = Number(result.outputs['pull-request-number']);
  if (result.outputs.status !== 'opened' || !pull) throw new Error(`implement did not open a pull request: ${JSON.stringify(result.outputs)}`);
  return { issue: Number(result.outputs['issue-number']), pull, branch: result.outputs.branch ?? '' };
}

export async function runDemo(options: DemoOptions): Promise<void> {
  const started = performance.now();
  const { say } = options;
  claimOutputFolder(options.outputDir);
  const gh = await startGitHubEmulator({ owner: OWNER, repo: REPO, files: SAMPLE_FILES });
  const model = await startModelEmulator();
  const workspace = mkdtempSync(join(tmpdir(), 'agentic-demo-workspace-'));
  try {
    model.script(demoModelReply);
    gh.state.addUser({ login: MAINTAINER, type: 'User' });
    gh.state.setPermission(MAINTAINER, 'admin');
    const stage: Stage = { gh, model, maintainer: createGitHubClient({ token: gh.tokenFor(MAINTAINER), baseUrl: gh.apiUrl }), workspace, options, step: 0 };

    say(`agentic-workflow demo — GitHub and the model are emulated on this machine; the model's answers are scripted.`);
    say(`repository ${OWNER}/${REPO}: a small cart library with a real test suite (npm test)\n`);
    const { data: first } = await stage.maintainer.rest.issues.create({
      owner: OWNER,
      repo: REPO,
      title: FIRST_ISSUE.title,
      body: FIRST_ISSUE.body,
      labels: ['roadmap', 'priority-high'],
    });
    say(`1. ${MAINTAINER} files #${first.number} "${first.title}" and labels it roadmap, priority-high`);

    say(`2. the scheduled implement run picks it, plans, edits, runs the tests (red, then fixed), opens a PR`);
    const one = await implement(stage, `implement #${first.number}`);
    say(`     PR #${one.pull} on ${one.branch}`);

    say(`3. the chained review and merge jobs run on #${one.pull}`);
    const firstRound = await reviewAndMerge(stage, one.pull, one.branch);
    if (!firstRound.merged) throw new Error(`auto-merge did not merge #${one.pull}`);
    if (!firstRound.suggestion) throw new Error('cto-review raised no suggestion issue');
    say(`     merged; cto-review raised suggestion #${firstRound.suggestion} (needs-approval); ciso-review found nothing`);

    say(`4. the weekly triage report lists the suggestion for ${MAINTAINER}`);
    const report = await run(stage, 'triage-report', 'triage-report (weekly)', {}, { name: 'schedule', payload: { schedule: '0 8 * * 1' } });
    say(`     report issue #${report.outputs['report-issue-number']}: ${report.outputs.pending} pending`);

    const { data: comment } = await stage.maintainer.rest.issues.createComment({
      owner: OWNER,
      repo: REPO,
      issue_number: firstRound.suggestion,
      body: '/approve',
    });
    const { data: suggestionIssue } = await stage.maintainer.rest.issues.get({ owner: OWNER, repo: REPO, issue_number: firstRound.suggestion });
    say(`5. ${MAINTAINER} comments /approve on #${firstRound.suggestion}`);
    const { data: maintainerUser } = await stage.maintainer.rest.users.getByUsername({ username: MAINTAINER });
    const commentEvent = { action: 'created', issue: suggestionIssue, comment, sender: maintainerUser, repository: { full_name: `${OWNER}/${REPO}` } };
    const decision = await run(stage, 'triage-report', `triage-report on the /approve comment`, {}, { name: 'issue_comment', payload: commentEvent });
    say(`     approved ${decision.outputs.approved}: #${firstRound.suggestion} is now on the roadmap`);

    say(`6. the next implement run picks the approved suggestion`);
    const two = await implement(stage, `implement #${firstRound.suggestion}`);
    say(`     PR #${two.pull} on ${two.branch}`);
    const secondRound = await reviewAndMerge(stage, two.pull, two.branch);
    say(`     ${secondRound.merged ? 'merged' : 'not merged'} after clean reviews and green CI`);

    say(`7. the final report, with metrics`);
    const final = await run(
      stage,
      'triage-report',
      'triage-report (final)',
      { 'dashboard-dir': join(options.outputDir, 'dashboard') },
      { name: 'workflow_dispatch', payload: { inputs: {} } },
    );
    const { data: reportIssue } = await stage.maintainer.rest.issues.get({
      owner: OWNER,
      repo: REPO,
      issue_number: Number(final.outputs['report-issue-number']),
    });
    writeFileSync(join(options.outputDir, 'triage-report.md'), `# ${reportIssue.title}\n\n${reportIssue.body ?? ''}\n`);
    say(`     demo-output/triage-report.md (issue #${reportIssue.number})`);
    if (final.outputs['dashboard-path']) say(`     the factory dashboard: ${join(final.outputs['dashboard-path'], 'index.html')}`);

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    say(
      `\ndone in ${seconds}s: ${model.requests.length} model calls (scripted), ${gh.requests.length} GitHub API requests (${gh.writes().length} writes); job summaries in ${options.outputDir}/`,
    );
  } finally {
    rmSync(workspace, { recursive: true, force: true });
    await model.close();
    await gh.close();
  }
}
