/**
 * The roadmap half of the demo: a maintainer's issue is implemented, reviewed and merged; the suggestion the
 * CTO review raised is approved in triage, implemented and merged in turn; the weekly report sums it up.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { FIRST_ISSUE } from './sample-project.js';
import { chapter, implement, MAINTAINER, OWNER, REPO, reviewAndMerge, run, type Stage } from './stage.js';

export async function roadmapHalf(stage: Stage): Promise<void> {
  const { say, outputDir } = stage.options;
  const { data: first } = await stage.maintainer.rest.issues.create({
    owner: OWNER,
    repo: REPO,
    title: FIRST_ISSUE.title,
    body: FIRST_ISSUE.body,
    labels: ['roadmap', 'priority-high'],
  });
  say(`${chapter(stage)}. ${MAINTAINER} files #${first.number} "${first.title}" and labels it roadmap, priority-high`);

  say(`${chapter(stage)}. the scheduled implement run picks it, plans, edits, runs the tests (red, then fixed), opens a PR`);
  const one = await implement(stage, `implement #${first.number}`);
  say(`     PR #${one.pull} on ${one.branch}`);

  say(`${chapter(stage)}. the chained review and merge jobs run on #${one.pull}`);
  const firstRound = await reviewAndMerge(stage, one.pull, one.branch);
  if (!firstRound.merged) throw new Error(`auto-merge did not merge #${one.pull}`);
  if (!firstRound.suggestion) throw new Error('cto-review raised no suggestion issue');
  say(`     merged; cto-review raised suggestion #${firstRound.suggestion} (needs-approval); ciso-review found nothing`);

  say(`${chapter(stage)}. the weekly triage report lists the suggestion for ${MAINTAINER}`);
  const report = await run(stage, 'triage-report', 'triage-report (weekly)', {}, { name: 'schedule', payload: { schedule: '0 8 * * 1' } });
  say(`     report issue #${report.outputs['report-issue-number']}: ${report.outputs.pending} pending`);

  const { data: comment } = await stage.maintainer.rest.issues.createComment({
    owner: OWNER,
    repo: REPO,
    issue_number: firstRound.suggestion,
    body: '/approve',
  });
  const { data: suggestionIssue } = await stage.maintainer.rest.issues.get({ owner: OWNER, repo: REPO, issue_number: firstRound.suggestion });
  say(`${chapter(stage)}. ${MAINTAINER} comments /approve on #${firstRound.suggestion}`);
  const { data: maintainerUser } = await stage.maintainer.rest.users.getByUsername({ username: MAINTAINER });
  const commentEvent = { action: 'created', issue: suggestionIssue, comment, sender: maintainerUser, repository: { full_name: `${OWNER}/${REPO}` } };
  const decision = await run(stage, 'triage-report', `triage-report on the /approve comment`, {}, { name: 'issue_comment', payload: commentEvent });
  say(`     approved ${decision.outputs.approved}: #${firstRound.suggestion} is now on the roadmap`);

  say(`${chapter(stage)}. the next implement run picks the approved suggestion`);
  const two = await implement(stage, `implement #${firstRound.suggestion}`);
  say(`     PR #${two.pull} on ${two.branch}`);
  const secondRound = await reviewAndMerge(stage, two.pull, two.branch);
  say(`     ${secondRound.merged ? 'merged' : 'not merged'} after clean reviews and green CI`);

  say(`${chapter(stage)}. the final report, with metrics`);
  const final = await run(
    stage,
    'triage-report',
    'triage-report (final)',
    { 'dashboard-dir': join(outputDir, 'dashboard') },
    { name: 'workflow_dispatch', payload: { inputs: {} } },
  );
  const { data: reportIssue } = await stage.maintainer.rest.issues.get({
    owner: OWNER,
    repo: REPO,
    issue_number: Number(final.outputs['report-issue-number']),
  });
  writeFileSync(join(outputDir, 'triage-report.md'), `# ${reportIssue.title}\n\n${reportIssue.body ?? ''}\n`);
  say(`     demo-output/triage-report.md (issue #${reportIssue.number})`);
  if (final.outputs['dashboard-path']) say(`     the factory dashboard: ${join(final.outputs['dashboard-path'], 'index.html')}`);
}
