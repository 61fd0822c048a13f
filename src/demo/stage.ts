/**
 * What both halves of the demo share: the emulated repository and model, the maintainer's client, and the
 * steps every round of work goes through — a bundled action run as a workflow job, implement on a fresh
 * checkout, the repository's CI on a pull request, the chained reviews and auto-merge.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runGitSync } from '../core/git.js';
import type { GitHub } from '../core/github.js';
import type { GitHubEmulator } from '../emulators/github/index.js';
import { EMULATOR_OPENAI_KEY, type ModelEmulator } from '../emulators/model/index.js';
import { runCiJobs } from './sample-ci.js';
import { runAction, type ActionRun } from './step-runner.js';

export const OWNER = 'acme';
export const REPO = 'sample-shop';
export const MAINTAINER = 'maria';

export interface DemoOptions {
  distDir: string;
  outputDir: string;
  say: (line: string) => void;
  /** Which half of the story to tell: the roadmap loop, the discovery loop, or both (the default). */
  only?: 'roadmap' | 'discovery' | undefined;
  /** Called with the emulators once the story is told, before they close (a test reads what happened). */
  beforeClose?: ((world: { gh: GitHubEmulator; model: ModelEmulator }) => Promise<void> | void) | undefined;
}

export interface Stage {
  gh: GitHubEmulator;
  model: ModelEmulator;
  maintainer: GitHub;
  workspace: string;
  options: DemoOptions;
  /** Job summaries written so far (numbers the files). */
  step: number;
  /** Chapters of the story told so far (numbers the lines a person reads). */
  chapter: number;
}

/** The next chapter's number, for the line that opens it. */
export function chapter(stage: Stage): number {
  stage.chapter += 1;
  return stage.chapter;
}

export function git(args: string[], cwd?: string): string {
  return runGitSync(args, cwd);
}

const WORKFLOW_OF: Record<string, string> = { 'triage-report': 'agentic-triage.yml', discover: 'agentic-nightly.yml' };

export async function run(
  stage: Stage,
  agent: string,
  label: string,
  inputs: Record<string, string | number>,
  event: { name: string; payload: unknown } = { name: 'schedule', payload: { schedule: '17 */6 * * *' } },
  workflow = WORKFLOW_OF[agent] ?? 'agentic-implement.yml',
): Promise<ActionRun> {
  stage.step += 1;
  const began = performance.now();
  // Each step is a job of a workflow run GitHub knows: auto-merge reads the run a review check names.
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
    .filter(([name]) => !['issues', 'bundle-path', 'sarif-file', 'dashboard-path', 'candidates-path', 'candidates-digest'].includes(name))
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  stage.options.say(`  ${result.exitCode === 0 ? '✓' : '✗'} ${label} (${seconds}s)  [${outputs}]  → demo-output/${file}`);
  if (result.exitCode !== 0) throw new Error(`${agent} failed in the demo:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** What the repository's own CI does on the PR head: runs its jobs, reports a check run for each. */
function ciCheck(stage: Stage, branch: string): void {
  git(['fetch', '-q', 'origin', branch], stage.workspace);
  const head = git(['rev-parse', 'FETCH_HEAD'], stage.workspace);
  for (const job of runCiJobs(stage.gh.gitDir, head, REPO)) {
    const conclusion = job.passed ? 'success' : 'failure';
    stage.gh.state.addCheckRun({ head_sha: head, name: `ci / ${job.name}`, status: 'completed', conclusion, app: 'ci-app' });
    stage.options.say(`  ${job.passed ? '✓' : '✗'} the repository's CI ran ${job.command} on ${branch} (${head.slice(0, 7)}): ${conclusion}`);
  }
}

export async function reviewAndMerge(stage: Stage, pull: number, branch: string): Promise<{ suggestion?: number; merged: boolean }> {
  const cto = await run(stage, 'cto-review', `cto-review on #${pull}`, { 'pull-request-number': pull });
  await run(stage, 'ciso-review', `ciso-review on #${pull}`, { 'pull-request-number': pull });
  ciCheck(stage, branch);
  const merge = await run(stage, 'auto-merge', `auto-merge on #${pull}`, { 'pull-request-number': pull });
  const { data: suggestions } = await stage.maintainer.rest.issues.listForRepo({ owner: OWNER, repo: REPO, labels: 'agent-suggestion', state: 'open' });
  const suggestion = Number(cto.outputs['issues-created'] ?? 0) > 0 ? suggestions[0]?.number : undefined;
  return { suggestion, merged: merge.outputs.merged === 'true' };
}

export async function implement(stage: Stage, label: string): Promise<{ issue: number; pull: number; branch: string }> {
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
