import { describe, expect } from 'vitest';
import { BOT_ID, BOT_LOGIN } from '../../src/emulators/github/index.js';
import { parseMarker } from '../../src/core/marker.js';
import { implementPrMarkerSchema } from '../../src/core/contracts.js';
import { fileAt, ISSUE, labelsOf, pullsFor, redThenGreen, runImplement, scriptAgent, stickyOf, test } from '../implement/scenario.js';

// Runner emulation: the bundled dist/implement.js (run `npm run build` first) against the GitHub and model
// emulators, with the sample repository as the workspace.

describe.concurrent('bundled implement: from a roadmap issue to a pull request', { timeout: 180_000 }, () => {
  test('plans, edits, runs a real failing test, fixes it and opens the PR on automated/<n>-<slug>', async ({ gh, model, workspace }) => {
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap', 'priority-medium'] });
    const mainBefore = gh.state.branchSha('main');
    const agent = scriptAgent(model, { loop: redThenGreen() });

    const run = await runImplement({ gh, model, workspace });

    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const branch = `automated/${issue.number}-show-thousands-separators-in-prices`;
    expect(run.outputs).toMatchObject({ status: 'opened', 'issue-number': String(issue.number), branch });
    const pulls = pullsFor(gh);
    expect(pulls).toHaveLength(1);
    expect(run.outputs['pull-request-number']).toBe(String(pulls[0]?.number));
    expect(Number(run.outputs['cost-usd'])).toBeGreaterThan(0);
    expect(agent.loopCalls()).toBe(6);

    // The fixture's test suite really ran: the first run failed on the new assertion, the second passed.
    const loopRequests = model.requests.filter((request) => request.toolNames.includes('run_tests'));
    const toolResults = loopRequests.map((request) => request.messages.at(-1)?.text ?? '');
    expect(toolResults.some((text) => /Tests failed/.test(text) && /1234\.56|1,234\.56/.test(text))).toBe(true);
    expect(toolResults.some((text) => /Tests passed/.test(text))).toBe(true);

    // One commit on the branch, by the bot, with the conventional message, on top of main.
    const head = gh.state.branchSha(branch);
    const commit = head ? gh.state.git.readCommit(head) : undefined;
    expect(commit?.parents).toEqual([mainBefore]);
    expect(commit?.message.trim()).toBe(`feat: ${ISSUE.title}\n\nFixes #${issue.number}`);
    expect(commit?.author.email).toBe(`${BOT_ID}+${BOT_LOGIN}@users.noreply.github.com`);
    expect(commit?.committer.email).toBe(`${BOT_ID}+${BOT_LOGIN}@users.noreply.github.com`);
    expect(fileAt(gh, branch, 'src/format.js')).toContain("replace(/\\B(?=(\\d{3})+(?!\\d))/g, ',')");
    expect(fileAt(gh, branch, 'test/format.test.js')).toContain("'$1,234.56'");
    expect(gh.state.branchSha('main')).toBe(mainBefore);

    // The PR: labelled automated, its body carries plan, changes, tests, cost and the marker.
    const pull = gh.state.pull(pulls[0]?.number ?? 0);
    const prIssue = gh.state.issue(pulls[0]?.number ?? 0);
    expect(pull?.baseRef).toBe('main');
    expect(labelsOf(gh, pulls[0]?.number ?? 0)).toEqual(['automated']);
    const body = prIssue?.body ?? '';
    expect(body).toContain(`Fixes #${issue.number}`);
    expect(body).toContain('## Plan');
    expect(body).toContain('`src/format.js`');
    expect(body).toMatch(/`npm test` passed after 2 iterations/);
    expect(body).toMatch(/## Cost\n\n\$0\.\d+ in 8 model calls/);
    expect(body).not.toContain('## ADR');
    const marker = parseMarker('implement-pr', body, implementPrMarkerSchema);
    expect(marker).toMatchObject({ issue: issue.number });
    expect(marker?.costUsd).toBeGreaterThan(0);

    // The issue moved to agent:pr-open, its claim was released, and its sticky comment points at the PR.
    expect(labelsOf(gh, issue.number)).toEqual(['agent:pr-open', 'priority-medium', 'roadmap']);
    expect(stickyOf(gh, issue.number)).toContain(`opened #${pulls[0]?.number}`);
    // On the issue: the record of the approval the agent worked on, and its report.
    expect(
      [...gh.state.comments.values()]
        .filter((comment) => comment.issueNumber === issue.number)
        .map((comment) => /agentic-workflow:(approval|implement) /.exec(comment.body)?.[1]),
    ).toEqual(['approval', 'implement']);
    expect(run.summary).toContain(`opened [#${pulls[0]?.number}]`);
  });
});
