import { getOctokit } from '@actions/github';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_ID, startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';

const owner = 'acme';
const repo = 'widgets';
const r = { owner, repo };

let gh: GitHubEmulator;
let bot: ReturnType<typeof getOctokit>;

beforeEach(async () => {
  gh = await startGitHubEmulator({ owner, repo });
  bot = getOctokit(gh.botToken, { baseUrl: gh.apiUrl });
});

afterEach(async () => {
  await gh.close();
});

describe('labels', () => {
  it('creates a label and refuses a duplicate with GitHub 422 body', async () => {
    const created = await bot.rest.issues.createLabel({ ...r, name: 'agent:in-progress', color: '#FBCA04', description: 'Taken by the agent' });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ name: 'agent:in-progress', color: 'fbca04', description: 'Taken by the agent', default: false });
    expect(created.data.url).toBe(`${gh.apiUrl}/repos/acme/widgets/labels/agent%3Ain-progress`);

    const duplicate = bot.rest.issues.createLabel({ ...r, name: 'Agent:In-Progress', color: '000000' });
    await expect(duplicate).rejects.toMatchObject({
      status: 422,
      response: {
        data: { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }], documentation_url: expect.any(String) },
      },
    });
    await expect(bot.rest.issues.createLabel({ ...r, name: 'bad', color: 'red' })).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ resource: 'Label', field: 'color', code: 'invalid' }] } },
    });
    await expect(bot.rest.issues.getLabel({ ...r, name: 'nope' })).rejects.toMatchObject({ status: 404 });
  });

  it('creates unknown labels with the default colour when they are added to an issue', async () => {
    const issue = gh.state.addIssue({ title: 'x' });
    const added = await bot.rest.issues.addLabels({ ...r, issue_number: issue.number, labels: ['needs-approval', 'severity-high'] });
    expect(added.data.map((label) => label.name)).toEqual(['needs-approval', 'severity-high']);
    expect(gh.state.labelByName('severity-high')?.color).toBe('ededed');
    await expect(bot.rest.issues.removeLabel({ ...r, issue_number: issue.number, name: 'roadmap' })).rejects.toMatchObject({ status: 404 });
    const renamed = await bot.rest.issues.updateLabel({ ...r, name: 'severity-high', new_name: 'severity-critical' });
    expect(renamed.data.name).toBe('severity-critical');
    expect(gh.state.labelNames(issue.number)).toEqual(['needs-approval', 'severity-critical']);
    const onIssue = await bot.rest.issues.get({ ...r, issue_number: issue.number });
    expect(onIssue.data.labels.map((label) => (typeof label === 'string' ? label : label.name))).toEqual(['needs-approval', 'severity-critical']);
  });
});

describe('issues', () => {
  it('filters the issue list and paginates 250 issues with a real Link header', async () => {
    gh.state.addUser({ login: 'alice' });
    gh.state.setPermission('alice', 'write');
    gh.clock.set('2024-01-01T00:00:00Z');
    for (let index = 0; index < 250; index += 1) {
      gh.clock.advance(60_000);
      gh.state.addIssue({
        title: `Issue ${index}`,
        labels: index % 2 === 0 ? ['roadmap'] : ['agent-suggestion'],
        ...(index % 5 === 0 ? { assignees: ['alice'] } : {}),
        ...(index % 10 === 0 ? { user: 'alice' } : {}),
        ...(index >= 240 ? { state: 'closed' as const } : {}),
      });
    }
    const first = await bot.rest.issues.listForRepo({ ...r, per_page: 100 });
    expect(first.data).toHaveLength(100);
    expect(first.data[0]?.title).toBe('Issue 239'); // newest open first
    const link = first.headers.link ?? '';
    expect(link).toContain(`<${gh.apiUrl}/repos/acme/widgets/issues?per_page=100&page=2>; rel="next"`);
    expect(link).toContain(`<${gh.apiUrl}/repos/acme/widgets/issues?per_page=100&page=3>; rel="last"`);
    const third = await bot.rest.issues.listForRepo({ ...r, per_page: 100, page: 3 });
    expect(third.data).toHaveLength(40);
    expect(third.headers.link).toContain('rel="prev"');
    expect(third.headers.link).toContain('rel="first"');
    expect(third.headers.link).not.toContain('rel="next"');

    const all = await bot.paginate(bot.rest.issues.listForRepo, { ...r, state: 'all', per_page: 100 });
    expect(all).toHaveLength(250);
    expect(new Set(all.map((issue) => issue.number)).size).toBe(250);

    const roadmap = await bot.paginate(bot.rest.issues.listForRepo, { ...r, labels: 'roadmap', per_page: 100 });
    expect(roadmap).toHaveLength(120);
    const both = await bot.rest.issues.listForRepo({ ...r, labels: 'roadmap,agent-suggestion' });
    expect(both.data).toHaveLength(0);
    const unassigned = await bot.paginate(bot.rest.issues.listForRepo, { ...r, assignee: 'none', per_page: 100 });
    expect(unassigned).toHaveLength(192);
    const alices = await bot.paginate(bot.rest.issues.listForRepo, { ...r, assignee: 'alice', creator: 'alice', per_page: 100 });
    expect(alices).toHaveLength(24);
    const oldest = await bot.rest.issues.listForRepo({ ...r, sort: 'created', direction: 'asc', per_page: 1 });
    expect(oldest.data[0]?.title).toBe('Issue 0');
    const recent = await bot.rest.issues.listForRepo({ ...r, since: '2024-01-01T03:55:30Z', per_page: 100 });
    expect(recent.data.map((issue) => issue.title)).toEqual(['Issue 239', 'Issue 238', 'Issue 237', 'Issue 236', 'Issue 235']);
    await expect(bot.rest.issues.listForRepo({ ...r, state: 'bogus' as 'open' })).rejects.toMatchObject({ status: 422 });
  });

  it('creates, edits and closes issues, listing pull requests with a pull_request key', async () => {
    const created = await bot.rest.issues.create({ ...r, title: 'Crash on start', body: 'Stack trace', labels: ['bug'], assignees: ['github-actions[bot]'] });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      number: 1,
      state: 'open',
      user: { login: 'github-actions[bot]', id: BOT_ID, type: 'Bot' },
      assignee: { login: 'github-actions[bot]' },
    });
    expect(created.data.html_url).toBe(`${gh.serverUrl}/acme/widgets/issues/1`);
    await expect(bot.rest.issues.create({ ...r, title: 'x', assignees: ['stranger'] })).rejects.toMatchObject({ status: 422 });
    await expect(bot.rest.issues.create({ ...r } as { owner: string; repo: string; title: string })).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ field: 'title', code: 'missing_field' }] } },
    });

    const closed = await bot.rest.issues.update({ ...r, issue_number: 1, state: 'closed', state_reason: 'not_planned' });
    expect(closed.data).toMatchObject({ state: 'closed', state_reason: 'not_planned', closed_by: { login: 'github-actions[bot]' } });
    expect(closed.data.closed_at).not.toBeNull();

    gh.state.commitFiles('feature', { 'a.txt': 'a\n' });
    gh.state.addPullRequest({ head: 'feature', title: 'A PR' });
    const listed = await bot.rest.issues.listForRepo({ ...r, state: 'all' });
    const pr = listed.data.find((item) => item.number === 2);
    expect(pr?.pull_request?.url).toBe(`${gh.apiUrl}/repos/acme/widgets/pulls/2`);
    expect(listed.data.find((item) => item.number === 1)?.pull_request).toBeUndefined();
    await expect(bot.rest.issues.get({ ...r, issue_number: 99 })).rejects.toMatchObject({ status: 404, response: { data: { message: 'Not Found' } } });
  });

  it('adds only assignable users through the assignees endpoint', async () => {
    gh.state.addUser({ login: 'writer' });
    gh.state.setPermission('writer', 'write');
    gh.state.addUser({ login: 'reader' });
    const issue = gh.state.addIssue({ title: 'x' });
    const result = await bot.rest.issues.addAssignees({
      ...r,
      issue_number: issue.number,
      assignees: ['writer', 'reader', 'github-actions[bot]', 'ghost-user'],
    });
    expect(result.data.assignees?.map((user) => user.login)).toEqual(['writer', 'github-actions[bot]']);
    await expect(bot.rest.issues.checkUserCanBeAssigned({ ...r, assignee: 'reader' })).rejects.toMatchObject({ status: 404 });
    const removed = await bot.rest.issues.removeAssignees({ ...r, issue_number: issue.number, assignees: ['writer'] });
    expect(removed.data.assignees?.map((user) => user.login)).toEqual(['github-actions[bot]']);
  });

  it('lists, edits and deletes comments with since and per-issue counts', async () => {
    const issue = gh.state.addIssue({ title: 'x' });
    gh.clock.set('2024-05-01T10:00:00Z');
    gh.state.addComment({ issue_number: issue.number, body: 'old' });
    gh.clock.set('2024-05-02T10:00:00Z');
    const posted = await bot.rest.issues.createComment({ ...r, issue_number: issue.number, body: '<!-- agentic-workflow:state {"v":1} -->\nClaimed' });
    expect(posted.data.user?.id).toBe(BOT_ID);
    expect(posted.data.created_at).toBe('2024-05-02T10:00:00Z');
    const since = await bot.rest.issues.listComments({ ...r, issue_number: issue.number, since: '2024-05-02T00:00:00Z' });
    expect(since.data.map((comment) => comment.body)).toEqual(['<!-- agentic-workflow:state {"v":1} -->\nClaimed']);
    gh.clock.set('2024-05-03T10:00:00Z');
    const edited = await bot.rest.issues.updateComment({ ...r, comment_id: posted.data.id, body: 'Claimed again' });
    expect(edited.data.updated_at).toBe('2024-05-03T10:00:00Z');
    const fetched = await bot.rest.issues.get({ ...r, issue_number: issue.number });
    expect(fetched.data.comments).toBe(2);
    const repoWide = await bot.rest.issues.listCommentsForRepo({ ...r, sort: 'updated', direction: 'desc' });
    expect(repoWide.data[0]?.body).toBe('Claimed again');
    await bot.rest.issues.deleteComment({ ...r, comment_id: posted.data.id });
    await expect(bot.rest.issues.getComment({ ...r, comment_id: posted.data.id })).rejects.toMatchObject({ status: 404 });

    const first = await bot.rest.reactions.createForIssueComment({ ...r, comment_id: repoWide.data[1]?.id ?? 0, content: 'eyes' });
    const again = await bot.rest.reactions.createForIssueComment({ ...r, comment_id: repoWide.data[1]?.id ?? 0, content: 'eyes' });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.data.id).toBe(first.data.id);
  });
});

describe('search', () => {
  beforeEach(() => {
    gh.state.addUser({ login: 'alice' });
    gh.state.setPermission('alice', 'write');
    gh.clock.set('2024-03-01T00:00:00Z');
    gh.state.addIssue({ title: 'Crash when saving', labels: ['roadmap', 'priority-high'] });
    gh.clock.advance(1000);
    gh.state.addIssue({ title: 'Slow search page', labels: ['roadmap', 'good first issue'], assignees: ['alice'] });
    gh.clock.advance(1000);
    gh.state.addIssue({ title: 'Crash on exit', body: 'segfault', labels: ['agent-suggestion', 'needs-approval'], user: 'alice' });
    gh.clock.advance(1000);
    gh.state.addIssue({ title: 'Old crash', labels: ['roadmap'], state: 'closed' });
    gh.state.commitFiles('automated/1-crash', { 'fix.txt': 'fixed\n' });
    gh.state.addPullRequest({ head: 'automated/1-crash', title: 'Fix crash when saving', labels: ['automated'] });
  });

  async function search(
    q: string,
    extra: { sort?: 'created' | 'updated' | 'comments'; order?: 'asc' | 'desc'; per_page?: number; page?: number } = {},
  ): Promise<string[]> {
    const result = await bot.rest.search.issuesAndPullRequests({ q, ...extra });
    expect(result.data.incomplete_results).toBe(false);
    return result.data.items.map((item) => item.title);
  }

  it('supports the qualifiers the agents use', async () => {
    expect(await search('repo:acme/widgets is:issue is:open label:roadmap')).toEqual(['Slow search page', 'Crash when saving']);
    expect(await search('repo:acme/widgets is:issue label:roadmap label:priority-high')).toEqual(['Crash when saving']);
    expect(await search('repo:acme/widgets is:issue label:"good first issue"')).toEqual(['Slow search page']);
    expect(await search('repo:acme/widgets is:issue is:open -label:roadmap')).toEqual(['Crash on exit']);
    expect(await search('repo:acme/widgets is:issue state:open no:assignee label:roadmap')).toEqual(['Crash when saving']);
    expect(await search('repo:acme/widgets is:issue author:alice')).toEqual(['Crash on exit']);
    expect(await search('repo:acme/widgets crash in:title is:issue', { sort: 'created', order: 'asc' })).toEqual([
      'Crash when saving',
      'Crash on exit',
      'Old crash',
    ]);
    expect(await search('repo:acme/widgets segfault')).toEqual(['Crash on exit']);
    expect(await search('repo:acme/widgets segfault in:title')).toEqual([]);
    expect(await search('repo:acme/widgets is:pr label:automated is:open')).toEqual(['Fix crash when saving']);
    expect(await search('repo:acme/widgets is:closed')).toEqual(['Old crash']);
    expect(await search('repo:acme/widgets is:issue created:<2024-03-01T00:00:01Z')).toEqual(['Crash when saving']);
    await expect(bot.rest.search.issuesAndPullRequests({ q: 'repo:other/thing is:issue' })).rejects.toMatchObject({ status: 422 });
    await expect(bot.rest.search.issuesAndPullRequests({ q: '' })).rejects.toMatchObject({ status: 422 });
  });

  it('paginates results and reports the search rate-limit resource', async () => {
    const page = await bot.rest.search.issuesAndPullRequests({ q: 'repo:acme/widgets is:issue', per_page: 2, page: 2, sort: 'created', order: 'desc' });
    expect(page.data.total_count).toBe(4);
    expect(page.data.items.map((item) => item.title)).toEqual(['Slow search page', 'Crash when saving']);
    expect(page.headers['x-ratelimit-resource']).toBe('search');
    expect(page.headers['x-ratelimit-limit']).toBe('30');
    expect(page.headers.link).toContain('rel="prev"');
    const everything = await bot.paginate(bot.rest.search.issuesAndPullRequests, { q: 'repo:acme/widgets', per_page: 2 });
    expect(everything.map((item) => item.number).sort()).toEqual([1, 2, 3, 4, 5]);
    const core = await bot.rest.issues.listForRepo(r);
    expect(core.headers['x-ratelimit-resource']).toBe('core');
  });
});

describe('authentication and permissions', () => {
  it('answers 401 without a token or with an unknown one', async () => {
    const anonymous = await fetch(`${gh.apiUrl}/repos/acme/widgets`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ message: 'Requires authentication' });
    const unknown = getOctokit('ghp_not_a_token', { baseUrl: gh.apiUrl });
    await expect(unknown.rest.repos.get(r)).rejects.toMatchObject({ status: 401, response: { data: { message: 'Bad credentials' } } });
  });

  it('authenticates each token as its user and enforces roles', async () => {
    gh.state.addUser({ login: 'reader' });
    gh.state.addUser({ login: 'triager' });
    gh.state.setPermission('triager', 'triage');
    const reader = getOctokit(gh.tokenFor('reader'), { baseUrl: gh.apiUrl });
    const triager = getOctokit(gh.tokenFor('triager'), { baseUrl: gh.apiUrl });
    const me = await reader.rest.users.getAuthenticated();
    expect(me.data.login).toBe('reader');
    await expect(bot.rest.users.getAuthenticated()).rejects.toMatchObject({ status: 403 });

    const repoForReader = await reader.rest.repos.get(r);
    expect(repoForReader.data.permissions).toEqual({ admin: false, maintain: false, push: false, triage: false, pull: true });
    const repoForBot = await bot.rest.repos.get(r);
    expect(repoForBot.data.permissions?.push).toBe(true);

    await expect(reader.rest.issues.createLabel({ ...r, name: 'x' })).rejects.toMatchObject({ status: 403 });
    // Readers may open issues, but their labels are silently dropped, as on GitHub.
    const opened = await reader.rest.issues.create({ ...r, title: 'Idea', labels: ['roadmap'] });
    expect(opened.data.labels).toEqual([]);
    await expect(reader.rest.issues.addLabels({ ...r, issue_number: opened.data.number, labels: ['roadmap'] })).rejects.toMatchObject({ status: 403 });
    await triager.rest.issues.addLabels({ ...r, issue_number: opened.data.number, labels: ['roadmap'] });
    const other = gh.state.addIssue({ title: 'not yours' });
    await expect(reader.rest.issues.update({ ...r, issue_number: other.number, state: 'closed' })).rejects.toMatchObject({ status: 403 });

    const permission = await bot.rest.repos.getCollaboratorPermissionLevel({ ...r, username: 'triager' });
    expect(permission.data).toMatchObject({ permission: 'read', role_name: 'triage', user: { login: 'triager' } });
  });

  it('hides a private repository from users without access', async () => {
    gh.state.setRepoSettings({ private: true });
    gh.state.addUser({ login: 'outsider' });
    const outsider = getOctokit(gh.tokenFor('outsider'), { baseUrl: gh.apiUrl });
    await expect(outsider.rest.repos.get(r)).rejects.toMatchObject({ status: 404 });
    const repoForBot = await bot.rest.repos.get(r);
    expect(repoForBot.data.private).toBe(true);
  });

  it('refuses writes from read-only or narrowed tokens like a GITHUB_TOKEN with permissions', async () => {
    const readOnly = getOctokit(gh.tokenFor('github-actions[bot]', { readOnly: true }), { baseUrl: gh.apiUrl });
    const issue = gh.state.addIssue({ title: 'x' });
    await readOnly.rest.issues.get({ ...r, issue_number: issue.number });
    await expect(readOnly.rest.issues.createComment({ ...r, issue_number: issue.number, body: 'hi' })).rejects.toMatchObject({
      status: 403,
      response: { data: { message: 'Resource not accessible by integration' } },
    });
    const issuesOnly = getOctokit(gh.tokenFor('github-actions[bot]', { permissions: { issues: 'write', contents: 'read' } }), { baseUrl: gh.apiUrl });
    await issuesOnly.rest.issues.createComment({ ...r, issue_number: issue.number, body: 'hi' });
    await expect(issuesOnly.rest.git.createRef({ ...r, ref: 'refs/heads/x', sha: gh.state.branchSha('main') ?? '' })).rejects.toMatchObject({ status: 403 });
    await expect(issuesOnly.rest.pulls.list(r)).rejects.toMatchObject({ status: 403 });
    expect(gh.writes().map((entry) => entry.status)).toEqual([403, 201, 403]);
  });

  it('sends rate-limit and request-id headers on every response and exhausts a budget', async () => {
    const response = await bot.rest.repos.get(r);
    for (const header of [
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
      'x-ratelimit-used',
      'x-ratelimit-resource',
      'x-github-request-id',
    ]) {
      expect(response.headers[header]).toBeDefined();
    }
    const before = Number(response.headers['x-ratelimit-remaining']);
    const after = await bot.rest.repos.get(r);
    expect(Number(after.headers['x-ratelimit-remaining'])).toBe(before - 1);
    gh.rateLimits.set('github-actions[bot]', 'core', { remaining: 0 });
    await expect(bot.rest.repos.get(r)).rejects.toMatchObject({ status: 403, response: { headers: { 'x-ratelimit-remaining': '0' } } });
    const limits = await getOctokit(gh.tokenFor(owner), { baseUrl: gh.apiUrl }).rest.rateLimit.get();
    expect(limits.data.resources.search.limit).toBe(30);
  });

  it('gives the runner variables that point an action at the emulator', () => {
    expect(gh.runnerEnv()).toMatchObject({
      GITHUB_API_URL: gh.apiUrl,
      GITHUB_SERVER_URL: gh.serverUrl,
      GITHUB_REPOSITORY: 'acme/widgets',
      GITHUB_REPOSITORY_OWNER: 'acme',
    });
    expect(gh.apiUrl).toBe(`${gh.serverUrl}/api/v3`);
  });

  it('records requests with their token and status', async () => {
    gh.resetRequests();
    await bot.rest.issues.listForRepo(r);
    await expect(bot.rest.issues.get({ ...r, issue_number: 5 })).rejects.toMatchObject({ status: 404 });
    expect(gh.requests.map((entry) => [entry.method, entry.path, entry.status, entry.login, entry.route])).toEqual([
      ['GET', '/repos/acme/widgets/issues', 200, 'github-actions[bot]', '/repos/{owner}/{repo}/issues'],
      ['GET', '/repos/acme/widgets/issues/5', 404, 'github-actions[bot]', '/repos/{owner}/{repo}/issues/{issue_number}'],
    ]);
    expect(gh.requests[0]?.token).toBe(gh.botToken);
    expect(gh.countRequests({ method: 'GET', path: /^\/repos\/acme\/widgets\/issues/ })).toBe(2);
    expect(gh.reads()).toHaveLength(2);
    expect(gh.writes()).toHaveLength(0);
  });
});
