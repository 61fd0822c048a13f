import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import type { ScriptedReply } from '../../src/emulators/model/index.js';
import type { ActionRun } from '../harness/runner.js';
import { startScenario, type Scenario } from '../ciso/scenario.js';
import { BASE_FILES, openPull, reviewCommentsOn, runCtoReview, startReviewWorld, type ReviewWorld } from '../review/world.js';
import { fake } from '../scan/secret-samples.js';

// Runner emulation of the bundled review actions: a model that quotes secrets in every field it fills, and
// the outbound gate between the action and GitHub.

const TOKEN = fake.githubToken(811);
const PASSWORD = fake.password(812);
const CONFIG = [`export const API_TOKEN = "${TOKEN}";`, `export const dbPassword = "${PASSWORD}";`, 'export const retries = 3;', ''].join('\n');

/** Findings that quote the diff's secrets and the action's own model key and token in title, body, suggestion and snippet. */
function leakyFindings(secrets: string[], reviewer: { category: string; ordinaryCategory: string; confidence?: number }): ScriptedReply {
  const all = secrets.join(' / ');
  const leaky = {
    file: 'src/config.ts',
    line: 2,
    severity: 'high',
    category: reviewer.category,
    title: `Hard-coded password ${PASSWORD} (and ${TOKEN})`,
    body: `The change commits ${all}. Rotate ${PASSWORD} at once.`,
    suggestion: `export const dbPassword = process.env.DB_PASSWORD ?? "${PASSWORD}";`,
    snippet: `export const dbPassword = "${PASSWORD}";`,
    ...(reviewer.confidence === undefined ? {} : { confidence: reviewer.confidence }),
  };
  const ordinary = {
    file: 'src/config.ts',
    line: 3,
    severity: 'low',
    category: reviewer.ordinaryCategory,
    title: 'Name the retry count',
    body: 'Use a named `const` for **3**; see [the guide](https://example.com/guide).',
    ...(reviewer.confidence === undefined ? {} : { confidence: reviewer.confidence }),
  };
  return { toolCalls: [{ name: 'report_findings', arguments: { findings: [leaky, ordinary] } }] };
}

const ORDINARY_POSTED = 'Use a named `const` for **3**; see the guide (https://example.com/guide).';

/** The body of every write request, the job summary and the log (the runner's own mask commands aside). */
function published(gh: GitHubEmulator, run: ActionRun): string {
  const bodies = gh.requests.filter((request) => request.method !== 'GET').map((request) => JSON.stringify(request.body));
  const log = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
  return [...bodies, run.summary, ...log, run.stderr].join('\n');
}

function expectNoSecret(text: string, secrets: string[]): void {
  for (const secret of secrets) expect(text.includes(secret), `leaked ${secret.slice(0, 4)}…`).toBe(false);
}

let world: ReviewWorld | undefined;
let scenario: Scenario | undefined;
afterEach(async () => {
  await world?.close();
  await scenario?.close();
  world = undefined;
  scenario = undefined;
});

describe('bundled reviews: every write leaves through the outbound gate', { timeout: 120_000 }, () => {
  it('cto-review: a model quoting secrets from the diff, its key and the token leaks none of them; ordinary text is posted as written', async () => {
    world = await startReviewWorld({ ...BASE_FILES, 'src/config.ts': 'export const retries = 3;\n' });
    const pull = openPull(world, { files: { 'src/config.ts': CONFIG } });
    const modelKey = world.model.keys.openai ?? '';
    const secrets = [TOKEN, PASSWORD, modelKey, world.gh.botToken];
    world.model.script([leakyFindings(secrets, { category: 'correctness', ordinaryCategory: 'quality' })]);

    const run = await runCtoReview(world, { pull });

    expect(run.exitCode).toBe(0);
    expect(world.model.requests).toHaveLength(1);
    expectNoSecret(published(world.gh, run), secrets);
    // The held credentials are masked in the runner's log.
    expect(run.stdout).toContain(`::add-mask::${modelKey}`);
    expect(run.stdout).toContain(`::add-mask::${world.gh.botToken}`);
    // The finding is still posted, with the values shown as a prefix; a suggestion that would commit the
    // redacted text is not offered.
    const posted = published(world.gh, run);
    expect(posted).toContain('Hard-coded password');
    expect(posted).toContain(`${PASSWORD.slice(0, 4)}…[redacted]`);
    expect(posted).not.toContain('```suggestion');
    // Control: the ordinary finding arrives as the writer rendered it (links shown with their URL), not escaped twice.
    const comments = reviewCommentsOn(world, pull.number).map((comment) => comment.body);
    expect(comments.some((body) => body.includes(ORDINARY_POSTED))).toBe(true);
  });

  it('ciso-review: the same model leaks nothing through the review, check run, summary, SARIF or log', async () => {
    scenario = await startScenario({ base: { 'src/config.ts': 'export const retries = 3;\n' }, head: { 'src/config.ts': CONFIG }, withModel: true });
    const model = scenario.model;
    if (!model) throw new Error('no model emulator');
    const secrets = [TOKEN, PASSWORD, model.keys.openai ?? '', scenario.gh.botToken];
    model.script([leakyFindings(secrets, { category: 'secret-leakage', ordinaryCategory: 'secret-leakage', confidence: 0.95 })]);

    const run = await scenario.run();

    expect(model.requests).toHaveLength(1);
    const sarif = run.outputs['sarif-file'];
    expectNoSecret([published(scenario.gh, run), JSON.stringify(run.annotations)].join('\n'), secrets);
    expect(sarif).toBeTruthy();
    expectNoSecret(readFileSync(sarif ?? '', 'utf8'), secrets);
    const comments = [...scenario.gh.state.reviewComments.values()].map((comment) => comment.body);
    expect(comments.some((body) => body.includes(ORDINARY_POSTED))).toBe(true);
  });
});
