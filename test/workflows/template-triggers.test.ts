import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './workflow-checks.js';
import { jobsStarted, type TriggerEvent } from './template-triggers.js';
import { uncommentJob, uncommentSetting } from './uncomment.js';

const TEMPLATES = [
  'agentic.yml',
  'agentic-implement.yml',
  'agentic-review.yml',
  'agentic-triage.yml',
  'agentic-auto-merge.yml',
  'agentic-nightly.yml',
  'agentic-janitor.yml',
] as const;
type Template = (typeof TEMPLATES)[number];
const content = Object.fromEntries(TEMPLATES.map((file) => [file, readFileSync(join(ROOT, 'workflows-templates', file), 'utf8')])) as Record<Template, string>;

const maintainer = { login: 'maria', type: 'User' };
const bot = { login: 'github-actions[bot]', type: 'Bot' };

function issueComment(body: string, labels: string[], options: { onPullRequest?: boolean; by?: { login: string; type: string } } = {}): TriggerEvent {
  const issue = {
    number: 7,
    labels: labels.map((name) => ({ name })),
    ...(options.onPullRequest ? { pull_request: { url: 'https://api.github.com/repos/acme/shop/pulls/7' } } : {}),
  };
  return { name: 'issue_comment', payload: { action: 'created', issue, comment: { body, user: options.by ?? maintainer } } };
}
const labeled = (label: string, labels: string[] = [label]): TriggerEvent => ({
  name: 'issues',
  payload: { action: 'labeled', label: { name: label }, issue: { number: 7, labels: labels.map((name) => ({ name })) } },
});
const closed = (labels: string[]): TriggerEvent => ({
  name: 'issues',
  payload: { action: 'closed', issue: { number: 7, labels: labels.map((name) => ({ name })) } },
});
const pullRequest = (action: string): TriggerEvent => ({ name: 'pull_request', payload: { action, number: 9, pull_request: { number: 9 } } });
const schedule = (cron: string): TriggerEvent => ({ name: 'schedule', payload: { schedule: cron } });
const dispatch: TriggerEvent = { name: 'workflow_dispatch', payload: { inputs: { 'issue-number': '' } } };

/** What the README promises each template does with each event: the jobs that start; every other job must not. */
const CASES: Array<[string, TriggerEvent, Partial<Record<Template, string[]>>]> = [
  ['the 6-hourly schedule picks the next roadmap issue', schedule('17 */6 * * *'), { 'agentic.yml': ['implement'], 'agentic-implement.yml': ['implement'] }],
  ['the Monday schedule writes the triage report', schedule('0 8 * * 1'), { 'agentic.yml': ['triage'], 'agentic-triage.yml': ['triage'] }],
  ['the daily 05:00 schedule runs the night shift', schedule('0 5 * * *'), { 'agentic.yml': ['nightly'], 'agentic-nightly.yml': ['nightly'] }],
  ['the Sunday schedule runs the janitor', schedule('0 3 * * 0'), { 'agentic-janitor.yml': ['janitor'] }],
  [
    'Run workflow',
    dispatch,
    {
      'agentic.yml': ['implement'],
      'agentic-implement.yml': ['implement'],
      'agentic-triage.yml': ['triage'],
      'agentic-auto-merge.yml': ['auto-merge'],
      'agentic-nightly.yml': ['nightly'],
      'agentic-janitor.yml': ['janitor'],
    },
  ],
  ['a roadmap label starts work', labeled('roadmap'), { 'agentic.yml': ['implement'], 'agentic-implement.yml': ['implement'] }],
  [
    'a roadmap label on a suggestion also records the approval',
    labeled('roadmap', ['roadmap', 'agent-suggestion']),
    { 'agentic.yml': ['implement', 'triage'], 'agentic-implement.yml': ['implement'], 'agentic-triage.yml': ['triage'] },
  ],
  ['another label does nothing', labeled('bug'), {}],
  [
    'a suggestion closed by hand is recorded as rejected',
    closed(['agent-suggestion', 'needs-approval']),
    { 'agentic.yml': ['triage'], 'agentic-triage.yml': ['triage'] },
  ],
  ['closing an ordinary issue does nothing', closed(['bug']), {}],
  [
    'an answer to the clarifying questions resumes the issue',
    issueComment('1. EUR only\n2. yes', ['roadmap', 'agent:needs-clarification']),
    { 'agentic.yml': ['implement'], 'agentic-implement.yml': ['implement'] },
  ],
  [
    '/approve-spec runs the approved plan',
    issueComment('/approve-spec', ['roadmap', 'agent:spec-review']),
    { 'agentic.yml': ['implement'], 'agentic-implement.yml': ['implement'] },
  ],
  [
    '/reject-spec ends the issue with the reason',
    issueComment('/reject-spec the plan misses the API', ['roadmap', 'agent:spec-review']),
    { 'agentic.yml': ['implement'], 'agentic-implement.yml': ['implement'] },
  ],
  [
    '/retry resumes a failed issue',
    issueComment('/retry', ['roadmap', 'agent:failed']),
    { 'agentic.yml': ['implement'], 'agentic-implement.yml': ['implement'] },
  ],
  ['the bot’s own questions do not wake the agent', issueComment('The agent has questions: …', ['roadmap', 'agent:needs-clarification'], { by: bot }), {}],
  ['chat on an issue the agent is not waiting on does nothing', issueComment('thanks, looks good', ['roadmap']), {}],
  ['chat on an issue in progress does nothing', issueComment('any news?', ['roadmap', 'agent:in-progress']), {}],
  [
    '/approve on a suggestion',
    issueComment('/approve high', ['agent-suggestion', 'needs-approval']),
    { 'agentic.yml': ['triage'], 'agentic-triage.yml': ['triage'] },
  ],
  [
    '/reject on a suggestion',
    issueComment('/reject duplicate of #3', ['agent-suggestion', 'needs-approval']),
    { 'agentic.yml': ['triage'], 'agentic-triage.yml': ['triage'] },
  ],
  ['/approve #12 on the triage report', issueComment('/approve #12 low', ['triage-report']), { 'agentic.yml': ['triage'], 'agentic-triage.yml': ['triage'] }],
  ['/approve on an ordinary issue does nothing', issueComment('/approve', ['bug']), {}],
  ['/review on a pull request', issueComment('/review', [], { onPullRequest: true }), { 'agentic.yml': ['review'], 'agentic-review.yml': ['review'] }],
  ['/retry on a pull request is not an implement command', issueComment('/retry', ['agent:failed'], { onPullRequest: true }), {}],
  ['a bot asking for /review does nothing', issueComment('/review', [], { onPullRequest: true, by: bot }), {}],
  ['a pull request opened is reviewed', pullRequest('opened'), { 'agentic.yml': ['review'], 'agentic-review.yml': ['review'] }],
  ['a pushed pull request is reviewed again', pullRequest('synchronize'), { 'agentic.yml': ['review'], 'agentic-review.yml': ['review'] }],
  ['a closed pull request is not reviewed', pullRequest('closed'), {}],
  [
    'a submitted review re-evaluates the merge gates',
    { name: 'pull_request_review', payload: { action: 'submitted', review: { state: 'approved' } } },
    { 'agentic-auto-merge.yml': ['auto-merge'] },
  ],
  [
    'a finished check suite re-evaluates the merge gates',
    { name: 'check_suite', payload: { action: 'completed' } },
    { 'agentic-auto-merge.yml': ['auto-merge'] },
  ],
  ['a push to main starts nothing', { name: 'push', payload: { ref: 'refs/heads/main' } }, {}],
];

describe('every template starts exactly the jobs the README promises', () => {
  it.each(CASES)('%s', (_label, event, expected) => {
    for (const template of TEMPLATES) expect(jobsStarted(content[template], event), template).toEqual(expected[template] ?? []);
  });
});

describe('the nightly template with its Discussion report uncommented', () => {
  const discussion = uncommentJob(uncommentSetting(content['agentic-nightly.yml'], 'report: none'), 'nightly-report');

  it.each([
    ['the daily 05:00 schedule', schedule('0 5 * * *')],
    ['Run workflow', dispatch],
  ])('%s runs the night shift and then the Discussion report', (_label, event) => {
    expect(jobsStarted(discussion, event)).toEqual(['nightly', 'nightly-report']);
  });

  it('other events start neither', () => {
    expect(jobsStarted(discussion, schedule('0 8 * * 1'))).toEqual([]);
    expect(jobsStarted(discussion, labeled('roadmap'))).toEqual([]);
  });
});

describe('the trigger walker itself', () => {
  it('tells apart an accepted and an ignored event on a small workflow', () => {
    const workflow =
      "on:\n  issues:\n    types: [opened]\njobs:\n  a:\n    if: github.event.issue.number == 3\n  b:\n    if: ${{ github.event_name == 'issues' }}\n";
    const opened = (number: number): TriggerEvent => ({ name: 'issues', payload: { action: 'opened', issue: { number } } });
    expect(jobsStarted(workflow, opened(3))).toEqual(['a', 'b']);
    expect(jobsStarted(workflow, opened(4))).toEqual(['b']);
    expect(jobsStarted(workflow, { name: 'issues', payload: { action: 'closed', issue: { number: 3 } } })).toEqual([]);
  });

  it('judges a job after its needs as when they succeeded: !cancelled() and always() run, failure() does not', () => {
    const workflow = 'on: push\njobs:\n  a:\n    if: ${{ !cancelled() }}\n  b:\n    if: always()\n  c:\n    if: failure()\n  d:\n    if: cancelled()\n';
    expect(jobsStarted(workflow, { name: 'push', payload: {} })).toEqual(['a', 'b']);
  });
});
