/**
 * Runs `npm audit --json --package-lock-only` on the checkout: it reads the lockfile only (nothing is
 * installed, no package script runs) and asks the registry's advisory endpoint. npm gets a bare environment:
 * no token of this run, a throwaway cache and home, the registry given on the command line (a repository's
 * .npmrc cannot point it elsewhere).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNpmAudit, type AuditReport } from './npm-audit.js';

export async function runNpmAudit(workspace: string, registry: string, timeoutMs: number): Promise<AuditReport> {
  const home = mkdtempSync(join(tmpdir(), 'npm-audit-'));
  try {
    const stdout = await new Promise<string>((resolve) => {
      execFile(
        'npm',
        ['audit', '--json', '--package-lock-only', `--registry=${registry}`, '--no-fund', '--no-update-notifier'],
        {
          cwd: workspace,
          timeout: timeoutMs,
          maxBuffer: 32 * 1024 * 1024,
          env: { PATH: process.env.PATH ?? '', HOME: home, npm_config_cache: join(home, 'cache'), npm_config_userconfig: join(home, 'npmrc') },
        },
        // npm audit exits 1 when it finds vulnerabilities: the report is on stdout either way.
        (error, out) =>
          resolve(
            error && (error as { code?: unknown }).code === 'ENOENT'
              ? '{"error":{"code":"ENOENT","summary":"npm is not installed on this runner"}}'
              : error?.killed
                ? '{"error":{"code":"ETIMEDOUT","summary":"npm audit did not finish in time"}}'
                : out,
          ),
      );
    });
    return parseNpmAudit(stdout);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
