import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PRODUCT_REPOSITORY } from '../../src/core/product.js';
// @ts-expect-error: a plain JavaScript build script without type declarations
import { pinFiles, pinText, readPins } from '../../scripts/pins.js';
import { pinHistoryProblems, pinProblems, type ReadFile } from './pin-checks.js';
import { ROOT } from './workflow-checks.js';

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const here: ReadFile = (file) => readFileSync(join(ROOT, file), 'utf8');
const temporary: string[] = [];
afterAll(() => temporary.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

describe("the templates and reusable workflows pin this repository's own workflows and actions", () => {
  it('every reference is a full commit SHA labelled with the release, one commit per kind, as the release script wrote them', () => {
    for (const kind of ['actions', 'workflows', 'templates'] as const) {
      const pins = pinProblems(ROOT, kind, PRODUCT_REPOSITORY, version, here);
      expect(pins.problems, kind).toEqual([]);
      expect(pins.sha, kind).toMatch(/^[0-9a-f]{40}$/);
    }
    // Every template calls a reusable workflow, every reusable workflow that runs an action names one.
    expect(readPins(here('workflows-templates/agentic.yml'), PRODUCT_REPOSITORY).length).toBeGreaterThanOrEqual(4);
    expect(readPins(here('.github/workflows/agentic-review.yml'), PRODUCT_REPOSITORY, 'actions').length).toBeGreaterThanOrEqual(3);
    expect(readPins(here('.github/workflows/agentic-implement.yml'), PRODUCT_REPOSITORY, 'workflows').length).toBe(1);
  });

  it("the pinned commits are in this branch's history: the templates' commit runs the actions HEAD's reusable workflows name", () => {
    expect(pinHistoryProblems(ROOT, PRODUCT_REPOSITORY, version)).toEqual([]);
  });

  it('flags a hand-edited ref, a wrong label and a second commit (control)', () => {
    const file = 'workflows-templates/agentic.yml';
    const pinned = here(file);
    const sha = readPins(pinned, PRODUCT_REPOSITORY)[0].ref as string;
    const edits: Array<[string, RegExp]> = [
      [
        pinned.replace(`agentic-review.yml@${sha} # v${version}`, 'agentic-review.yml@v1'),
        /agentic-review\.yml@v1 is not a full commit SHA: run `npm run release -- pin`/,
      ],
      [pinned.replace(`agentic-review.yml@${sha} # v${version}`, `agentic-review.yml@${sha} # v9.9.9`), /is labelled "v9\.9\.9", not v/],
      [pinned.replace(`agentic-review.yml@${sha}`, `agentic-review.yml@${'f'.repeat(40)}`), /templates name 2 different commits/],
    ];
    for (const [text, problem] of edits) {
      const read: ReadFile = (name) => (name === file ? text : here(name));
      expect(pinProblems(ROOT, 'templates', PRODUCT_REPOSITORY, version, read).problems.join('\n')).toMatch(problem);
    }
  });

  it('flags templates pinned to a commit outside the history, and reusable workflows whose actions commit is not the one the templates run (control)', () => {
    const root = mkdtempSync(join(tmpdir(), 'pins-'));
    temporary.push(root);
    execFileSync('git', ['clone', '-q', '--shared', ROOT, root]);
    execFileSync('git', ['checkout', '-q', execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()], { cwd: root });
    const rewrite = (kind: string, sha: string) => {
      for (const file of pinFiles(root, kind) as string[])
        writeFileSync(join(root, file), pinText(readFileSync(join(root, file), 'utf8'), PRODUCT_REPOSITORY, sha, `v${version}`, kind));
    };
    rewrite('templates', 'e'.repeat(40));
    expect(pinHistoryProblems(root, PRODUCT_REPOSITORY, version).join('\n')).toMatch(/the templates pin e{40}, which is not in this branch's history/);
    execFileSync('git', ['checkout', '-q', '--', 'workflows-templates'], { cwd: root });
    // The reusable workflows re-pinned to a later commit than the one the templates' commit runs.
    rewrite('actions', execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim());
    expect(pinHistoryProblems(root, PRODUCT_REPOSITORY, version).join('\n')).toMatch(
      /the reusable workflows at [0-9a-f]{40} name [0-9a-f]{40} for the actions, not [0-9a-f]{40}/,
    );
  });
});
