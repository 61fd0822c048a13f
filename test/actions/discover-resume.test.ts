import { afterEach, describe, expect, it } from 'vitest';
import { formatMarker } from '../../src/core/marker.js';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { runDiscover, startHistory, suggestionIssues } from '../discover/harness.js';

const CURSOR_TITLE = 'Discover: where the next night resumes';

/** The default-branch runs the log miner reads, oldest first (run ids grow as runs are created). */
function failedRunIds(gh: GitHubEmulator): number[] {
  return [...gh.state.workflowRuns.values()]
    .filter((run) => run.headBranch === 'main' && run.createdAt >= '2026-11-29' && (run.conclusion === 'failure' || run.runAttempt > 1))
    .map((run) => run.id)
    .sort((a, b) => a - b);
}

function cursorIssues(gh: GitHubEmulator) {
  return suggestionIssues(gh).filter((issue) => issue.title === CURSOR_TITLE);
}

function jobListings(gh: GitHubEmulator): number[] {
  return gh.requests.flatMap((request) => {
    const match = /\/actions\/runs\/(\d+)\/jobs$/.exec(request.path);
    return request.method === 'GET' && match ? [Number(match[1])] : [];
  });
}

describe('bundled discover: a rate limit mid-night', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
  });

  it('files only what whole runs hold, keeps a cursor in the bot’s marker, and resumes from it the next night', async () => {
    const { gh } = await startHistory();
    close = () => gh.close();
    const runs = failedRunIds(gh);
    const [first, second, third] = runs as [number, number, number];
    // GitHub's secondary rate limit answers every request for the third run's jobs tonight.
    gh.faults.add({ method: 'GET', path: new RegExp(`/actions/runs/${third}/jobs$`), status: 403, times: 20 });

    const night1 = await runDiscover(gh, { 'max-new-issues': '10' });
    expect(night1.exitCode, night1.stderr).toBe(0);
    // The client's rate-limit notices reach the step log, so the wait is never silent.
    expect(night1.stdout).toContain('GitHub secondary rate limit for GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs; retry after 1s');
    expect(night1.summary).toContain(`GitHub's rate limit ended the night at run ${third}: ${runs.length - 2} runs left unread for the next night.`);
    expect(night1.summary).toContain('### log-miner (incomplete)');
    // Only the TypeError of the two runs read in full is filed, with what those runs hold.
    const filed = suggestionIssues(gh).filter((issue) => issue.labels.includes('agent-suggestion'));
    expect(filed.map((issue) => issue.title.slice(0, 15))).toEqual(['[Bug] TypeError']);
    expect(filed[0]?.body).toMatch(/\| Occurrences \| 2 \|/);
    const [cursor] = cursorIssues(gh);
    expect(cursor?.state).toBe('closed');
    expect(cursor?.labels).toEqual(['agentic-state']);
    expect(cursor?.body).toContain(`<!-- agentic-workflow:discover-cursor {"logMinerAfter":${second},"v":1} -->`);

    gh.faults.clear();
    gh.resetRequests();
    const night2 = await runDiscover(gh, { 'max-new-issues': '10' });
    expect(night2.exitCode, night2.stderr).toBe(0);
    expect(night2.summary).toContain(`Resumed after run ${second}: 2 runs were mined on an earlier night.`);
    // The runs mined last night are not read again.
    expect(jobListings(gh)).not.toContain(first);
    expect(jobListings(gh)).not.toContain(second);
    expect(jobListings(gh)).toContain(third);
    expect(night2.outputs).toMatchObject({ 'issues-created': '4', known: '1' });
    // The night read everything: the cursor is cleared and the next night reads the whole window.
    expect(cursorIssues(gh)).toHaveLength(1);
    expect(cursorIssues(gh)[0]?.body).toContain('<!-- agentic-workflow:discover-cursor {"v":1} -->');

    gh.resetRequests();
    const night3 = await runDiscover(gh, { 'max-new-issues': '10' });
    expect(night3.outputs).toMatchObject({ 'issues-created': '0', known: '5' });
    expect(jobListings(gh)).toContain(first);
    expect(night3.summary).not.toContain('Resumed after run');
  }, 240_000);

  it('ignores a cursor issue someone else wrote, and a night that reads everything writes no cursor', async () => {
    const { gh } = await startHistory();
    close = () => gh.close();
    gh.state.addUser({ login: 'mallory', type: 'User' });
    gh.state.addIssue({
      title: CURSOR_TITLE,
      body: `skip it all\n\n${formatMarker('discover-cursor', { logMinerAfter: 999_999 })}`,
      user: 'mallory',
      labels: ['agentic-state'],
    });
    const night = await runDiscover(gh, { 'max-new-issues': '10' });
    expect(night.exitCode, night.stderr).toBe(0);
    expect(night.outputs).toMatchObject({ 'issues-created': '5' });
    expect(night.summary).not.toContain('Resumed after run');
    expect(cursorIssues(gh)).toHaveLength(1);
  }, 120_000);
});
