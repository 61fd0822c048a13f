import { afterEach, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import type { SentryEmulator } from '../../src/emulators/sentry/index.js';
import { NOW, runDiscover, startHistory, suggestionIssues } from '../discover/harness.js';
import { SCOPELESS_TOKEN, SENTRY_TOKEN, sentryInputs, startSentry } from '../discover/sentry-fixtures.js';

const CURSOR_TITLE = 'Discover: where the next night resumes';

async function quietRepository(): Promise<GitHubEmulator> {
  const gh = await startGitHubEmulator({ owner: 'acme', repo: 'widgets', files: { 'README.md': '# widgets\n' } });
  gh.clock.set(NOW);
  return gh;
}

function filed(gh: GitHubEmulator) {
  return suggestionIssues(gh).filter((issue) => issue.labels.includes('agent-suggestion'));
}

describe('bundled discover: Sentry as a log miner source', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });
  async function start(options: Parameters<typeof startSentry>[0] = {}): Promise<{ gh: GitHubEmulator; sentry: SentryEmulator }> {
    const gh = await quietRepository();
    const sentry = await startSentry(options);
    closers.push(
      () => gh.close(),
      () => sentry.close(),
    );
    return { gh, sentry };
  }

  it("files each unresolved issue of the week with Sentry's count, first/last seen, permalink and the latest stack trace", async () => {
    const { gh, sentry } = await start();
    const run = await runDiscover(gh, { analysts: 'log-miner', ...sentryInputs(sentry) });
    expect(run.exitCode, run.stderr + run.summary).toBe(0);
    expect(run.summary).toContain('Sentry acme/widgets-api: 3 unresolved issues seen in the window, 2 latest events read');
    const issues = filed(gh);
    expect(issues.map((issue) => issue.title)).toEqual([
      '[Bug] RangeError: Invalid time value in src/dates/format.ts',
      '[Bug] ZeroDivisionError: division by zero in app/payments/refund.py',
      "[Bug] TypeError: Cannot read properties of null (reading 'sku')",
    ]);
    const [range, division, retained] = issues;
    expect(range?.labels).toEqual(['agent-suggestion', 'needs-approval', 'severity-high', 'source:log-miner']);
    expect(range?.body).toContain('An unresolved error reported to Sentry: seen 1423 times.');
    expect(range?.body).toMatch(/\| Occurrences \| 1423 \|/);
    expect(range?.body).toContain('| First seen | 2026-11-30 08:12 UTC |');
    expect(range?.body).toContain('| Last seen | 2026-12-06 01:40 UTC |');
    expect(range?.body).toContain(`${sentry.url}/organizations/acme/issues/4000000101/`);
    expect(range?.body).toContain('`src/dates/format.ts:12 (formatDue)`<br>`src/invoices/render.ts:57 (renderInvoice)`');
    // The framework's frames are in the trace but not the repository's.
    expect(range?.body).toContain('at Layer.handle [as handle_request] (/srv/app/node_modules/express/lib/router/layer.js:95)');
    // The chained Python exception keeps its cause; frames under log-source-root are the repository's.
    expect(division?.body).toContain("KeyError: 'days'");
    expect(division?.body).toContain('File "app/payments/refund.py", line 88, in prorate');
    expect(retained?.body).toContain('seen 3 times');
    expect(run.summary).toContain("1 Sentry issue has no stored event left (past retention): filed from the issue's own type and message.");
    // Resolved issues and ones last seen before the window are not asked for.
    expect(issues.some((issue) => /already fixed|long quiet/.test(issue.title))).toBe(false);
    // The token is sent as a bearer token and never appears in what was filed.
    expect(issues.some((issue) => issue.body.includes(SENTRY_TOKEN))).toBe(false);
    expect(sentry.requests.every((request) => request.status === 200 || request.path.endsWith('/4000000103/events/latest/'))).toBe(true);

    // The next night files nothing new from the same issues.
    const again = await runDiscover(gh, { analysts: 'log-miner', ...sentryInputs(sentry) });
    expect(again.outputs).toMatchObject({ 'issues-created': '0', known: '3' });
  }, 180_000);

  it('a token without the event:read scope: a clear message in the summary, the CI source still files, the run ends neutral', async () => {
    const { gh } = await startHistory();
    const sentry = await startSentry();
    closers.push(
      () => gh.close(),
      () => sentry.close(),
    );
    const run = await runDiscover(gh, { analysts: 'log-miner', ...sentryInputs(sentry, SCOPELESS_TOKEN), 'max-new-issues': '10' });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.summary).toContain(
      'Sentry answered 403 for acme/widgets-api (You do not have permission to perform this action.): the token needs the event:read scope',
    );
    expect(run.summary).toContain('### log-miner (incomplete)');
    expect(run.outputs['issues-created']).toBe('5');
    expect(filed(gh).every((issue) => issue.body.includes('recurs in CI') || issue.body.includes('failed and passed'))).toBe(true);
    // Control: the same history with the scoped token adds Sentry's issues to the CI ones.
    const scoped = await runDiscover(gh, { analysts: 'log-miner', ...sentryInputs(sentry), 'max-new-issues': '10' });
    expect(scoped.outputs).toMatchObject({ 'issues-created': '3', known: '5' });
  }, 180_000);

  it('sentry-org and sentry-project without a token say so; a token without them is a configuration error', async () => {
    const { gh, sentry } = await start();
    const missing = await runDiscover(gh, { analysts: 'log-miner', ...sentryInputs(sentry, '') });
    expect(missing.exitCode, missing.stderr).toBe(0);
    expect(missing.summary).toContain('Sentry acme/widgets-api was not read: sentry-token is empty');
    expect(sentry.requests).toHaveLength(0);
    const wrong = await runDiscover(gh, { analysts: 'log-miner', 'sentry-token': SENTRY_TOKEN });
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stderr + wrong.stdout).toContain("input 'sentry-token' is set but 'sentry-org' and 'sentry-project' are not");
    expect(filed(gh)).toHaveLength(0);
  }, 180_000);

  it("a rate limit mid-night: files what whole pages hold, keeps Sentry's cursor in the bot's marker, and resumes there the next night", async () => {
    // Two issues a page; the sixth request of the night is refused, in the middle of the second page.
    const { gh, sentry } = await start({ pageSize: 2, rateLimit: { limit: 5, windowSeconds: 3600 } });
    const extra = { project: 'widgets-api', culprit: 'x', count: 2, userCount: 1, firstSeen: '2026-12-05T00:00:00Z' };
    for (const [id, name] of [
      ['4000000110', 'Alpha'],
      ['4000000111', 'Beta'],
    ] as const)
      sentry.addIssue({
        ...extra,
        id,
        title: `${name}Error: ${name.toLowerCase()} failed`,
        lastSeen: `2026-12-04T0${id.endsWith('0') ? 1 : 2}:00:00Z`,
        events: [
          {
            dateCreated: '2026-12-04T00:00:00Z',
            platform: 'node',
            exceptions: [
              {
                type: `${name}Error`,
                value: `${name.toLowerCase()} failed`,
                frames: [{ filename: 'app:///src/jobs.ts', function: name, lineNo: 3, inApp: true }],
              },
            ],
          },
        ],
      });
    const night1 = await runDiscover(gh, { analysts: 'log-miner', ...sentryInputs(sentry) });
    expect(night1.exitCode, night1.stderr).toBe(0);
    expect(night1.summary).toContain("Sentry's rate limit stopped reading acme/widgets-api; the next night resumes where it stopped.");
    expect(night1.summary).toContain("The next night resumes Sentry's listing at cursor 0:2:0.");
    expect(filed(gh).map((issue) => issue.title.split(':')[0])).toEqual(['[Bug] RangeError', '[Bug] ZeroDivisionError']);
    const cursor = suggestionIssues(gh).find((issue) => issue.title === CURSOR_TITLE);
    expect(cursor?.body).toContain('<!-- agentic-workflow:discover-cursor {"sentryCursor":"0:2:0","v":1} -->');

    sentry.resetRateLimit();
    sentry.requests.length = 0;
    const night2 = await runDiscover(gh, { analysts: 'log-miner', ...sentryInputs(sentry) });
    expect(night2.exitCode, night2.stderr).toBe(0);
    expect(sentry.requests[0]?.query['cursor']).toBe('0:2:0');
    expect(filed(gh)).toHaveLength(5);
    expect(new Set(filed(gh).map((issue) => issue.title)).size).toBe(5);
    // A night that read the whole listing clears the cursor: the next one starts from the first page.
    expect(suggestionIssues(gh).find((issue) => issue.title === CURSOR_TITLE)?.body).toContain('{"v":1}');
  }, 180_000);
});
