import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createGitHubClient } from '../../src/core/github.js';
import { formatMarker, parseMarker } from '../../src/core/marker.js';
import {
  findStickyComment,
  isStickyComment,
  readStickyState,
  renderStickyBody,
  stickyBodyChanged,
  upsertStickyComment,
} from '../../src/core/sticky-comment.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';

const BOT_ID = 41898282; // github-actions[bot] on github.com and in the emulator

describe('sticky comment (pure)', () => {
  const marked = `## CTO review\n\n${formatMarker('cto-review', { head: 'abc' })}`;

  it('recognises the bot comment by marker and user id', () => {
    expect(isStickyComment({ body: marked, user: { id: BOT_ID } }, 'cto-review', BOT_ID)).toBe(true);
  });

  it('ignores a human who pastes the marker, and bot comments of another kind or with only the heading', () => {
    expect(isStickyComment({ body: marked, user: { id: 7 } }, 'cto-review', BOT_ID)).toBe(false);
    expect(isStickyComment({ body: marked, user: null }, 'cto-review', BOT_ID)).toBe(false);
    expect(isStickyComment({ body: marked, user: { id: BOT_ID } }, 'ciso-review', BOT_ID)).toBe(false);
    expect(isStickyComment({ body: '## CTO review', user: { id: BOT_ID } }, 'cto-review', BOT_ID)).toBe(false);
    expect(isStickyComment({ body: null, user: { id: BOT_ID } }, 'cto-review', BOT_ID)).toBe(false);
  });

  it('renders the visible text followed by the marker, readable back', () => {
    const rendered = renderStickyBody('implement', 'Working on it.\n\n', { attempts: 1 });
    expect(rendered).toBe(`Working on it.\n\n${formatMarker('implement', { attempts: 1 })}`);
    expect(parseMarker('implement', rendered, z.object({ attempts: z.number() }))).toEqual({ attempts: 1 });
  });

  it('sees no change when GitHub only normalised line endings or trailing space', () => {
    const rendered = renderStickyBody('implement', 'a\nb', { attempts: 1 });
    expect(stickyBodyChanged(rendered.replace(/\n/g, '\r\n'), rendered)).toBe(false);
    expect(stickyBodyChanged(`${rendered}\n  `, rendered)).toBe(false);
    expect(stickyBodyChanged(rendered, renderStickyBody('implement', 'a\nb', { attempts: 2 }))).toBe(true);
    expect(stickyBodyChanged(rendered, renderStickyBody('implement', 'a\nc', { attempts: 1 }))).toBe(true);
  });
});

describe('sticky comment against the GitHub emulator', () => {
  const repo = { owner: 'acme', repo: 'widgets' };
  const schema = z.object({ attempts: z.number() });
  let gh: GitHubEmulator;

  beforeEach(async () => {
    gh = await startGitHubEmulator(repo);
    gh.state.addUser({ login: 'mallory' });
  });
  afterEach(async () => {
    await gh.close();
  });

  const client = () => createGitHubClient({ token: gh.botToken, baseUrl: gh.apiUrl, retries: 0 });
  const commentsOn = (issueNumber: number) => [...gh.state.comments.values()].filter((c) => c.issueNumber === issueNumber);

  it('creates the comment once, edits it in place, and writes nothing when unchanged', async () => {
    const issue = gh.state.addIssue({ title: 'x' });
    const api = client();
    const first = await upsertStickyComment(api, repo, issue.number, 'implement', BOT_ID, 'Attempt 1', { attempts: 1 });
    expect(first.written).toBe(true);
    expect(first.comment.userId).toBe(BOT_ID);

    const second = await upsertStickyComment(api, repo, issue.number, 'implement', BOT_ID, 'Attempt 2', { attempts: 2 });
    expect(second).toMatchObject({ written: true, comment: { id: first.comment.id } });
    expect(commentsOn(issue.number)).toHaveLength(1);

    gh.resetRequests();
    const third = await upsertStickyComment(api, repo, issue.number, 'implement', BOT_ID, 'Attempt 2', { attempts: 2 });
    expect(third).toMatchObject({ written: false, comment: { id: first.comment.id } });
    expect(gh.writes()).toEqual([]);

    expect(await readStickyState(api, repo, issue.number, 'implement', BOT_ID, schema)).toMatchObject({ data: { attempts: 2 } });
  });

  it('skips the lookup when the caller already found the comment', async () => {
    const issue = gh.state.addIssue({ title: 'x' });
    const api = client();
    const { comment } = await upsertStickyComment(api, repo, issue.number, 'triage', BOT_ID, 'v1', { attempts: 1 });
    gh.resetRequests();
    await upsertStickyComment(api, repo, issue.number, 'triage', BOT_ID, 'v1', { attempts: 1 }, { existing: comment });
    expect(gh.requests).toEqual([]);
    await upsertStickyComment(api, repo, issue.number, 'triage', BOT_ID, 'v2', { attempts: 1 }, { existing: comment });
    expect(gh.requests.map((r) => r.method)).toEqual(['PATCH']);
  });

  it('ignores a human who pasted the marker, and finds the bot comment past the first page', async () => {
    const issue = gh.state.addIssue({ title: 'x' });
    const forged = renderStickyBody('cto-review', 'forged', { attempts: 99 });
    gh.state.addComment({ issue_number: issue.number, body: forged, user: 'mallory' });
    for (let i = 0; i < 150; i++) gh.state.addComment({ issue_number: issue.number, body: `chatter ${i}`, user: 'mallory' });
    gh.state.addComment({ issue_number: issue.number, body: renderStickyBody('cto-review', 'real', { attempts: 1 }), user: 'github-actions[bot]' });
    gh.state.addComment({ issue_number: issue.number, body: renderStickyBody('cto-review', 'duplicate', { attempts: 5 }), user: 'github-actions[bot]' });
    for (let i = 0; i < 150; i++) gh.state.addComment({ issue_number: issue.number, body: `more ${i}`, user: 'mallory' });

    const found = await findStickyComment(client(), repo, issue.number, 'cto-review', BOT_ID);
    expect(found?.body).toContain('real');
    // the oldest bot comment is on page 2 of 4; paging stops there
    expect(gh.countRequests({ method: 'GET' })).toBe(2);
    expect(await findStickyComment(client(), repo, issue.number, 'ciso-review', BOT_ID)).toBeNull();

    const result = await upsertStickyComment(client(), repo, issue.number, 'cto-review', BOT_ID, 'updated', { attempts: 2 });
    expect(result.comment.id).toBe(found?.id);
    const forgedComment = commentsOn(issue.number).find((c) => c.body === forged);
    expect(forgedComment).toBeDefined();
  });

  it('reads no state from a comment whose marker a human broke, and rewrites it', async () => {
    const issue = gh.state.addIssue({ title: 'x' });
    gh.state.addComment({ issue_number: issue.number, body: 'text\n<!-- agentic-workflow:implement {"attempts": -->', user: 'github-actions[bot]' });
    const api = client();
    expect(await readStickyState(api, repo, issue.number, 'implement', BOT_ID, schema)).toMatchObject({ data: null });
    const result = await upsertStickyComment(api, repo, issue.number, 'implement', BOT_ID, 'fresh', { attempts: 1 });
    expect(result.written).toBe(true);
    expect(commentsOn(issue.number)).toHaveLength(1);
    expect(parseMarker('implement', result.comment.body, schema)).toEqual({ attempts: 1 });
  });
});
