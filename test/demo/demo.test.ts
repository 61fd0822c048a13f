import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from '../harness/runner.js';

describe('agentic demo', () => {
  it('runs the whole loop, roadmap then discovery, on the bundled actions and writes every job summary and both reports', () => {
    const output = mkdtempSync(join(tmpdir(), 'agentic-demo-output-'));
    try {
      const run = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'demo', '--output', output], { encoding: 'utf8', timeout: 480_000 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const story = run.stdout;
      expect(story).toMatch(/model's answers are scripted/);
      expect(story).toMatch(/✓ implement #1 .*status=opened .*branch=automated\/1-refuse-discounts-above-100-percent/);
      expect(story).toMatch(/✓ cto-review on #2 .*issues-created=1/);
      expect(story).toMatch(/✓ ciso-review on #2 .*vulnerabilities-found=0/);
      expect(story).toMatch(/✓ auto-merge on #2 .*merged=true/);
      expect(story).toMatch(/✓ triage-report on the \/approve comment .*approved=1/);
      expect(story).toMatch(/✓ implement #3 .*status=opened/);
      // The discovery half, after the roadmap half: the log miner's [Bug] becomes the fourth issue the agents finish.
      expect(story).toMatch(/✓ discover \(log-miner\) .*issues-created=1/);
      expect(story).toMatch(/✓ implement #\d+ .*status=opened .*branch=automated\/\d+-bug-typeerror-cannot-read-properties-of/);
      expect(story).toMatch(/✓ CI run 7003 on main \(\w{7}\): test ✓, smoke ✓/);
      // Only the default branch's two CI runs before the fix failed.
      expect(story.match(/✗/g)).toHaveLength(4);
      const files = ['01-implement.md', '02-cto-review.md', '03-ciso-review.md', '04-auto-merge.md', '05-triage-report.md', 'triage-report.md'];
      for (const file of [...files, 'bug-report-issue.md', 'bug-fix-pull-request.md', 'nightly-report.md']) {
        expect(existsSync(join(output, file)), file).toBe(true);
      }
      const report = readFileSync(join(output, 'triage-report.md'), 'utf8');
      expect(report).toMatch(/^# Triage report — \d{4}-W\d{2}/);
      expect(report).toContain('approved by maria');
      expect(report).toMatch(/Merge rate \| 100% \(2 of 2\)/);
      // The night's report counts both halves: three issues picked, three pull requests merged.
      const nightly = readFileSync(join(output, 'nightly-report.md'), 'utf8');
      expect(nightly).toMatch(/^# Nightly report — \d{4}-\d{2}-\d{2}/);
      expect(nightly).toContain('**3 issues picked · 3 PRs opened · 3 merged · 0 closed unmerged · 0 failed · 2 suggestions filed · 0 rejected**');
    } finally {
      rmSync(output, { recursive: true, force: true });
    }
  }, 500_000);
});
