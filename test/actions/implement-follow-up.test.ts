import { rmSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { parseMarker } from '../../src/core/marker.js';
import { implementMarkerSchema } from '../../src/core/markers/schemas.js';
import { BOT_ID, BOT_LOGIN, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { webhookExample } from '../harness/runner.js';
import { cloneWorkspace, FORMAT_EDIT, ISSUE, fileAt, redThenGreen, runImplement, scriptAgent, stickyOf, test } from '../implement/scenario.js';

// Runner emulation of the review follow-up (seed 002's night shift): changes requested on the agent's PR.

async function requestChanges(gh: GitHubEmulator, pull: number, login: string): Promise<{ id: number; commentId: number }> {
  const response = await fetch(`${gh.apiUrl}/repos/acme/widgets/pulls/${pull}/reviews`, {
    method: 'POST',
    headers: { authorization: `token ${gh.tokenFor(login)}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      event: 'REQUEST_CHANGES',
      body: 'One naming nit.',
      comments: [{ path: 'src/format.js', line: 5, side: 'RIGHT', body: 'Please call this `grouped`, not `whole`.' }],
    }),
  });
  const review = (await response.json()) as { id: number };
  const comment = [...gh.state.reviewComments.values()].find((entry) => entry.reviewId === review.id);
  return { id: review.id, commentId: comment?.id ?? 0 };
}

function reviewEvent(gh: GitHubEmulator, pull: number, reviewId: number, login: string): Record<string, unknown> {
  const record = gh.state.pull(pull);
  const event = webhookExample('pull_request_review', 'submitted');
  Object.assign(event.pull_request as object, {
    number: pull,
    state: 'open',
    head: { ref: record?.headRef, sha: record?.headSha ?? gh.state.branchSha(record?.headRef ?? ''), repo: { full_name: 'acme/widgets' } },
    base: { ref: 'main' },
  });
  Object.assign(event.review as object, {
    id: reviewId,
    state: 'changes_requested',
    body: 'One naming nit.',
    user: { login, id: gh.state.user(login)?.id, type: 'User' },
  });
  return event;
}

const RENAMED = FORMAT_EDIT.new.replace('const whole', 'const grouped').replace('${whole}', '${grouped}');

describe.concurrent('bundled implement: review follow-up', { timeout: 240_000 }, () => {
  test('changes requested by a maintainer: a fix commit by the bot, a reply per comment; a rerun and a reader’s review change nothing', async ({
    gh,
    model,
    workspace,
  }) => {
    gh.state.addUser({ login: 'maintainer' });
    gh.state.setPermission('maintainer', 'write');
    gh.state.addUser({ login: 'reader' });
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, {
      loop: [
        ...redThenGreen(),
        { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/format.js', old_string: FORMAT_EDIT.new, new_string: RENAMED } }] },
        { toolCalls: [{ name: 'run_tests', arguments: {} }] },
        { toolCalls: [{ name: 'finish', arguments: { summary: 'Renamed whole to grouped as asked.' } }] },
        {
          toolCalls: [
            {
              name: 'edit_file',
              arguments: { path: 'src/format.js', old_string: '/** Formats integer cents', new_string: '/** Formats integer cents, grouping thousands,' },
            },
          ],
        },
        { toolCalls: [{ name: 'run_tests', arguments: {} }] },
        { toolCalls: [{ name: 'finish', arguments: { summary: 'Documented the grouping.' } }] },
      ],
    });
    const opened = await runImplement({ gh, model, workspace });
    expect(opened.outputs.status).toBe('opened');
    const pull = Number(opened.outputs['pull-request-number']);
    const branch = opened.outputs.branch ?? '';
    const before = gh.state.branchSha(branch);

    const review = await requestChanges(gh, pull, 'maintainer');
    const event = reviewEvent(gh, pull, review.id, 'maintainer');
    const checkout = cloneWorkspace(gh);
    try {
      const fixed = await runImplement({ gh, model, workspace: checkout }, { eventName: 'pull_request_review', event });
      expect(fixed.exitCode).toBe(0);
      expect(fixed.outputs.status).toBe('opened');
      const head = gh.state.branchSha(branch);
      const commit = head ? gh.state.git.readCommit(head) : undefined;
      expect(commit?.parents).toEqual([before]);
      expect(commit?.message.trim()).toBe(`fix: address review feedback on #${pull}\n\nRefs #${issue.number}`);
      expect(commit?.author.email).toBe(`${BOT_ID}+${BOT_LOGIN}@users.noreply.github.com`);
      expect(fileAt(gh, branch, 'src/format.js')).toContain('const grouped');
      // The feedback reached the model as fenced data.
      const loopSystem = model.requests.at(-1)?.system ?? '';
      expect(loopSystem).toContain('## Review feedback to address');
      expect(loopSystem).toContain('Please call this `grouped`, not `whole`.');
      const replies = [...gh.state.reviewComments.values()].filter((comment) => comment.inReplyTo === review.commentId);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.author).toBe(BOT_LOGIN);
      expect(replies[0]?.body).toMatch(/^Addressed in [0-9a-f]{12}: Renamed whole to grouped/);
      const marker = parseMarker('implement', stickyOf(gh, issue.number), implementMarkerSchema);
      expect(marker?.handledReviews).toContain(review.id);

      gh.resetRequests();
      const rerun = await runImplement({ gh, model, workspace: checkout }, { eventName: 'pull_request_review', event });
      expect(rerun.outputs.status).toBe('no-work');
      expect(rerun.summary).toContain('already addressed');
      expect(gh.writes()).toEqual([]);

      const fromReader = await requestChanges(gh, pull, 'reader');
      gh.resetRequests();
      const ignored = await runImplement(
        { gh, model, workspace: checkout },
        { eventName: 'pull_request_review', event: reviewEvent(gh, pull, fromReader.id, 'reader') },
      );
      expect(ignored.outputs.status).toBe('no-work');
      expect(ignored.summary).toContain('may not ask the agent for changes');
      expect(gh.writes()).toEqual([]);

      // A single review comment (pull_request_review_comment) gets its own fix commit and reply.
      const headBefore = gh.state.branchSha(branch);
      const response = await fetch(`${gh.apiUrl}/repos/acme/widgets/pulls/${pull}/comments`, {
        method: 'POST',
        headers: { authorization: `token ${gh.tokenFor('maintainer')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ body: 'Mention the grouping in the doc comment.', commit_id: headBefore, path: 'src/format.js', line: 5, side: 'RIGHT' }),
      });
      const single = (await response.json()) as { id: number };
      const commentEvent = webhookExample('pull_request_review_comment', 'created');
      Object.assign(commentEvent.pull_request as object, (event as { pull_request: object }).pull_request, {
        head: { ref: branch, sha: headBefore, repo: { full_name: 'acme/widgets' } },
      });
      Object.assign(commentEvent.comment as object, {
        id: single.id,
        body: 'Mention the grouping in the doc comment.',
        user: { login: 'maintainer', id: gh.state.user('maintainer')?.id, type: 'User' },
      });
      // The previous run left its edits in that checkout: refused plainly, nothing written. A fresh job's checkout works.
      gh.resetRequests();
      const dirty = await runImplement({ gh, model, workspace: checkout }, { eventName: 'pull_request_review_comment', event: commentEvent });
      expect(dirty.outputs.status).toBe('failed');
      expect(dirty.summary).toContain('has local changes');
      expect(gh.writes()).toEqual([]);
      const fresh = cloneWorkspace(gh);
      const again = await runImplement({ gh, model, workspace: fresh }, { eventName: 'pull_request_review_comment', event: commentEvent }).finally(() =>
        rmSync(fresh, { recursive: true, force: true }),
      );
      expect(again.outputs.status).toBe('opened');
      expect(gh.state.git.readCommit(gh.state.branchSha(branch) ?? '')?.parents).toEqual([headBefore]);
      expect(fileAt(gh, branch, 'src/format.js')).toContain('grouping thousands');
      expect([...gh.state.reviewComments.values()].filter((comment) => comment.inReplyTo === single.id).map((comment) => comment.body)).toEqual([
        expect.stringMatching(/^Addressed in [0-9a-f]{12}: Documented the grouping/),
      ]);
    } finally {
      rmSync(checkout, { recursive: true, force: true });
    }
  });
});
