import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { personAuthority } from '../../src/core/authority.js';
import { runGitSync } from '../../src/core/git.js';
import { createGitHubClient } from '../../src/core/github.js';
import { resolveBotIdentity } from '../../src/core/identity.js';
import { runDemo } from '../../src/demo/story.js';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { commentsOf, eventsOf, issueLabels } from '../../src/emulators/github/state/issue-actions.js';
import { BOT_LOGIN } from '../../src/emulators/github/state/repository-state.js';
import { DIST } from '../harness/runner.js';

// Runner emulation: the demo's discovery half drives the bundled actions (dist/) against the emulators, and
// every step is checked on what GitHub holds afterwards, not on what the demo printed about it.

const TITLE = "[Bug] TypeError: Cannot read properties of undefined (reading 'percent') in src/promotions.js";
const RUNNER_CHECKOUT = 'file:///home/runner/work/sample-shop/sample-shop';

function nodeTest(dir: string, file: string): { status: number | null; output: string } {
  const child = spawnSync(process.execPath, ['--test', file], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { status: child.status, output: `${child.stdout}${child.stderr}` };
}

/** The PR's regression test run against the base commit's code, then against the head's. */
function regressionOnBaseAndHead(gh: GitHubEmulator, base: string, head: string, test: string) {
  const dir = mkdtempSync(join(tmpdir(), 'demo-regression-'));
  try {
    runGitSync(['clone', '-q', gh.gitDir, dir]);
    const regression = runGitSync(['show', `${head}:${test}`], dir);
    runGitSync(['checkout', '-q', '--detach', base], dir);
    writeFileSync(join(dir, test), `${regression}\n`);
    const onBase = nodeTest(dir, test);
    runGitSync(['checkout', '-q', '--force', '--detach', head], dir);
    const onHead = nodeTest(dir, test);
    return { onBase, onHead };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('agentic demo, discovery half', () => {
  it('a failing CI run becomes a [Bug] suggestion, a writer approves it, implement fixes it reproduce-first, reviews pass, it merges, the nightly report says so', async () => {
    const output = mkdtempSync(join(tmpdir(), 'agentic-demo-discovery-'));
    const story: string[] = [];
    let checked = false;
    try {
      await runDemo({
        distDir: DIST,
        outputDir: output,
        only: 'discovery',
        say: (line) => story.push(line),
        beforeClose: async ({ gh }) => {
          const text = story.join('\n');
          // Only the two CI runs on main failed; every action step succeeded.
          expect(story.filter((line) => /^\s*✗/.test(line)).map((line) => /CI run \d+/.exec(line)?.[0])).toEqual(['CI run 7001', 'CI run 7002']);

          // 1. Two pushes to main, each a real CI run whose smoke job failed with the sample project's stack trace.
          const runs = [7001, 7002, 7003].map((id) => gh.state.workflowRuns.get(id));
          expect(runs.map((run) => [run?.headBranch, run?.event, run?.conclusion])).toEqual([
            ['main', 'push', 'failure'],
            ['main', 'push', 'failure'],
            ['main', 'push', 'success'],
          ]);
          const jobs = [...gh.state.workflowJobs.values()].filter((job) => job.runId === 7001);
          expect(jobs.map((job) => [job.name, job.conclusion])).toEqual([
            ['test', 'success'],
            ['smoke', 'failure'],
          ]);
          const smokeLog = jobs[1]?.log ?? '';
          expect(smokeLog).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z ##\[group\]Run npm run smoke$/m);
          expect(smokeLog).toContain(`at discountFor (${RUNNER_CHECKOUT}/src/promotions.js:10:51)`);
          expect(smokeLog).toMatch(/Z ##\[error\]Process completed with exit code 1\.\n$/);

          // 2. The log miner filed one [Bug] suggestion with the trace and both runs, without a model call.
          expect(text).toMatch(/✓ discover \(log-miner\) .*issues-created=1 created-issues=\[1\] candidates=1/);
          expect(text).toContain(`filed #1 "${TITLE}" (agent-suggestion, needs-approval, severity-medium, source:log-miner); model calls: 0`);
          const bug = gh.state.issue(1);
          expect(bug?.title).toBe(TITLE);
          expect(bug?.author).toBe(BOT_LOGIN);
          const body = bug?.body ?? '';
          expect(body).toContain('seen 2 times on 2 commits');
          expect(body).toContain('| Top frames | `src/promotions.js:10 (discountFor)`<br>`scripts/smoke.js:17` |');
          expect
            .soft(body)
            .toContain(`TypeError: Cannot read properties of undefined (reading 'percent')\n    at discountFor (${RUNNER_CHECKOUT}/src/promotions.js:10:51)`);
          for (const id of [7001, 7002]) expect(body).toMatch(new RegExp(`${gh.serverUrl}/acme/sample-shop/actions/runs/${id}/job/\\d+ on \``));
          const filed = readFileSync(join(output, 'bug-report-issue.md'), 'utf8');
          expect(filed).toContain('Labels: agent-suggestion, needs-approval, severity-medium, source:log-miner');
          expect(filed).toContain(body);

          // 3. maria, a writer, approved it with the roadmap label; triage recorded her approval.
          const labelled = eventsOf(gh.state, 1).filter((event) => event.event === 'labeled' && event.label?.name === 'roadmap');
          expect(labelled.map((event) => event.actor)).toEqual(['maria']);
          const client = createGitHubClient({ token: gh.botToken, baseUrl: gh.apiUrl });
          const bot = await resolveBotIdentity(client, BOT_LOGIN);
          expect(await personAuthority(client, { owner: 'acme', repo: 'sample-shop' }, { login: 'maria', type: 'User' }, bot)).toEqual({
            allowed: true,
            permission: 'admin',
          });
          expect(text).toMatch(/✓ triage-report on the roadmap label .*approved=1/);
          const approval = commentsOf(gh.state, 1).filter((comment) => comment.author === BOT_LOGIN && comment.body.includes('**Approved**'));
          expect
            .soft(approval.map((comment) => comment.body.split('\n')[0]?.replace(/; recorded .*/, '')))
            .toEqual(['✅ **Approved** — `@maria` added the `roadmap` label']);

          // 4. implement opened PR #3 for it: the regression test fails on the base code with the TypeError and passes on the head.
          const pull = gh.state.pull(3);
          expect(gh.state.issue(3)?.title).toBe(TITLE);
          const prBody = gh.state.issue(3)?.body ?? '';
          expect(prBody).toContain('Implements #1.');
          expect(prBody).toContain('## Root cause');
          expect
            .soft(prBody)
            .toContain('**Reproduced**: `test/promotions.test.js` fails on the base code with the reported `TypeError` and passes with the fix');
          const base = pull?.baseShaAtClose ?? '';
          const head = pull?.headSha ?? '';
          expect(gh.state.workflowRuns.get(7002)?.headSha).toBe(base);
          const { onBase, onHead } = regressionOnBaseAndHead(gh, base, head, 'test/promotions.test.js');
          expect(onBase.status).toBe(1);
          expect(onBase.output).toMatch(/not ok \d+ - a code the shop does not know gives no discount/);
          expect(onBase.output).toContain("Cannot read properties of undefined (reading 'percent')");
          expect(onHead.status, onHead.output).toBe(0);
          expect(onHead.output).toMatch(/# fail 0/);

          // 5. Both reviews passed on the head the merge evaluated.
          const checks = [...gh.state.checkRuns.values()].filter((check) => check.headSha === head && /^agentic\/(cto|ciso)-review$/.test(check.name));
          expect(Object.fromEntries(checks.map((check) => [check.name, check.conclusion]))).toEqual({
            'agentic/cto-review': 'success',
            'agentic/ciso-review': 'success',
          });

          // 6. auto-merge merged it; the fix is on main, the bug issue is closed, CI on main is green.
          expect(pull?.merged).toBe(true);
          expect(pull?.mergedBy).toBe(BOT_LOGIN);
          const fixed = gh.state.git.readPath(gh.state.branchSha('main') ?? '', 'src/promotions.js');
          expect(fixed?.type === 'blob' ? fixed.content.toString('utf8') : '').toContain('PROMOTIONS.get(code.trim().toUpperCase())?.percent ?? 0;');
          expect(gh.state.issue(1)?.state).toBe('closed');
          expect(gh.state.workflowRuns.get(7003)?.headSha).toBe(pull?.mergeCommitSha);

          // 7. The nightly report: the bug filed by the log miner, picked, its PR opened and merged with both reviews.
          const nightly = [...gh.state.issues.values()].find((issue) => issue.title.startsWith('Nightly report — '));
          if (!nightly) throw new Error('no nightly report issue');
          expect(nightly.author).toBe(BOT_LOGIN);
          expect(issueLabels(gh.state, nightly).map((label) => label.name)).toContain('nightly-report');
          const report = readFileSync(join(output, 'nightly-report.md'), 'utf8');
          expect(report).toBe(`${nightly.body}\n`);
          expect(report).toContain('**1 issue picked · 1 PR opened · 1 merged · 0 closed unmerged · 0 failed · 1 suggestion filed · 0 rejected**');
          expect
            .soft(report)
            .toContain("- #1 \\[Bug\\] TypeError: Cannot read properties of undefined \\(reading 'percent'\\) in src/promotions.js: PR #3 merged");
          expect
            .soft(report)
            .toMatch(
              /\| \[#3\]\([^)]+\/pull\/3\) \| .* \| \[#1\]\([^)]+\/issues\/1\) \| merged \| ✅ \\`agentic\/cto-review\\` passed; \\`agentic\/ciso-review\\` passed \|/,
            );
          expect(report).toContain('**log-miner**: 1');
          checked = true;
        },
      });
      expect(checked).toBe(true);
      const pr = readFileSync(join(output, 'bug-fix-pull-request.md'), 'utf8');
      expect(pr).toMatch(/^# #3 \[Bug\] TypeError/);
      expect(pr).toContain('+  return PROMOTIONS.get(code.trim().toUpperCase())?.percent ?? 0;');
    } finally {
      rmSync(output, { recursive: true, force: true });
    }
  }, 500_000);
});
