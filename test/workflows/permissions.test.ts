import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error: a plain JavaScript build script without type declarations
import { readPins } from '../../scripts/pins.js';
import { calledFile, grantOf, permissionViolations, readFromRoot, type ReadWorkflow } from './permission-checks.js';
import { uncommentJob, uncommentSetting } from './uncomment.js';
import { actionlintFindings, parserErrors, policyViolations, PRODUCT_REPOSITORY, ROOT } from './workflow-checks.js';

const files = [
  ...readdirSync(join(ROOT, '.github', 'workflows')).map((file) => `.github/workflows/${file}`),
  ...readdirSync(join(ROOT, 'workflows-templates'))
    .filter((file) => file !== 'agentic.config.yml')
    .map((file) => `workflows-templates/${file}`),
].filter((file) => file.endsWith('.yml'));
const here = readFromRoot(ROOT);

/** The repository's files, with some replaced or added. */
const withFiles =
  (extra: Record<string, string>): ReadWorkflow =>
  (path) =>
    extra[path] ?? here(path);

describe("every called workflow's jobs ask for no more permissions than the calling job grants", () => {
  it.each(files)('%s', (file) => {
    expect(permissionViolations(file, here)).toEqual([]);
  });

  /** A template with its optional GitHub Pages job and `dashboard: pages` uncommented, as its user would. */
  const withPages = (text: string) => uncommentJob(text, 'dashboard-pages').replace(/^(\s*)# ((?: {2})?dashboard: pages.*|with:)$/gm, '$1$2');
  /** The nightly template with its Discussion variant uncommented: `report: none` and the nightly-report job. */
  const withDiscussion = (text: string) => uncommentJob(uncommentSetting(text, 'report: none'), 'nightly-report');
  const nightlyTemplate = 'workflows-templates/agentic-nightly.yml';

  it.each(['workflows-templates/agentic-nightly.yml', 'workflows-templates/agentic-triage.yml', 'workflows-templates/agentic.yml'])(
    '%s with its GitHub Pages job uncommented starts: the Pages permissions reach only the job that calls agentic-dashboard-pages.yml',
    async (file) => {
      const text = withPages(here(file));
      expect(text).toMatch(/^ {2}dashboard-pages:\n {4}needs: \w+\n {4}uses: .*agentic-dashboard-pages\.yml@[0-9a-f]{40} # v/m);
      expect(text).toMatch(/^ {6}dashboard: pages/m);
      expect(permissionViolations(file, withFiles({ [file]: text }))).toEqual([]);
      expect(await parserErrors(file, text)).toEqual([]);
      expect(policyViolations(file, text)).toEqual([]);
    },
  );

  it('agentic-nightly.yml with its Discussion report uncommented starts: discussions: write reaches only the job that calls agentic-nightly-report.yml, pinned like the rest', async () => {
    const text = withDiscussion(here(nightlyTemplate));
    expect(text).toMatch(/^ {6}report: none$/m);
    expect(text).toMatch(
      /^ {2}nightly-report:\n {4}needs: nightly\n {4}if: \$\{\{ !cancelled\(\) \}\}\n {4}uses: .*agentic-nightly-report\.yml@[0-9a-f]{40} # v/m,
    );
    const jobs = (parse(text) as { jobs: Record<string, { uses?: string; permissions?: Record<string, string>; with?: Record<string, unknown> }> }).jobs;
    expect(jobs['nightly-report']?.permissions).toEqual({ contents: 'read', issues: 'read', 'pull-requests': 'read', discussions: 'write' });
    expect(jobs['nightly-report']?.with).toMatchObject({ 'discussion-category': 'Reports' });
    expect(jobs.nightly?.with).toMatchObject({ report: 'none' });
    for (const [name, job] of Object.entries(jobs)) if (name !== 'nightly-report') expect(job.permissions?.discussions, name).toBeUndefined();
    // Pinned exactly as the template's other calls: the same commit and release label.
    const pins = readPins(text, PRODUCT_REPOSITORY) as Array<{ path: string; ref: string; comment: string }>;
    const report = pins.find((pin) => pin.path === '.github/workflows/agentic-nightly-report.yml');
    const nightly = pins.find((pin) => pin.path === '.github/workflows/agentic-nightly.yml');
    expect(report).toBeDefined();
    expect({ ref: report?.ref, comment: report?.comment }).toEqual({ ref: nightly?.ref, comment: nightly?.comment });
    expect(permissionViolations(nightlyTemplate, withFiles({ [nightlyTemplate]: text }))).toEqual([]);
    expect(await parserErrors(nightlyTemplate, text)).toEqual([]);
    expect(policyViolations(nightlyTemplate, text)).toEqual([]);
    expect(await actionlintFindings(nightlyTemplate, text)).toEqual([]);

    // With the Pages job too, which then needs the job that uploads the dashboard, as the template says.
    const both = withPages(text).replace(/(^ {2}dashboard-pages:\n {4}needs: )nightly$/m, '$1nightly-report');
    expect(both).toMatch(/^ {2}dashboard-pages:\n {4}needs: nightly-report$/m);
    expect(permissionViolations(nightlyTemplate, withFiles({ [nightlyTemplate]: both }))).toEqual([]);
    expect(await parserErrors(nightlyTemplate, both)).toEqual([]);
  });

  it('control: the Discussion report job without discussions: write, or granting more to the night, is caught', async () => {
    const text = withDiscussion(here(nightlyTemplate));
    const withoutWrite = text.replace(/^( {6})discussions: write\n/m, '');
    expect(permissionViolations(nightlyTemplate, withFiles({ [nightlyTemplate]: withoutWrite }))).toEqual([
      `${nightlyTemplate} job nightly-report (.github/workflows/agentic-nightly-report.yml): The nested job 'report' is requesting 'discussions: write', but is only allowed 'discussions: none'.`,
    ]);
    // An input agentic-nightly-report.yml does not have is refused by GitHub's parser.
    const unknownInput = text.replace('discussion-category: Reports', 'discussion-categories: Reports');
    expect((await parserErrors(nightlyTemplate, unknownInput)).join('\n')).toMatch(/discussion-categor/);
    // And the helpers refuse a template that lost the block, so this test cannot pass on nothing.
    expect(() => withDiscussion(here('workflows-templates/agentic-triage.yml'))).toThrow('no commented-out');
  });

  it('the templates call reusable workflows, and a reusable workflow calls another (the check reaches nested calls)', () => {
    const calls = (file: string) => Object.values((here(file).match(/^\s+uses: .*\.github\/workflows\/.*$/gm) ?? []) as string[]);
    expect(calls('workflows-templates/agentic.yml').length).toBeGreaterThanOrEqual(4);
    expect(calls('.github/workflows/agentic-implement.yml').length).toBe(1);
  });

  it("reports a caller that grants less than a called job asks for, in GitHub's words, even for a job its if: would skip (control)", () => {
    const caller = [
      'on: workflow_dispatch',
      'permissions: {}',
      'jobs:',
      '  nightly:',
      `    uses: ${PRODUCT_REPOSITORY}/.github/workflows/agentic-nightly.yml@0123456789abcdef0123456789abcdef01234567`,
      '    permissions:',
      '      actions: read',
      '      contents: read',
      '      issues: write',
      '',
    ].join('\n');
    expect(permissionViolations('caller.yml', withFiles({ 'caller.yml': caller }))).toEqual([
      "caller.yml job nightly (.github/workflows/agentic-nightly.yml): The nested job 'report' is requesting 'pull-requests: read', but is only allowed 'pull-requests: none'.",
    ]);
    // The same caller granting pull-requests: read is within every job's request (the legitimate path).
    const granted = caller.replace('      issues: write\n', '      issues: write\n      pull-requests: read\n');
    expect(permissionViolations('caller.yml', withFiles({ 'caller.yml': granted }))).toEqual([]);
    // A job whose if: is false is checked all the same, as GitHub does at startup.
    const skipped = [
      'on: workflow_call',
      'permissions: {}',
      'jobs:',
      '  publish:',
      '    if: ${{ false }}',
      '    runs-on: ubuntu-latest',
      '    permissions:',
      '      pages: write',
      '      id-token: write',
      '    steps: [{ run: "true" }]',
      '',
    ].join('\n');
    const local = ['on: push', 'permissions: read-all', 'jobs:', '  publish:', '    uses: ./.github/workflows/skipped.yml', ''].join('\n');
    expect(permissionViolations('local.yml', withFiles({ 'local.yml': local, '.github/workflows/skipped.yml': skipped }))).toEqual([
      "local.yml job publish (.github/workflows/skipped.yml): The nested job 'publish' is requesting 'id-token: write, pages: write', but is only allowed 'id-token: none, pages: read'.",
    ]);
    expect(
      permissionViolations('local.yml', withFiles({ 'local.yml': local.replace('read-all', 'write-all'), '.github/workflows/skipped.yml': skipped })),
    ).toEqual([]);
  });

  it('follows nested calls: a called workflow calling another with more than its caller granted is reported at the inner call (control)', () => {
    const outer = [
      'on: push',
      'permissions: {}',
      'jobs:',
      '  outer:',
      '    uses: ./.github/workflows/middle.yml',
      '    permissions:',
      '      contents: read',
      '',
    ].join('\n');
    const middle = ['on: workflow_call', 'jobs:', '  inner:', '    uses: ./.github/workflows/inner.yml', '    permissions:', '      contents: read', ''].join(
      '\n',
    );
    const inner = [
      'on: workflow_call',
      'permissions:',
      '  contents: write',
      'jobs:',
      '  push:',
      '    runs-on: ubuntu-latest',
      '    steps: [{ run: "true" }]',
      '',
    ].join('\n');
    const read = withFiles({ 'outer.yml': outer, '.github/workflows/middle.yml': middle, '.github/workflows/inner.yml': inner });
    expect(permissionViolations('outer.yml', read)).toEqual([
      "outer.yml job outer → .github/workflows/middle.yml job inner (.github/workflows/inner.yml): The nested job 'push' is requesting 'contents: write', but is only allowed 'contents: read'.",
    ]);
  });

  it('reads every form of permissions: {} grants none, read-all, write-all, and id-token has no read level', () => {
    expect(Object.values(grantOf({})).every((level) => level === 'none')).toBe(true);
    expect(grantOf('read-all')).toMatchObject({ contents: 'read', pages: 'read', 'id-token': 'none' });
    expect(grantOf('write-all')).toMatchObject({ contents: 'write', 'id-token': 'write' });
    expect(grantOf({ issues: 'write' })).toMatchObject({ issues: 'write', contents: 'none' });
    expect(() => grantOf({ pages: 'admin' })).toThrow("permission 'pages' is 'admin'");
    expect(() => grantOf({ page: 'write' })).toThrow("unknown permission scope 'page'");
    expect(calledFile(`${PRODUCT_REPOSITORY}/.github/workflows/agentic-review.yml@abc`)).toBe('.github/workflows/agentic-review.yml');
    expect(calledFile('./.github/workflows/agentic-review.yml')).toBe('.github/workflows/agentic-review.yml');
    expect(calledFile('octo/other/.github/workflows/x.yml@v1')).toBeUndefined();
  });
});
