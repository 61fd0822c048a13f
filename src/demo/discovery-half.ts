/**
 * The discovery half of the demo: nobody writes an issue. A push to the default branch breaks the smoke check
 * of whole checkouts; the nightly discover run's log miner reads the failed runs, their jobs and logs and files
 * a `[Bug]` suggestion with the stack trace; a maintainer approves it with the roadmap label; implement fixes it
 * reproduce-first; the reviews and auto-merge run; CI on the default branch is green again; the nightly report
 * says what happened.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDefaultBranchCi, type DefaultBranchRun } from './sample-ci.js';
import { PROMOTIONS_PUSH, PROMOTIONS_README } from './sample-project.js';
import { chapter, git, implement, MAINTAINER, OWNER, REPO, reviewAndMerge, run, type Stage } from './stage.js';

/** Workflow run ids of the sample project's CI (the actions' own runs are numbered from 5000). */
const FIRST_CI_RUN = 7001;

function errorLine(ci: DefaultBranchRun): string {
  const failed = ci.jobs.find((job) => !job.passed);
  const error = failed ? /^\w*Error: .*$/m.exec(failed.output)?.[0] : undefined;
  return error ? ` — ${failed?.name}: ${error}` : '';
}

/** The CI workflow on the default branch's newest commit (a push, or a merge). */
function ciOnDefaultBranch(stage: Stage): DefaultBranchRun {
  const { gh } = stage;
  const id = FIRST_CI_RUN + [...gh.state.workflowRuns.keys()].filter((key) => key >= FIRST_CI_RUN).length;
  const ci = runDefaultBranchCi(gh, REPO, id);
  const jobs = ci.jobs.map((job) => `${job.name} ${job.passed ? '✓' : '✗'}`).join(', ');
  stage.options.say(`  ${ci.passed ? '✓' : '✗'} CI run ${ci.id} on ${gh.state.repo.defaultBranch} (${ci.sha.slice(0, 7)}): ${jobs}${errorLine(ci)}`);
  return ci;
}

function pushAndRunCi(stage: Stage, files: Record<string, string>, message: string): DefaultBranchRun {
  stage.gh.state.commitFiles(stage.gh.state.repo.defaultBranch, files, { author: MAINTAINER, message });
  return ciOnDefaultBranch(stage);
}

async function issueText(stage: Stage, number: number): Promise<{ title: string; body: string; labels: string[]; url: string }> {
  const { data } = await stage.maintainer.rest.issues.get({ owner: OWNER, repo: REPO, issue_number: number });
  const labels = data.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? '')));
  return { title: data.title, body: data.body ?? '', labels, url: data.html_url };
}

export async function discoveryHalf(stage: Stage): Promise<void> {
  const { say, outputDir } = stage.options;
  const { gh, model } = stage;
  const branch = gh.state.repo.defaultBranch;

  say(`${chapter(stage)}. ${MAINTAINER} pushes promotion codes to ${branch}; the unit tests pass, the smoke check of whole checkouts does not`);
  pushAndRunCi(stage, PROMOTIONS_PUSH, 'Add promotion codes');
  pushAndRunCi(stage, { 'README.md': PROMOTIONS_README }, 'README: promotion codes');

  say(`${chapter(stage)}. the nightly discover run: the log miner reads the failed runs on ${branch}, their jobs and logs`);
  const modelCalls = model.requests.length;
  const found = await run(stage, 'discover', 'discover (log-miner)', { analysts: 'log-miner' }, { name: 'schedule', payload: { schedule: '0 2 * * *' } });
  const [bugNumber] = JSON.parse(found.outputs['created-issues'] ?? '[]') as number[];
  if (bugNumber === undefined) throw new Error(`the log miner filed no suggestion: ${JSON.stringify(found.outputs)}`);
  const filed = await issueText(stage, bugNumber);
  writeFileSync(join(outputDir, 'bug-report-issue.md'), `# #${bugNumber} ${filed.title}\n\nLabels: ${filed.labels.join(', ')}\n\n${filed.body}\n`);
  say(`     filed #${bugNumber} "${filed.title}" (${filed.labels.join(', ')}); model calls: ${model.requests.length - modelCalls}`);
  say(`     demo-output/bug-report-issue.md: the stack trace from the smoke job's log and links to both runs`);

  say(`${chapter(stage)}. ${MAINTAINER}, who can write to the repository, approves #${bugNumber} by adding the roadmap label`);
  await stage.maintainer.rest.issues.addLabels({ owner: OWNER, repo: REPO, issue_number: bugNumber, labels: ['roadmap'] });
  const { data: labelled } = await stage.maintainer.rest.issues.get({ owner: OWNER, repo: REPO, issue_number: bugNumber });
  const { data: maintainerUser } = await stage.maintainer.rest.users.getByUsername({ username: MAINTAINER });
  const labelEvent = { action: 'labeled', issue: labelled, label: { name: 'roadmap' }, sender: maintainerUser, repository: { full_name: `${OWNER}/${REPO}` } };
  const decision = await run(stage, 'triage-report', 'triage-report on the roadmap label', {}, { name: 'issues', payload: labelEvent });
  const approved = await issueText(stage, bugNumber);
  say(`     approved ${decision.outputs.approved}: #${bugNumber} is now ${approved.labels.filter((label) => /^(roadmap|priority-)/.test(label)).join(', ')}`);

  say(`${chapter(stage)}. implement picks the bug: a regression test from the stack trace fails on ${branch} (red), the fix makes it pass`);
  const fix = await implement(stage, `implement #${bugNumber}`);
  const { data: pull } = await stage.maintainer.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: fix.pull });
  git(['fetch', '-q', 'origin', fix.branch], stage.workspace);
  const diff = git(['diff', pull.base.sha, 'FETCH_HEAD'], stage.workspace);
  writeFileSync(
    join(outputDir, 'bug-fix-pull-request.md'),
    `# #${pull.number} ${pull.title}\n\n${pull.body ?? ''}\n\n## Diff\n\n\`\`\`diff\n${diff}\n\`\`\`\n`,
  );
  const reproduced = /\*\*Reproduced\*\*[^\n]*/.exec(pull.body ?? '')?.[0]?.replace(/\*\*/g, '');
  say(`     PR #${fix.pull} "${pull.title}" on ${fix.branch}${reproduced ? `\n     ${reproduced}` : ''}`);
  say(`     demo-output/bug-fix-pull-request.md: root cause, reproduction and the diff`);

  say(`${chapter(stage)}. the chained review and merge jobs run on #${fix.pull}`);
  const round = await reviewAndMerge(stage, fix.pull, fix.branch);
  if (!round.merged) throw new Error(`auto-merge did not merge #${fix.pull}`);
  say(`     merged after clean reviews and green CI`);
  const after = ciOnDefaultBranch(stage);
  if (!after.passed) throw new Error(`CI on ${branch} still fails after #${fix.pull} was merged`);
  say(`     ${branch} is green again: the smoke check's unknown code gives no discount`);

  say(`${chapter(stage)}. the nightly report: what the factory did in the last 24 hours`);
  const nightly = await run(
    stage,
    'triage-report',
    'triage-report (nightly)',
    { report: 'nightly', 'dashboard-dir': join(outputDir, 'dashboard') },
    { name: 'schedule', payload: { schedule: '0 6 * * *' } },
    'agentic-nightly.yml',
  );
  const report = await issueText(stage, Number(nightly.outputs['report-issue-number']));
  // The report's body opens with its title.
  writeFileSync(join(outputDir, 'nightly-report.md'), `${report.body}\n`);
  say(`     demo-output/nightly-report.md (issue #${nightly.outputs['report-issue-number']}): ${report.title}`);
  if (nightly.outputs['dashboard-path']) say(`     the factory dashboard: ${join(nightly.outputs['dashboard-path'], 'index.html')}`);
}
