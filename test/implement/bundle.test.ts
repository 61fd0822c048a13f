import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BundleRejectedError, checkBundle, readBundle, writeBundle } from '../../src/implement/bundle/bundle-file.js';
import { sha256 } from '../../src/core/digest.js';
import { sealBundle, type BundleBody } from '../../src/implement/bundle/bundle-schema.js';
import type { ImplementationPlan } from '../../src/implement/plan-schema.js';
import { PLAN } from './scenario.js';

function body(): BundleBody {
  const content = Buffer.from('export const a = 1;\n');
  return {
    format: 'agentic-workflow/implement-bundle',
    v: 1,
    repository: 'acme/widgets',
    issue: { number: 3, title: 'Add a' },
    createdAt: '2025-01-01T00:00:00Z',
    usage: { costUsd: 0.01, inputTokens: 10, outputTokens: 2, calls: 1 },
    outcome: {
      kind: 'pull-request',
      baseSha: 'a'.repeat(40),
      branch: 'automated/3-add-a',
      plan: PLAN as ImplementationPlan,
      planNotes: [],
      summary: 'added a',
      files: [
        { path: 'src/format.js', action: 'modify', mode: '100644', content: content.toString('base64'), sha256: sha256(content) },
        { path: 'old.js', action: 'delete' },
      ],
      test: { command: 'npm test', ran: true, passed: true, exitCode: 0, output: 'ok', iterations: 1 },
      refusals: [],
    },
  };
}

describe('the patch bundle', () => {
  it('round-trips through a file with its digest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-unit-'));
    try {
      const bundle = sealBundle(body());
      await writeBundle(join(dir, 'b.json'), bundle);
      expect(await readBundle(join(dir, 'b.json'))).toEqual(bundle);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a changed field, a file whose content no longer matches its hash, and a deletion with content', () => {
    const sealed = sealBundle(body());
    expect(() => checkBundle({ ...sealed, issue: { number: 4, title: 'Add a' } })).toThrow(/digest does not match/);
    const swapped = body();
    if (swapped.outcome.kind === 'pull-request' && swapped.outcome.files[0]) swapped.outcome.files[0].content = Buffer.from('evil').toString('base64');
    expect(() => checkBundle(sealBundle(swapped))).toThrow(/src\/format\.js: the content does not match its SHA-256/);
    const deletion = body();
    if (deletion.outcome.kind === 'pull-request' && deletion.outcome.files[1]) deletion.outcome.files[1].content = 'eA==';
    expect(() => checkBundle(sealBundle(deletion))).toThrow(/old\.js: a deletion carries content/);
  });

  it('names the first schema problem, and refuses files that are not bundles', async () => {
    expect(() => checkBundle({ ...sealBundle(body()), format: 'other' })).toThrow(BundleRejectedError);
    expect(() => checkBundle({ ...sealBundle(body()), format: 'other' })).toThrow(/schema: format/);
    const dir = mkdtempSync(join(tmpdir(), 'bundle-unit-'));
    try {
      writeFileSync(join(dir, 'x.json'), 'not json');
      await expect(readBundle(join(dir, 'x.json'))).rejects.toThrow(/not JSON/);
      await expect(readBundle(join(dir, 'missing.json'))).rejects.toThrow(/no bundle file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
