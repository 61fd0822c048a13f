import { describe, expect } from 'vitest';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { webhookExample } from '../harness/runner.js';
import { ISSUE, labelsOf, pullsFor, redThenGreen, runImplement, scriptAgent, stickyOf, test } from '../implement/scenario.js';

// Runner emulation: the clarification pause and the SPEC gate, resumed only by people with write access.

function commentEvent(gh: GitHubEmulator, issueNumber: number, login: string, body: string): Record<string, unknown> {
  const comment = gh.state.addComment({ issue_number: issueNumber, user: login, body });
  const user = gh.state.user(login);
  const event = webhookExample('issue_comment', 'created');
  const issue = gh.state.issue(issueNumber);
  Object.assign(event.issue as object, { number: issueNumber, title: issue?.title, body: issue?.body, pull_request: undefined, labels: [] });
  Object.assign(event.comment as object, { id: comment.id, body, user: { login, id: user?.id, type: 'User' } });
  return event;
}

const planCalls = (model: { requests: Array<{ toolNames: string[] }> }) =>
  model.requests.filter((request) => request.toolNames.includes('implementation_plan')).length;
const clarifyCalls = (model: { requests: Array<{ toolNames: string[] }> }) =>
  model.requests.filter((request) => request.toolNames.includes('clarification')).length;

describe.concurrent('bundled implement: clarification and SPEC approval', { timeout: 240_000 }, () => {
  test('ambiguous issue: numbered questions and a pause; a reader’s reply is ignored; a maintainer’s answer resumes it', async ({ gh, model, workspace }) => {
    gh.state.addUser({ login: 'maintainer' });
    gh.state.addUser({ login: 'reader' });
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, {
      clarify: { ambiguous: true, questions: ['Which locales need separators?', 'Should negative amounts use parentheses?'] },
      loop: redThenGreen(),
    });

    const asked = await runImplement({ gh, model, workspace });
    expect(asked.exitCode).toBe(0);
    expect(asked.outputs.status).toBe('needs-clarification');
    expect(labelsOf(gh, issue.number)).toEqual(['agent:needs-clarification', 'roadmap']);
    const sticky = stickyOf(gh, issue.number) ?? '';
    expect(sticky).toContain('1. Which locales need separators?');
    expect(sticky).toContain('2. Should negative amounts use parentheses?');
    expect(planCalls(model)).toBe(0);
    expect(gh.state.issue(issue.number)?.assignees).toEqual([]);

    const fromReader = commentEvent(gh, issue.number, 'reader', 'Only en-US, no parentheses.');
    gh.resetRequests();
    const ignored = await runImplement({ gh, model, workspace }, { eventName: 'issue_comment', event: fromReader });
    expect(ignored.outputs.status).toBe('no-work');
    expect(ignored.summary).toContain('waiting for answers from someone with write access');
    expect(gh.writes()).toEqual([]);
    expect(labelsOf(gh, issue.number)).toEqual(['agent:needs-clarification', 'roadmap']);

    const answer = 'Only en-US. Negative amounts keep the minus sign.';
    const fromMaintainer = commentEvent(gh, issue.number, 'maintainer', answer);
    const resumed = await runImplement({ gh, model, workspace }, { eventName: 'issue_comment', event: fromMaintainer });
    expect(resumed.outputs.status).toBe('opened');
    expect(clarifyCalls(model)).toBe(1);
    const planRequest = model.requests.find((request) => request.toolNames.includes('implementation_plan'));
    expect(planRequest?.messages[0]?.text).toContain('The maintainers answered the questions');
    expect(planRequest?.messages[0]?.text).toContain(`@maintainer wrote:\n${answer}`);
    expect(planRequest?.messages[0]?.text).not.toContain('Only en-US, no parentheses.');
    expect(labelsOf(gh, issue.number)).toEqual(['agent:pr-open', 'roadmap']);
  });

  test('SPEC gate: the plan is posted and waits; /approve-spec from a reader is ignored, from a maintainer runs exactly that plan', async ({
    gh,
    model,
    workspace,
  }) => {
    gh.state.addUser({ login: 'maintainer' });
    gh.state.addUser({ login: 'reader' });
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    const agent = scriptAgent(model, { loop: redThenGreen() });

    const posted = await runImplement({ gh, model, workspace }, { inputs: { 'require-spec-approval': true } });
    expect(posted.exitCode).toBe(0);
    expect(posted.outputs.status).toBe('awaiting-spec-approval');
    expect(labelsOf(gh, issue.number)).toEqual(['agent:spec-review', 'roadmap']);
    const spec = stickyOf(gh, issue.number) ?? '';
    expect(spec).toContain('## SPEC: implementation plan awaiting approval');
    expect(spec).toContain('`src/format.js`');
    expect(spec).toContain('/approve-spec');
    expect(agent.loopCalls()).toBe(0);

    gh.resetRequests();
    const ignored = await runImplement(
      { gh, model, workspace },
      { eventName: 'issue_comment', event: commentEvent(gh, issue.number, 'reader', '/approve-spec'), inputs: { 'require-spec-approval': true } },
    );
    expect(ignored.outputs.status).toBe('no-work');
    expect(gh.writes()).toEqual([]);

    const approved = await runImplement(
      { gh, model, workspace },
      { eventName: 'issue_comment', event: commentEvent(gh, issue.number, 'maintainer', '/approve-spec'), inputs: { 'require-spec-approval': true } },
    );
    expect(approved.outputs.status).toBe('opened');
    expect(planCalls(model)).toBe(1);
    expect(pullsFor(gh)).toHaveLength(1);
    const body = gh.state.issue(Number(approved.outputs['pull-request-number']))?.body ?? '';
    expect(body).toContain('SPEC approved by `@maintainer`');
    expect(labelsOf(gh, issue.number)).toEqual(['agent:pr-open', 'roadmap']);
  });

  test('/reject-spec with a reason from a maintainer ends in agent:failed with the reason', async ({ gh, model, workspace }) => {
    gh.state.addUser({ login: 'maintainer' });
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, { loop: redThenGreen() });
    await runImplement({ gh, model, workspace }, { inputs: { 'require-spec-approval': true } });
    const rejected = await runImplement(
      { gh, model, workspace },
      { eventName: 'issue_comment', event: commentEvent(gh, issue.number, 'maintainer', '/reject-spec separators belong in the UI layer') },
    );
    expect(rejected.outputs.status).toBe('failed');
    expect(labelsOf(gh, issue.number)).toEqual(['agent:failed', 'roadmap']);
    expect(stickyOf(gh, issue.number)).toContain('`@maintainer` rejected the SPEC: separators belong in the UI layer');
    expect(pullsFor(gh)).toEqual([]);
  });
});
