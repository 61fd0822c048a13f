import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findingFingerprint, locationKey, normaliseCode } from '../../src/review/fingerprint.js';
import { BOT_LOGIN } from '../../src/emulators/github/index.js';
import {
  BASE_FILES,
  botComments,
  checkRunsOn,
  findings,
  formatMarker,
  openPull,
  push,
  reviewCommentsOn,
  runCtoReview,
  startReviewWorld,
  suggestionIssues,
  type ReviewWorld,
} from '../review/world.js';

// Runner emulation of the bundled action: suggestion issues across pull requests, reviewers and failures.

const CODE = 'export const DISCOUNT = 0.9;';
const CHANGED = `${BASE_FILES['src/cart.ts']}\n${CODE}\n`;
const FINDING = { file: 'src/cart.ts', line: 11, severity: 'high' as const, category: 'architecture', title: 'Discount belongs in pricing', snippet: CODE };

let world: ReviewWorld;
beforeEach(async () => {
  world = await startReviewWorld();
});
afterEach(async () => {
  await world.close();
});

function seedSuggestion(options: {
  source: 'cto-review' | 'ciso-review';
  category: string;
  prs: number[];
  state?: 'open' | 'closed';
  reason?: 'not_planned' | 'completed';
  author?: string;
}) {
  const marker = {
    fingerprint: findingFingerprint(options.category, 'src/cart.ts', normaliseCode(CODE)),
    source: options.source,
    severity: 'high',
    category: options.category,
    prs: options.prs,
    file: 'src/cart.ts',
    location: locationKey('src/cart.ts', normaliseCode(CODE)),
  };
  return world.gh.state.addIssue({
    title: options.source === 'cto-review' ? '[CTO Suggestion] Discount belongs in pricing' : '[Security] Hard-coded value',
    body: `Found earlier.\n\n${formatMarker('suggestion', marker)}`,
    labels: ['agent-suggestion', 'needs-approval', 'severity-high'],
    user: options.author ?? BOT_LOGIN,
    ...(options.state ? { state: options.state } : {}),
    ...(options.reason ? { state_reason: options.reason } : {}),
  });
}

describe('bundled cto-review: suggestion issues', { timeout: 120_000 }, () => {
  it('an open suggestion with the same fingerprint from another PR gets one "seen again" note, not a new issue', async () => {
    const existing = seedSuggestion({ source: 'cto-review', category: 'architecture', prs: [90] });
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    world.model.script([findings([FINDING]), findings([FINDING])]);

    const run = await runCtoReview(world, { pull });

    expect(run.outputs['issues-created']).toBe('0');
    expect(suggestionIssues(world).map((issue) => issue.number)).toEqual([existing.number]);
    const notes = [...world.gh.state.comments.values()].filter((comment) => comment.issueNumber === existing.number);
    expect(notes.map((comment) => comment.body.split('\n')[0])).toEqual([
      `Seen again in #${pull.number} by CTO review (\`src/cart.ts:11\` at \`${pull.head.slice(0, 7)}\`).`,
    ]);
    expect(world.gh.state.issue(existing.number)?.body).toMatch(new RegExp(`"prs":\\[90,${pull.number}\\]`));
    expect(botComments(world, pull.number, 'cto-review')[0]?.body).toContain(`#${existing.number}`);

    // A new push where the finding is still there: the issue already knows this PR, so no second note.
    push(world, pull, { 'README.md': '# widgets\n\nWith discounts.\n' });
    await runCtoReview(world, { pull });
    expect([...world.gh.state.comments.values()].filter((comment) => comment.issueNumber === existing.number)).toHaveLength(1);
    expect(suggestionIssues(world)).toHaveLength(1);
  });

  it('a suggestion rejected in triage is never raised again, and its finding is not commented inline', async () => {
    const rejected = seedSuggestion({ source: 'cto-review', category: 'architecture', prs: [90], state: 'closed', reason: 'not_planned' });
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    world.model.script([findings([FINDING])]);

    const run = await runCtoReview(world, { pull });

    expect(run.outputs).toMatchObject({ 'issues-created': '0', findings: '1' });
    expect(suggestionIssues(world)).toHaveLength(1);
    expect(world.gh.state.issue(rejected.number)?.state).toBe('closed');
    expect(reviewCommentsOn(world, pull.number)).toEqual([]);
    expect(botComments(world, pull.number, 'cto-review')[0]?.body).toContain(`rejected in #${rejected.number}`);
  });

  it('the other reviewer’s open suggestion at the same code counts as the same suggestion', async () => {
    const security = seedSuggestion({ source: 'ciso-review', category: 'secret-leakage', prs: [90] });
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    world.model.script([findings([FINDING])]);

    const run = await runCtoReview(world, { pull });

    expect(run.outputs['issues-created']).toBe('0');
    expect(suggestionIssues(world).map((issue) => issue.number)).toEqual([security.number]);
    expect(world.gh.state.issue(security.number)?.body).toMatch(new RegExp(`"prs":\\[90,${pull.number}\\]`));
  });

  it('a look-alike suggestion written by someone else is ignored: its marker is not trusted', async () => {
    const fake = seedSuggestion({ source: 'cto-review', category: 'architecture', prs: [90], state: 'closed', reason: 'not_planned', author: 'acme' });
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    world.model.script([findings([FINDING])]);

    const run = await runCtoReview(world, { pull });

    expect(run.outputs['issues-created']).toBe('1');
    expect(
      suggestionIssues(world)
        .map((issue) => issue.number)
        .filter((number) => number !== fake.number),
    ).toHaveLength(1);
  });

  it('a 502 after GitHub created the issue: the listing is read again and no duplicate is made', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    world.model.script([findings([FINDING])]);
    world.gh.faults.add({ method: 'POST', path: '/repos/acme/widgets/issues', applyThenFail: true, status: 502 });

    const run = await runCtoReview(world, { pull });

    expect(run.exitCode).toBe(0);
    expect(world.gh.countRequests({ method: 'POST', path: '/repos/acme/widgets/issues' })).toBe(1);
    expect(suggestionIssues(world)).toHaveLength(1);
    expect(run.outputs['issues-created']).toBe('1');
    expect(world.gh.countRequests({ method: 'GET', path: '/repos/acme/widgets/issues' })).toBe(2);
  });
});

describe('bundled cto-review: many findings and misplaced lines', { timeout: 120_000 }, () => {
  it('sends 60 annotations in two check-run updates (GitHub takes 50 per request)', async () => {
    const added = Array.from({ length: 60 }, (_, index) => `export const rate${index} = ${index / 100};`);
    const pull = openPull(world, { files: { 'src/rates.ts': `${added.join('\n')}\n` } });
    world.model.script([
      findings(
        added.map((code, index) => ({ file: 'src/rates.ts', line: index + 1, severity: 'low' as const, title: `Rate ${index} is unexplained`, snippet: code })),
      ),
    ]);

    const run = await runCtoReview(world, { pull });

    expect(run.outputs.findings).toBe('60');
    const [check] = checkRunsOn(world, pull.head);
    expect(check?.annotations).toHaveLength(60);
    const updates = world.gh.requests.filter((request) => request.method === 'PATCH' && request.route === '/repos/{owner}/{repo}/check-runs/{check_run_id}');
    // The first update records the model's answer (for a rerun); the completion follows in two.
    expect((updates[0]?.body as { output?: { text?: string } }).output?.text).toContain('agentic-workflow:review-record');
    expect(updates.map((request) => ((request.body as { output?: { annotations?: unknown[] } }).output?.annotations ?? []).length)).toEqual([0, 50, 10]);
    expect(reviewCommentsOn(world, pull.number)).toHaveLength(60);
  });

  it('repairs a wrong line from the quoted code, and never posts a finding it cannot place', async () => {
    const pull = openPull(world, { files: { 'src/cart.ts': CHANGED } });
    world.model.script([
      findings([
        { ...FINDING, line: 9, title: 'Wrong line, right code' },
        { file: 'src/cart.ts', line: 2, severity: 'low', category: 'quality', title: 'Outside the diff' },
        { file: 'src/invented.ts', line: 1, severity: 'high', category: 'quality', title: 'A file the PR does not touch' },
      ]),
    ]);

    const run = await runCtoReview(world, { pull });

    expect(reviewCommentsOn(world, pull.number).map((comment) => [comment.line, comment.body.includes('Wrong line, right code')])).toEqual([[11, true]]);
    const sticky = botComments(world, pull.number, 'cto-review')[0]?.body ?? '';
    expect(sticky).toContain('| `src/cart.ts` | Outside the diff |');
    expect(sticky).toContain('“Outside the diff” is shown here only: line 2 is not a line of the diff.');
    expect(sticky).toContain('Dropped “A file the PR does not touch” (src/invented.ts): the model was not shown that file in that call.');
    expect(run.outputs.findings).toBe('2');
  });
});
