import { getOctokit } from '@actions/github';
import { RequestError } from '@octokit/request-error';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { Router } from '../../src/emulators/github/http/router.js';
import { OpenApiResponseValidator } from './openapi/response-validator.js';

/**
 * Every route the emulator serves is called for real through Octokit, and every answer is
 * checked against GitHub's OpenAPI description. A route missing from the scenario fails the
 * coverage test, so a new endpoint cannot skip the contract.
 */

interface Captured {
  method: string;
  path: string;
  status: number;
  data: unknown;
}

const owner = 'acme';
const repo = 'widgets';
const router = new Router(ROUTES);
const routeKey = (method: string, path: string): string => `${method} ${path}`;

let gh: GitHubEmulator;
let validator: OpenApiResponseValidator;
const captured: Captured[] = [];

function client(token: string): ReturnType<typeof getOctokit> {
  const octokit = getOctokit(token, { baseUrl: gh.apiUrl });
  octokit.hook.wrap('request', async (request, options) => {
    try {
      const response = await request(options);
      captured.push({ method: String(options.method), path: new URL(response.url).pathname, status: response.status, data: response.data });
      return response;
    } catch (error) {
      if (error instanceof RequestError)
        captured.push({ method: String(options.method), path: new URL(error.request.url).pathname, status: error.status, data: error.response?.data });
      throw error;
    }
  });
  return octokit;
}

async function expectStatus(promise: Promise<unknown>, status: number): Promise<void> {
  await expect(promise).rejects.toMatchObject({ status });
}

async function runScenario(): Promise<void> {
  const { state } = gh;
  state.addUser({ login: 'alice', name: 'Alice Liddell' });
  state.setPermission('alice', 'write');
  state.addUser({ login: 'bob' });
  const admin = client(gh.tokenFor(owner));
  const alice = client(gh.tokenFor('alice'));
  const bot = client(gh.botToken);
  const r = { owner, repo };

  // Repository, users, permissions, rate limit, contents.
  await bot.request('GET /repos/{owner}/{repo}', r);
  await admin.request('GET /user');
  await bot.request('GET /users/{username}', { username: 'alice' });
  await bot.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { ...r, username: 'alice' });
  await bot.request('GET /rate_limit');
  await bot.request('GET /repos/{owner}/{repo}/contents/{path}', { ...r, path: 'src/index.ts' });
  await bot.request('GET /repos/{owner}/{repo}/contents/{path}', { ...r, path: 'src' });
  await expectStatus(bot.request('GET /repos/{owner}/{repo}/contents/{path}', { ...r, path: 'missing.txt' }), 404);

  // Labels.
  await bot.request('POST /repos/{owner}/{repo}/labels', { ...r, name: 'roadmap', color: '0e8a16', description: 'Approved work' });
  await expectStatus(bot.request('POST /repos/{owner}/{repo}/labels', { ...r, name: 'Roadmap' }), 422);
  await bot.request('GET /repos/{owner}/{repo}/labels', r);
  await bot.request('GET /repos/{owner}/{repo}/labels/{name}', { ...r, name: 'roadmap' });
  await bot.request('PATCH /repos/{owner}/{repo}/labels/{name}', { ...r, name: 'roadmap', color: '00ff00' });
  await bot.request('POST /repos/{owner}/{repo}/labels', { ...r, name: 'temporary' });
  await bot.request('DELETE /repos/{owner}/{repo}/labels/{name}', { ...r, name: 'temporary' });

  // Issues.
  const issue = await bot.request('POST /repos/{owner}/{repo}/issues', {
    ...r,
    title: 'Add a widget',
    body: 'Please',
    labels: ['roadmap'],
    assignees: ['alice'],
  });
  const issue_number = issue.data.number;
  await expectStatus(bot.request('POST /repos/{owner}/{repo}/issues', { ...r, title: '' }), 422);
  await bot.request('GET /repos/{owner}/{repo}/issues', { ...r, labels: 'roadmap' });
  await bot.request('GET /repos/{owner}/{repo}/issues/{issue_number}', { ...r, issue_number });
  await bot.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...r, issue_number, body: 'Please, soon' });
  await bot.request('POST /repos/{owner}/{repo}/issues/{issue_number}/assignees', { ...r, issue_number, assignees: ['github-actions[bot]'] });
  await bot.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees', { ...r, issue_number, assignees: ['github-actions[bot]'] });
  await bot.request('GET /repos/{owner}/{repo}/assignees/{assignee}', { ...r, assignee: 'alice' });
  await bot.request('GET /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...r, issue_number });
  await bot.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...r, issue_number, labels: ['agent:in-progress'] });
  await bot.request('PUT /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...r, issue_number, labels: ['roadmap', 'agent:in-progress'] });
  await bot.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', { ...r, issue_number, name: 'agent:in-progress' });
  await alice.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...r, issue_number, labels: ['priority-high'] });
  await alice.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...r, issue_number, title: 'Add a widget, please' });
  const events = await bot.request('GET /repos/{owner}/{repo}/issues/{issue_number}/events', { ...r, issue_number, per_page: 2 });
  expect(events.headers.link).toMatch(/rel="next"/);
  const allEvents = (await bot.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/events', { ...r, issue_number, per_page: 2 })) as Array<{
    event: string;
    actor?: { login: string } | null;
    label?: { name: string };
    rename?: { from: string; to: string };
  }>;
  const labelled = allEvents.find((event) => event.event === 'labeled' && event.label?.name === 'priority-high');
  expect(labelled?.actor?.login).toBe('alice');
  expect(allEvents.filter((event) => event.event === 'labeled' && event.label?.name === 'roadmap')[0]?.actor?.login).toBe('github-actions[bot]');
  expect(allEvents.find((event) => event.event === 'renamed')?.rename).toEqual({ from: 'Add a widget', to: 'Add a widget, please' });
  expect(allEvents.some((event) => event.event === 'unlabeled' && event.label?.name === 'agent:in-progress')).toBe(true);
  const scratch = await bot.request('POST /repos/{owner}/{repo}/issues', { ...r, title: 'Scratch', labels: ['roadmap'] });
  await bot.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...r, issue_number: scratch.data.number });

  // Comments and reactions.
  const comment = await bot.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...r, issue_number, body: 'Claimed' });
  const comment_id = comment.data.id;
  await bot.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...r, issue_number });
  await bot.request('GET /repos/{owner}/{repo}/issues/comments', { ...r, sort: 'updated', direction: 'desc' });
  await bot.request('GET /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...r, comment_id });
  await bot.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...r, comment_id, body: 'Claimed (edited)' });
  await bot.request('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', { ...r, comment_id, content: 'eyes' });
  await bot.request('GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', { ...r, comment_id });
  await bot.request('POST /repos/{owner}/{repo}/issues/{issue_number}/reactions', { ...r, issue_number, content: '+1' });
  await bot.request('GET /repos/{owner}/{repo}/issues/{issue_number}/reactions', { ...r, issue_number });
  const doomed = await bot.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...r, issue_number, body: 'to delete' });
  await bot.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...r, comment_id: doomed.data.id });

  // Search.
  await bot.request('GET /search/issues', { q: `repo:${owner}/${repo} is:issue is:open label:roadmap` });

  // Pull requests.
  state.commitFiles(
    'feature/widget',
    { 'src/widget.ts': 'export const widget = 1;\n', 'src/index.ts': 'export * from "./widget.js";\n' },
    { author: 'alice', message: 'feat: widget' },
  );
  const pull = await alice.request('POST /repos/{owner}/{repo}/pulls', {
    ...r,
    head: 'feature/widget',
    base: 'main',
    title: 'Add widget',
    body: `Fixes #${issue_number}`,
  });
  const pull_number = pull.data.number;
  const head = pull.data.head.sha;
  await bot.request('GET /repos/{owner}/{repo}/pulls', { ...r, state: 'all' });
  await bot.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...r, pull_number });
  await alice.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', { ...r, pull_number, title: 'Add the widget' });
  await bot.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { ...r, pull_number });
  await bot.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/commits', { ...r, pull_number });
  await bot.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', { ...r, pull_number, reviewers: ['github-actions[bot]'] });
  await bot.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', { ...r, pull_number });
  await bot.request('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', { ...r, commit_sha: head });

  // Reviews and review comments.
  const review = await bot.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
    ...r,
    pull_number,
    commit_id: head,
    event: 'COMMENT',
    body: 'Looks fine',
    comments: [{ path: 'src/widget.ts', line: 1, side: 'RIGHT', body: 'Name it better' }],
  });
  await expectStatus(
    bot.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
      ...r,
      pull_number,
      event: 'COMMENT',
      comments: [{ path: 'src/widget.ts', line: 99, body: 'x' }],
    }),
    422,
  );
  await bot.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { ...r, pull_number });
  await bot.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}', { ...r, pull_number, review_id: Number(review.data.id) });
  const pending = await admin.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { ...r, pull_number, body: 'Pending thoughts' });
  await admin.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events', {
    ...r,
    pull_number,
    review_id: Number(pending.data.id),
    event: 'REQUEST_CHANGES',
  });
  await admin.request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals', {
    ...r,
    pull_number,
    review_id: Number(pending.data.id),
    message: 'Addressed',
  });
  const reviewComment = await bot.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/comments', {
    ...r,
    pull_number,
    commit_id: head,
    path: 'src/index.ts',
    line: 1,
    body: 'Export order?',
  });
  const reviewCommentId = reviewComment.data.id;
  await alice.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies', {
    ...r,
    pull_number,
    comment_id: reviewCommentId,
    body: 'Fine as is',
  });
  await bot.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', { ...r, pull_number });
  await bot.request('GET /repos/{owner}/{repo}/pulls/comments', r);
  await bot.request('GET /repos/{owner}/{repo}/pulls/comments/{comment_id}', { ...r, comment_id: reviewCommentId });
  await bot.request('PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}', { ...r, comment_id: reviewCommentId, body: 'Export order? (edited)' });
  const extra = await bot.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/comments', {
    ...r,
    pull_number,
    commit_id: head,
    path: 'src/widget.ts',
    subject_type: 'file',
    body: 'File-level',
  });
  await bot.request('DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}', { ...r, comment_id: extra.data.id });

  // Checks and statuses.
  const run = await bot.request('POST /repos/{owner}/{repo}/check-runs', { ...r, name: 'cto-review', head_sha: head, status: 'in_progress' });
  await bot.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
    ...r,
    check_run_id: run.data.id,
    conclusion: 'success',
    output: {
      title: 'Review',
      summary: 'No findings',
      annotations: [{ path: 'src/widget.ts', start_line: 1, end_line: 1, annotation_level: 'notice', message: 'ok' }],
    },
  });
  await bot.request('GET /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...r, check_run_id: run.data.id });
  await bot.request('GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations', { ...r, check_run_id: run.data.id });
  await bot.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...r, ref: 'feature/widget' });
  await bot.request('POST /repos/{owner}/{repo}/statuses/{sha}', { ...r, sha: head, state: 'success', context: 'ci/test' });
  await bot.request('GET /repos/{owner}/{repo}/commits/{ref}/statuses', { ...r, ref: head });
  await bot.request('GET /repos/{owner}/{repo}/commits/{ref}/status', { ...r, ref: head });

  // Merge.
  await admin.request('PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge', { ...r, pull_number, sha: head, merge_method: 'squash' });
  await bot.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/merge', { ...r, pull_number });

  // Git data and refs.
  const main = await bot.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { ...r, ref: 'heads/main' });
  await bot.request('GET /repos/{owner}/{repo}/git/matching-refs/{ref}', { ...r, ref: 'heads/' });
  const blob = await bot.request('POST /repos/{owner}/{repo}/git/blobs', { ...r, content: 'hello\n', encoding: 'utf-8' });
  await bot.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { ...r, file_sha: blob.data.sha });
  const baseCommit = await bot.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { ...r, commit_sha: main.data.object.sha });
  await bot.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { ...r, tree_sha: baseCommit.data.tree.sha, recursive: '1' });
  const tree = await bot.request('POST /repos/{owner}/{repo}/git/trees', {
    ...r,
    base_tree: baseCommit.data.tree.sha,
    tree: [{ path: 'docs/hello.txt', mode: '100644', type: 'blob', sha: blob.data.sha }],
  });
  const created = await bot.request('POST /repos/{owner}/{repo}/git/commits', {
    ...r,
    message: 'docs: hello',
    tree: tree.data.sha,
    parents: [main.data.object.sha],
  });
  await bot.request('POST /repos/{owner}/{repo}/git/refs', { ...r, ref: 'refs/heads/docs', sha: main.data.object.sha });
  await bot.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { ...r, ref: 'heads/docs', sha: created.data.sha });
  await bot.request('GET /repos/{owner}/{repo}/commits/{ref}', { ...r, ref: 'docs' });
  await bot.request('GET /repos/{owner}/{repo}/compare/{basehead}', { ...r, basehead: 'main...docs' });
  await bot.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', { ...r, ref: 'heads/docs' });

  // Actions.
  state.commitFiles('main', { '.github/workflows/agentic.yml': 'on: workflow_dispatch\n' }, { message: 'ci: workflow' });
  const workflowRun = state.addWorkflowRun({ status: 'completed', conclusion: 'success' });
  await bot.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { ...r, run_id: workflowRun.id });
  await bot.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
    ...r,
    workflow_id: 'agentic.yml',
    ref: 'main',
    inputs: { issue: '1' },
  });
  const failedRun = state.addWorkflowRun({ status: 'completed', conclusion: 'failure', run_attempt: 2 });
  state.addWorkflowJob({ run_id: failedRun.id, name: 'test', conclusion: 'failure', run_attempt: 1, log: '2026-01-01T00:00:00.0000000Z boom\n' });
  const job = state.addWorkflowJob({
    run_id: failedRun.id,
    name: 'test',
    conclusion: 'failure',
    log: '2026-01-01T00:00:00.0000000Z TypeError: x is undefined\n',
  });
  const expired = state.addWorkflowJob({ run_id: failedRun.id, name: 'lint', conclusion: 'failure', log_expired: true });
  const runs = await bot.request('GET /repos/{owner}/{repo}/actions/runs', { ...r, branch: 'main', status: 'failure', created: '>=2000-01-01', per_page: 100 });
  expect(runs.data.workflow_runs.map((run) => run.id)).toEqual([failedRun.id]);
  const jobs = await bot.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', { ...r, run_id: failedRun.id, filter: 'all' });
  expect(jobs.data.jobs.map((j) => j.run_attempt)).toEqual([1, 2, 2]);
  const latest = await bot.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', { ...r, run_id: failedRun.id });
  expect(latest.data.total_count).toBe(2);
  const redirect = await bot.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', { ...r, job_id: job.id, request: { redirect: 'manual' } });
  expect(redirect.status).toBe(302);
  const location = String(redirect.headers.location);
  expect(await (await fetch(location)).text()).toContain('TypeError: x is undefined');
  await expectStatus(bot.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', { ...r, job_id: expired.id }), 410);

  // Repository settings: workflow permissions (administration: GITHUB_TOKEN is refused) and branch rules.
  const permissions = await admin.request('GET /repos/{owner}/{repo}/actions/permissions/workflow', r);
  expect(permissions.data).toEqual({ default_workflow_permissions: 'read', can_approve_pull_request_reviews: true });
  await expectStatus(bot.request('GET /repos/{owner}/{repo}/actions/permissions/workflow', r), 403);
  await expectStatus(alice.request('GET /repos/{owner}/{repo}/actions/permissions/workflow', r), 403);
  const allowed = await admin.request('GET /repos/{owner}/{repo}/actions/permissions', r);
  expect(allowed.data).toEqual({ enabled: true, allowed_actions: 'all' });
  await expectStatus(admin.request('GET /repos/{owner}/{repo}/actions/permissions/selected-actions', r), 409);
  state.setRepoSettings({
    actionsPermissions: { enabled: true, allowedActions: 'selected', githubOwnedAllowed: true, verifiedAllowed: false, patternsAllowed: ['octo/*'] },
  });
  expect((await admin.request('GET /repos/{owner}/{repo}/actions/permissions', r)).data.selected_actions_url).toMatch(
    /\/actions\/permissions\/selected-actions$/,
  );
  const selected = await admin.request('GET /repos/{owner}/{repo}/actions/permissions/selected-actions', r);
  expect(selected.data).toEqual({ github_owned_allowed: true, verified_allowed: false, patterns_allowed: ['octo/*'] });
  await expectStatus(bot.request('GET /repos/{owner}/{repo}/actions/permissions', r), 403);
  state.addRuleset({
    name: 'main',
    rules: [
      { type: 'deletion' },
      {
        type: 'pull_request',
        parameters: {
          required_approving_review_count: 1,
          dismiss_stale_reviews_on_push: true,
          require_code_owner_review: false,
          require_last_push_approval: false,
          required_review_thread_resolution: false,
        },
      },
    ],
  });
  state.addRuleset({
    name: 'checks',
    include: ['~ALL'],
    exclude: ['refs/heads/automated/**'],
    rules: [{ type: 'required_status_checks', parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: 'ci' }] } }],
  });
  state.addRuleset({ name: 'trial', enforcement: 'evaluate', rules: [{ type: 'required_signatures' }] });
  const mainRules = await bot.request('GET /repos/{owner}/{repo}/rules/branches/{branch}', { ...r, branch: 'main' });
  expect(mainRules.data.map((rule) => rule.type)).toEqual(['deletion', 'pull_request', 'required_status_checks']);
  const agentRules = await bot.request('GET /repos/{owner}/{repo}/rules/branches/{branch}', { ...r, branch: 'automated/1-add-a-widget' });
  expect(agentRules.data).toEqual([]);

  // Classic branch protection: administration read, which GITHUB_TOKEN lacks.
  const protection = 'GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks';
  await expectStatus(admin.request(protection, { ...r, branch: 'main' }), 404);
  state.protectBranch('main', { requiredChecks: ['ci', { context: 'build', appId: 15368 }], strict: true });
  const classic = await admin.request(protection, { ...r, branch: 'main' });
  expect(classic.data.checks).toEqual([
    { context: 'ci', app_id: null },
    { context: 'build', app_id: 15368 },
  ]);
  await expectStatus(bot.request(protection, { ...r, branch: 'main' }), 403);
  state.protectBranch('release', { requiredChecks: null });
  await expectStatus(admin.request(protection, { ...r, branch: 'release' }), 404);
}

beforeAll(async () => {
  validator = OpenApiResponseValidator.load();
  gh = await startGitHubEmulator({ owner, repo, files: { 'README.md': '# widgets\n', 'src/index.ts': 'export {};\n' } });
  await runScenario();
}, 120_000);

afterAll(async () => {
  await gh?.close();
});

describe('GitHub emulator contract (responses against GitHub OpenAPI)', () => {
  it('serves only operations that exist in the OpenAPI description', () => {
    const missing = ROUTES.filter((route) => !validator.hasOperation(route.method, route.path)).map((route) => routeKey(route.method, route.path));
    expect(missing).toEqual([]);
  });

  it('answers every captured request with the documented schema', () => {
    const failures: string[] = [];
    for (const response of captured) {
      const match = router.match(response.method, response.path.replace(/^\/api\/v3/, ''));
      if (!match) {
        failures.push(`${response.method} ${response.path}: no route`);
        continue;
      }
      const documented = validator.statuses(match.route.method, match.route.path).includes(String(response.status));
      // Error statuses that GitHub does not document for an operation are still checked for GitHub's error shape.
      const result = documented
        ? validator.validate(match.route.method, match.route.path, response.status, response.data)
        : validator.validate('GET', '/repos/{owner}/{repo}/labels/{name}', 404, response.data);
      if (!result.valid) failures.push(`${response.method} ${match.route.path} ${response.status}: ${result.errors.slice(0, 5).join('; ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('covers every route of the route table with a successful, validated response', () => {
    const covered = new Set<string>();
    for (const response of captured) {
      // A redirect is the documented success of the log download endpoints.
      if (response.status >= 300 && response.status !== 302) continue;
      const match = router.match(response.method, response.path.replace(/^\/api\/v3/, ''));
      if (match) covered.add(routeKey(match.route.method, match.route.path));
    }
    const uncovered = ROUTES.map((route) => routeKey(route.method, route.path)).filter((key) => !covered.has(key));
    expect(uncovered).toEqual([]);
  });

  it('rejects a tampered response, so the check can fail', () => {
    const issue = captured.find((response) => response.method === 'GET' && /\/issues\/\d+$/.test(response.path) && response.status === 200);
    expect(issue).toBeDefined();
    const path = '/repos/{owner}/{repo}/issues/{issue_number}';
    expect(validator.validate('GET', path, 200, issue?.data).valid).toBe(true);
    const tampered = { ...(issue?.data as Record<string, unknown>), number: 'seven', labels: 'roadmap' };
    const result = validator.validate('GET', path, 200, tampered);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/\/number/);
    const { user: _user, ...withoutUser } = issue?.data as Record<string, unknown>;
    expect(validator.validate('GET', path, 200, withoutUser).valid).toBe(false);
  });
});
