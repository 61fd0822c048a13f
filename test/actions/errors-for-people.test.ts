import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENTS } from '../../src/actions/entry.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { runAction, type ActionRun } from '../harness/runner.js';

// Runner emulation of the bundled actions: each failure the outside world can cause ends in one line that
// says what failed and what to do, with its category in the job summary, and no stack trace unless the run
// has debug logging on. No token or request header appears anywhere in what a run prints.

const SECRET_KEY = 'sk-test-0123456789abcdefghijklmnop';
const STACK = /\n\s+at |\.index\.js/;

function everything(run: ActionRun): string {
  return `${run.stdout}\n${run.stderr}\n${run.summary}`;
}

/** What a person sees: `::add-mask::` lines are the runner's instruction to hide a value, never shown. */
function expectNoSecrets(run: ActionRun, token: string): void {
  const text = everything(run)
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  expect(text).not.toContain(token);
  expect(text).not.toContain(SECRET_KEY);
  expect(text).not.toMatch(/authorization|user-agent|x-github-request-id/i);
}

/** A port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  return typeof address === 'object' && address ? address.port : 9;
}

describe.each(AGENTS)('bundled %s: GitHub failures for people', (agent) => {
  let gh: GitHubEmulator;
  beforeAll(async () => {
    gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets', files: { 'README.md': '# widgets\n' } });
  });
  afterAll(async () => gh.close());

  function run(inputs: Record<string, string | number>, options: { repository?: string; env?: Record<string, string> } = {}) {
    return runAction({
      entry: `${agent}.js`,
      inputs: { 'openai-api-key': SECRET_KEY, 'pull-request-number': 99, 'issue-number': 99, ...inputs },
      apiUrl: gh.apiUrl,
      serverUrl: gh.serverUrl,
      ...(options.repository ? { repository: options.repository } : {}),
      env: { PATH: process.env.PATH, ...options.env },
    });
  }

  it('bad credentials: names the secret to check, category in the summary, no stack trace', async () => {
    const token = 'ghp_NotARealToken000000000000000000000000';
    const result = await run({ 'github-token': token });
    expect(result.exitCode).toBe(1);
    expect(result.annotations).toHaveLength(1);
    expect(result.annotations[0]?.message).toMatch(
      /^GitHub rejected the token \(401 Bad credentials\) for GET \/repos\/acme\/widgets: check the github-token input/,
    );
    expect(result.summary).toContain(`## agentic-workflow ${agent}: github-credentials error`);
    expect(everything(result)).not.toMatch(STACK);
    expect(everything(result)).not.toContain('internal error');
    expectNoSecrets(result, token);
  });

  it('a repository that is not there: names the repository', async () => {
    const result = await run({ 'github-token': gh.botToken }, { repository: 'acme/nothing-here' });
    expect(result.exitCode).toBe(1);
    expect(result.annotations[0]?.message).toMatch(/^GitHub has no repository acme\/nothing-here \(404\): check the repository name/);
    expect(result.summary).toContain('github-not-found error');
    expect(everything(result)).not.toMatch(STACK);
    expectNoSecrets(result, gh.botToken);
  });

  it('the stack trace shows with debug logging, as debug messages, still without secrets', async () => {
    const token = 'ghp_NotARealToken111111111111111111111111';
    const result = await run({ 'github-token': token }, { env: { RUNNER_DEBUG: '1' } });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::debug::\s+at /);
    expect(result.annotations.filter((annotation) => annotation.level === 'error')).toHaveLength(1);
    expectNoSecrets(result, token);
  });
});

describe('the same fact gives the same result in every action', () => {
  let gh: GitHubEmulator;
  beforeAll(async () => {
    gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets', files: { 'README.md': '# widgets\n' } });
  });
  afterAll(async () => gh.close());

  it.each(['cto-review', 'ciso-review', 'auto-merge'] as const)(
    '%s: a pull request number that names nothing fails the step, naming the number',
    async (agent) => {
      const result = await runAction({
        entry: `${agent}.js`,
        inputs: { 'github-token': gh.botToken, 'openai-api-key': SECRET_KEY, 'pull-request-number': 99 },
        apiUrl: gh.apiUrl,
        serverUrl: gh.serverUrl,
        env: { PATH: process.env.PATH },
      });
      expect(result.exitCode).toBe(1);
      expect(result.annotations.map((annotation) => annotation.message)).toContainEqual(
        expect.stringMatching(/^GitHub has no pull request #99 in acme\/widgets \(404\)/),
      );
      expect(result.summary).toContain('github-not-found error');
      expect(everything(result)).not.toMatch(STACK);
    },
  );

  it('implement: an issue number that names nothing fails the step, naming the number', async () => {
    const result = await runAction({
      entry: 'implement.js',
      inputs: { 'github-token': gh.botToken, 'openai-api-key': SECRET_KEY, 'issue-number': 99, 'dry-run': true },
      apiUrl: gh.apiUrl,
      serverUrl: gh.serverUrl,
      env: { PATH: process.env.PATH },
    });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.map((annotation) => annotation.message)).toContainEqual(expect.stringMatching(/issue.*#99.*acme\/widgets/));
    expect(everything(result)).not.toMatch(STACK);
  });
});

describe('an unreachable GitHub API', { timeout: 90_000 }, () => {
  it('says so while retrying, then fails with the host and what to check', async () => {
    const port = await closedPort();
    const result = await runAction({
      entry: 'cto-review.js',
      inputs: { 'github-token': 'ghp_NotARealToken222222222222222222222222', 'openai-api-key': SECRET_KEY, 'pull-request-number': 1, 'dry-run': true },
      apiUrl: `http://127.0.0.1:${port}`,
      env: { PATH: process.env.PATH },
      timeoutMs: 80_000,
    });
    expect(result.exitCode).toBe(1);
    const progress = result.stdout.split('\n').filter((line) => line.startsWith(`GitHub API at 127.0.0.1:${port} did not answer`));
    expect(progress).toHaveLength(3);
    expect(progress[0]).toMatch(/trying again in 1s \(attempt 2 of 4\)/);
    expect(result.annotations).toHaveLength(1);
    expect(result.annotations[0]?.message).toMatch(
      new RegExp(`^could not reach the GitHub API at 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\) for GET /repos/acme/widgets: check the network`),
    );
    expect(result.summary).toContain('github-unreachable error');
    expect(everything(result)).not.toMatch(STACK);
    expectNoSecrets(result, 'ghp_NotARealToken222222222222222222222222');
  });
});
