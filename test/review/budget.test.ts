import { describe, expect, it } from 'vitest';
import { addSurroundings, planBudget, type BudgetFile, type BudgetRequest } from '../../src/review/budget.js';
import { packItems } from '../../src/review/chunking.js';
import { parsePatch } from '../../src/review/diff.js';
import { renderFilePieces } from '../../src/review/render-diff.js';

/** Characters / 4 plus a fixed 1,000-token system prompt and tool, like the model layer's estimate. */
const tokensFor = (message: string) => 1000 + Math.ceil(message.length / 4);

function addedFile(path: string, lines: number, width = 40): BudgetFile {
  const body = Array.from({ length: lines }, (_, index) => `+${`line ${index} `.padEnd(width, 'x')}`);
  return { path, status: 'added', hunks: parsePatch(`@@ -0,0 +1,${lines} @@\n${body.join('\n')}`) };
}

function request(files: BudgetFile[], overrides: Partial<BudgetRequest> = {}): BudgetRequest {
  return {
    repository: 'acme/widgets',
    pullNumber: 7,
    files,
    withoutPatch: [],
    context: { description: 'Add things\n\nBecause.' },
    maxCalls: 3,
    maxInputTokens: 8000,
    reserveTokens: 1000,
    tokensFor,
    ...overrides,
  };
}

describe('packItems', () => {
  it('packs first-fit decreasing into as few bins as possible', () => {
    const items = [5, 4, 3, 3, 2, 2, 1].map((size, index) => ({ file: `f${index}`, size }));
    const { bins, unplaced } = packItems(items, 3, 10);
    expect(unplaced).toEqual([]);
    expect(bins).toHaveLength(2);
    for (const bin of bins) expect(bin.reduce((sum, item) => sum + item.size, 0)).toBeLessThanOrEqual(10);
  });

  it('when not everything fits, prefers the packing that covers more files', () => {
    const items = [{ file: 'big', size: 9 }, ...[1, 2, 3, 4].map((n) => ({ file: `small${n}`, size: 2 }))];
    const { bins, unplaced } = packItems(items, 1, 9);
    expect(unplaced.map((item) => item.file)).toEqual(['big']);
    expect(bins[0]?.map((item) => item.file).sort()).toEqual(['small1', 'small2', 'small3', 'small4']);
  });
});

describe('renderFilePieces', () => {
  it('numbers lines in the new file and splits a large file at hunks, then a large hunk at lines', () => {
    const [single] = renderFilePieces('a.ts', 'modified', parsePatch('@@ -3,2 +3,2 @@\n ctx\n-old\n+new'), 1000);
    expect(single?.text).toBe('=== a.ts (modified) ===\n@@ -3,2 +3,2 @@\n3  ctx\n- old\n4 +new');
    const pieces = renderFilePieces('big.ts', 'added', addedFile('big.ts', 200).hunks, 2000);
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) expect(piece.text.length).toBeLessThanOrEqual(2000);
    expect(pieces.map((piece) => piece.text.split('\n')[0])).toContain(`=== big.ts (added, part 2 of ${pieces.length}) ===`);
    // Every line is in exactly one piece.
    const numbered = pieces.flatMap((piece) => piece.text.split('\n').filter((line) => /^\d+ \+/.test(line)));
    expect(numbered).toHaveLength(200);
  });
});

describe('planBudget', () => {
  it('covers every file within the calls and the per-call limit, with the context when it fits', () => {
    const files = Array.from({ length: 30 }, (_, index) => addedFile(`src/f${index}.ts`, 20));
    const plan = planBudget(request(files));
    expect(plan.leftOut).toEqual([]);
    expect(plan.covered).toHaveLength(30);
    expect(plan.contextIncluded).toBe(true);
    expect(plan.chunks.length).toBeLessThanOrEqual(3);
    for (const chunk of plan.chunks) {
      expect(tokensFor(chunk.message)).toBe(chunk.estimatedTokens);
      expect(chunk.estimatedTokens).toBeLessThanOrEqual(8000 - 1000);
      expect(chunk.message).toContain('Add things');
    }
  });

  it('drops the context before it drops a file', () => {
    // Each file nearly fills a call on its own: with the 3,000-character description none would fit.
    const files = Array.from({ length: 3 }, (_, index) => addedFile(`src/f${index}.ts`, 460));
    const long = { description: 'Q'.repeat(3000) };
    const plan = planBudget(request(files, { context: long }));
    expect(plan.leftOut).toEqual([]);
    expect(plan.contextIncluded).toBe(false);
    expect(plan.chunks.every((chunk) => !chunk.message.includes('QQQQQQQQQQ'))).toBe(true);
  });

  it('lists what does not fit, distinguishing partly reviewed files and files without a patch', () => {
    const files = [addedFile('src/huge.ts', 2000), addedFile('src/small.ts', 5)];
    const plan = planBudget(request(files, { maxCalls: 1, withoutPatch: ['src/too-large-for-github.ts'] }));
    expect(plan.covered).toEqual(['src/small.ts']);
    expect(plan.leftOut).toEqual([
      { path: 'src/too-large-for-github.ts', reason: 'no-patch' },
      { path: 'src/huge.ts', reason: 'partial' },
    ]);
    expect(plan.chunks).toHaveLength(1);
  });

  it('keeps room for the repair round: no chunk is planned above limit minus reserve', () => {
    const files = Array.from({ length: 40 }, (_, index) => addedFile(`src/f${index}.ts`, 30, 60));
    const plan = planBudget(request(files, { maxInputTokens: 10_000, reserveTokens: 3000 }));
    expect(plan.tokensPerChunk).toBe(7000);
    for (const chunk of plan.chunks) expect(chunk.estimatedTokens).toBeLessThanOrEqual(7000);
  });

  it('adds surrounding code only while the chunk stays within the limit', () => {
    const files = [addedFile('src/a.ts', 10), addedFile('src/b.ts', 10)];
    const req = request(files);
    const plan = planBudget(req);
    const [chunk] = plan.chunks;
    if (!chunk) throw new Error('no chunk');
    const withRoom = addSurroundings(req, plan, chunk, new Map([['src/a.ts', '=== src/a.ts ===\n1| import x;']]));
    expect(withRoom.surroundingsFor).toEqual(['src/a.ts']);
    expect(withRoom.message).toContain('1| import x;');
    const tooBig = addSurroundings(req, plan, chunk, new Map([['src/b.ts', 'y'.repeat(40_000)]]));
    expect(tooBig.surroundingsFor).toEqual([]);
    expect(tooBig.estimatedTokens).toBe(chunk.estimatedTokens);
  });
});
