import { describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../../src/scan/diff.js';
import { runDeterministicScan } from '../../src/scan/deterministic-scan.js';
import type { PackageRegistry } from '../../src/scan/deps/registry.js';
import { createRedactor, redactSecret } from '../../src/core/redact.js';
import { fake } from './secret-samples.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');

describe('redaction', () => {
  it('keeps at most four characters and a quarter of the value', () => {
    expect(redactSecret('ghp_abcdefghijklmnop')).toBe('ghp_…[redacted]');
    expect(redactSecret('abcdefgh')).toBe('ab…[redacted]');
  });

  it('replaces a secret wherever it appears, including JSON-escaped and URL-encoded forms', () => {
    const secret = 'p@ss/w0rd"Zq8LxT2v';
    const redact = createRedactor([secret]);
    const text = `plain ${secret} json ${JSON.stringify(secret)} url ${encodeURIComponent(secret)}`;
    const out = redact(text);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out.match(/…\[redacted\]/g)).toHaveLength(3);
  });
});

describe('runDeterministicScan', () => {
  it('combines the three scanners, sorts by severity and redacts a secret in every finding that shows its line', async () => {
    const token = fake.githubToken(77);
    const diff = [
      'diff --git a/src/deploy.js b/src/deploy.js',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/src/deploy.js',
      '@@ -0,0 +1,2 @@',
      `+exec("curl -H 'Authorization: token ${token}' " + url);`,
      '+el.innerHTML = html;',
      '',
    ].join('\n');
    const registry: PackageRegistry = { ecosystem: 'npm', label: 'fake', lookup: async () => ({ status: 'not-found' }) };
    const result = await runDeterministicScan(
      { files: parseUnifiedDiff(diff), manifests: [{ path: 'package.json', before: '{}', after: '{"dependencies":{"ghost-pkg-qq":"1.0.0"}}' }] },
      { now: NOW, registries: { npm: registry } },
    );
    expect(result.findings.map((finding) => [finding.ruleId, finding.severity])).toEqual([
      ['dependency/not-found', 'critical'],
      ['secret/github-token', 'critical'],
      ['js/command-injection', 'high'],
      ['js/xss', 'high'],
    ]);
    expect(JSON.stringify(result.findings)).not.toContain(token);
    expect(result.findings.find((finding) => finding.ruleId === 'js/command-injection')?.snippet).toContain('ghp_…[redacted]');
    expect(result.redact(`x ${token} y`)).toBe('x ghp_…[redacted] y');
    expect(result.secretCount).toBe(1);
    expect(result.newDependencies).toEqual(['npm:ghost-pkg-qq@1.0.0']);
    expect(result.dependencyChecksComplete).toBe(true);
  });

  it('leaves out paths the policy ignores', async () => {
    const diff = `diff --git a/fixtures/keys.txt b/fixtures/keys.txt\n--- /dev/null\n+++ b/fixtures/keys.txt\n@@ -0,0 +1 @@\n+${fake.githubToken(5)}\n`;
    const result = await runDeterministicScan(
      { files: parseUnifiedDiff(diff), manifests: [] },
      { now: NOW, registries: {}, ignorePath: (path) => path.startsWith('fixtures/') },
    );
    expect(result.findings).toEqual([]);
  });
});
