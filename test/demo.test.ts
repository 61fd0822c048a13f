import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from './harness/runner.js';

describe('agentic demo', () => {
  it('runs the whole loop on the bundled actions and writes every job summary and the final report', () => {
    const output = mkdtempSync(join(tmpdir(), 'agentic-demo-output-'));
    try {
      const run = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'demo', '--output', output], { encoding: 'utf8', timeout: 120_000 });
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
      expect(story).not.toMatch(/✗/);
      for (const file of ['01-implement.md', '02-cto-review.md', '03-ciso-review.md', '04-auto-merge.md', '05-triage-report.md', 'triage-report.md']) {
        expect(existsSync(join(output, file)), file).toBe(true);
      }
      const report = readFileSync(join(output, 'triage-report.md'), 'utf8');
      expect(report).toMatch(/^# Triage report — \d{4}-W\d{2}/);
      expect(report).toContain('approved by maria');
      expect(report).toMatch(/Merge rate \| 100% \(2 of 2\)/);
    } finally {
      rmSync(output, { recursive: true, force: true });
    }
  }, 150_000);
});
