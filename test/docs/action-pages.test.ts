import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error: a plain JavaScript build script without type declarations
import { generateActionDocs, jobsRunning } from '../../scripts/action-docs.js';
// @ts-expect-error: a plain JavaScript build script without type declarations
import { generateMetadata, rootDescription } from '../../scripts/action-metadata.js';
import { AGENTS } from '../../src/actions/entry.js';
import { FAILURE_CATEGORIES } from '../../src/core/failure.js';
import { codeOf, read, ROOT } from './markdown.js';

interface ActionYaml {
  description: string;
  inputs: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

const common = parse(readFileSync(join(ROOT, 'actions', 'common-inputs.yml'), 'utf8')) as Record<string, unknown>;
const MODEL_CATEGORIES = ['model-configuration', 'model-unavailable', 'model-error', 'budget'];
/** The actions that call a model, and so can fail with a model or budget category (the janitor only with changelog-summary). */
const CALL_A_MODEL = ['implement', 'cto-review', 'ciso-review', 'janitor'];

function action(agent: string): ActionYaml {
  return parse(readFileSync(join(ROOT, 'actions', agent, 'action.yml'), 'utf8')) as ActionYaml;
}

function writeTemp(path: string, text: string): void {
  writeFileSync(path, text);
}

function block(page: string, marker: string): string {
  const start = page.indexOf(`<!-- ${marker} -->`);
  const end = page.indexOf(`<!-- /${marker} -->`);
  expect(start, marker).toBeGreaterThan(-1);
  expect(end, marker).toBeGreaterThan(start);
  return page.slice(start, end);
}

/** A copy of what the generator reads, so regenerating cannot touch the checkout. */
const copy = mkdtempSync(join(tmpdir(), 'action-pages-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));
for (const path of ['actions', '.github/workflows', 'src/core/failure.ts', 'src/actions', 'docs', 'README.md'])
  cpSync(join(ROOT, path), join(copy, path), { recursive: true });

describe('docs/actions/<name>.md, generated from action.yml', () => {
  it('is up to date: generating again changes no page (run npm run build after editing an action.yml)', () => {
    generateMetadata(copy);
    for (const file of readdirSync(join(ROOT, 'docs', 'actions'))) {
      expect(readFileSync(join(copy, 'docs', 'actions', file), 'utf8'), file).toBe(read(`docs/actions/${file}`));
    }
    expect(readFileSync(join(copy, 'README.md'), 'utf8')).toBe(read('README.md'));
  });

  it.each(AGENTS)('%s: the summary, every own input and output, and the failure categories it can end in', (agent) => {
    const page = read(`docs/actions/${agent}.md`);
    const meta = action(agent);
    expect(block(page, `about:${agent}`)).toContain(meta.description);
    expect(block(page, `about:${agent}`)).toContain(`agentic-workflow/agentic-workflow/actions/${agent}@v1`);
    const reference = block(page, `reference:${agent}`);
    for (const name of Object.keys(meta.inputs).filter((input) => !(input in common))) expect(reference, name).toContain(`| \`${name}\` |`);
    for (const name of Object.keys(common)) expect(reference, name).not.toContain(`| \`${name}\` |`);
    for (const name of Object.keys(meta.outputs ?? {})) expect(reference, name).toContain(`| \`${name}\` |`);
    for (const category of FAILURE_CATEGORIES) {
      const link = `[\`${category}\`](../troubleshooting.md#${category})`;
      const expected = category !== 'usage' && (CALL_A_MODEL.includes(agent) || !MODEL_CATEGORIES.includes(category));
      expect(reference.includes(link), `${agent} ${category}`).toBe(expected);
    }
  });

  it.each(AGENTS)('%s: shows a workflow example that runs it with a pinned uses: and its permissions', (agent) => {
    const page = read(`docs/actions/${agent}.md`);
    const examples = codeOf(page.slice(0, page.indexOf('<!-- reference:'))).blocks.filter((code) =>
      code.includes(`agentic-workflow/agentic-workflow/actions/${agent}@v1`),
    );
    expect(examples.length, agent).toBeGreaterThan(0);
    expect(
      examples.some((code) => /permissions:/.test(code)),
      agent,
    ).toBe(true);
  });

  it.each(AGENTS)('%s: the permissions are those of every reusable-workflow job that runs it', (agent) => {
    const reference = block(read(`docs/actions/${agent}.md`), `reference:${agent}`);
    const jobs = jobsRunning(ROOT, agent);
    for (const job of jobs) {
      const row = reference.split('\n').find((line) => line.startsWith(`| \`${job.workflow}\` | \`${job.id}\``));
      expect(row, `${job.workflow} ${job.id}`).toBeDefined();
      for (const [scope, access] of Object.entries(job.permissions)) expect(row).toContain(`\`${scope}: ${access}\``);
    }
    if (jobs.length === 0) expect(reference).toContain('No reusable workflow of this repository runs');
  });

  it('README.md and docs/actions/README.md list every action, linked to its page, with its summary', () => {
    for (const [path, folder] of [
      ['README.md', 'docs/actions/'],
      ['docs/actions/README.md', ''],
    ] as const) {
      const index = block(read(path), 'actions:index');
      for (const agent of AGENTS) expect(index, `${path} ${agent}`).toContain(`| [\`${agent}\`](${folder}${agent}.md) | ${action(agent).description} |`);
    }
  });

  it('the review jobs of the reusable workflows are found with their permissions (control)', () => {
    expect(jobsRunning(ROOT, 'cto-review')).toContainEqual({
      workflow: 'agentic-review.yml',
      id: 'cto-review',
      permissions: { contents: 'read', issues: 'write', 'pull-requests': 'write', checks: 'write' },
      modes: [],
    });
    expect(jobsRunning(ROOT, 'no-such-action')).toEqual([]);
  });

  it('a new action gets a page with its generated blocks, and a hand-written page keeps its prose', () => {
    const meta = {
      description: 'Tidies the repository one dependency at a time.',
      inputs: { ...common, 'max-updates': { description: 'Most updates a night.', required: false, default: '3' } },
      outputs: { updated: { description: 'How many were updated.' } },
      runs: { using: 'node24' },
    };
    generateActionDocs(copy, { archivist: meta }, common, writeTemp);
    const page = readFileSync(join(copy, 'docs', 'actions', 'archivist.md'), 'utf8');
    expect(page.startsWith('# archivist\n')).toBe(true);
    expect(page).toContain('Tidies the repository one dependency at a time.');
    expect(page).toContain('| `max-updates` | no | `3` | Most updates a night. |');
    expect(page).toContain('| `updated` | How many were updated. |');
    expect(page).toContain('No reusable workflow of this repository runs `archivist`');
    const prose = page.replace('## Reference', 'It keeps one pull request per update.\n\n## Reference');
    writeTemp(join(copy, 'docs', 'actions', 'archivist.md'), prose);
    generateActionDocs(copy, { archivist: { ...meta, description: 'Tidies the repository.' } }, common, writeTemp);
    const again = readFileSync(join(copy, 'docs', 'actions', 'archivist.md'), 'utf8');
    expect(again).toContain('It keeps one pull request per update.');
    expect(again).toContain('Tidies the repository.\n');
  });

  it('the root action.yml names every action an input or output belongs to, with what it means there', () => {
    const root = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { description: string }>;
      outputs: Record<string, { description: string }>;
    };
    for (const agent of ['implement', 'discover', 'janitor'])
      expect(root.inputs.phase?.description).toContain(`(${agent}) ${String((action(agent).inputs.phase as { description: string }).description)}`);
    expect(root.inputs['bundle-digest']?.description).toMatch(/^\(implement, janitor\) Phase publish only/);
    expect(root.outputs['bundle-digest']?.description).toMatch(/^\(implement, janitor\) /);
    expect(root.inputs['issue-number']?.description).toMatch(/^\(implement\) /);
    expect(
      rootDescription([
        { agent: 'implement', spec: { description: 'A.' } },
        { agent: 'discover', spec: { description: 'B.' } },
        { agent: 'janitor', spec: { description: 'A.' } },
      ]),
    ).toBe('(implement, janitor) A. (discover) B.');
  });
});
