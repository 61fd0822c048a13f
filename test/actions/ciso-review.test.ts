import { readFileSync } from 'node:fs';
import type { Log } from 'sarif';
import { afterEach, describe, expect, it } from 'vitest';
import { reviewCheckMarkerSchema } from '../../src/core/contracts.js';
import { parseMarker } from '../../src/core/marker.js';
import { isoDaysAgo } from '../ciso/fake-registry.js';
import { sarifValidator } from '../ciso/sarif-schema.js';
import { checkRunsOf, everythingWritten, labelsOf, reviewCommentsOf, reviewsOf, securityIssues, startScenario, type Scenario } from '../ciso/scenario.js';
import { fake } from '../scan/secret-samples.js';

// Runner emulation: the bundled dist/ciso-review.js against the GitHub emulator and a fake npm registry on
// loopback (PyPI and the Go proxy unreachable). No model key unless a test says so. Run `npm run build` first.

const validate = sarifValidator();
let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.close();
  scenario = undefined;
});

function sarifOf(path: string | undefined): { text: string; log: Log } {
  const text = readFileSync(path ?? '', 'utf8');
  return { text, log: JSON.parse(text) as Log };
}

function resultsOf(log: Log) {
  return (log.runs[0]?.results ?? []).map((result) => ({
    rule: result.ruleId,
    level: result.level,
    file: result.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
  }));
}

describe('bundled ciso-review: secrets', { timeout: 120_000 }, () => {
  it('blocks a diff with a GitHub token and an AWS key pair, and no output anywhere contains the full secrets', async () => {
    const token = fake.githubToken(501);
    const keyId = fake.awsKeyId(502);
    const secretKey = fake.awsSecret(503);
    scenario = await startScenario({
      head: {
        'src/deploy.ts': `import { Octokit } from '@octokit/rest';\n\nexport const client = new Octokit({ auth: "${token}" });\n`,
        'config/aws.env': `AWS_ACCESS_KEY_ID=${keyId}\nAWS_SECRET_ACCESS_KEY=${secretKey}\nAWS_REGION=eu-west-1\n`,
      },
    });
    const run = await scenario.run();

    expect(run.exitCode).toBe(1);
    expect(run.outputs['should-block']).toBe('true');
    expect(run.outputs['vulnerabilities-found']).toBe('3');
    expect(reviewsOf(scenario).map((review) => [review.state, review.author])).toEqual([['CHANGES_REQUESTED', 'github-actions[bot]']]);
    const [check] = checkRunsOf(scenario);
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(check?.annotations.map((annotation) => [annotation.path, annotation.startLine, annotation.level]).sort()).toEqual([
      ['config/aws.env', 1, 'failure'],
      ['config/aws.env', 2, 'failure'],
      ['src/deploy.ts', 3, 'failure'],
    ]);
    expect(parseMarker('review-check', check?.output.summary, reviewCheckMarkerSchema.omit({ v: true }))).toMatchObject({ shouldBlock: true });
    expect(
      reviewCommentsOf(scenario)
        .map((comment) => [comment.path, comment.line])
        .sort(),
    ).toEqual([
      ['config/aws.env', 1],
      ['config/aws.env', 2],
      ['src/deploy.ts', 3],
    ]);

    const issues = securityIssues(scenario);
    expect(issues).toHaveLength(3);
    for (const issue of issues) {
      expect(issue.title).toMatch(/^\[Security\] /);
      expect(labelsOf(scenario, issue.number)).toEqual(['agent-suggestion', 'needs-approval', 'security', 'severity-critical', 'source:ciso-review']);
    }

    const sarif = sarifOf(run.outputs['sarif-file']);
    expect(validate(sarif.log).errors).toBe('');
    expect(
      resultsOf(sarif.log)
        .map((result) => result.rule)
        .sort(),
    ).toEqual(['secret/aws-access-key-id', 'secret/aws-secret-access-key', 'secret/github-token']);

    // The redacted prefix is what people see…
    const everything = everythingWritten(scenario, run, [sarif.text]);
    expect(everything).toContain('ghp_…[redacted]');
    expect(everything).toContain('AKIA…[redacted]');
    // …and the secrets themselves appear nowhere: not in any request the emulator received, not in GitHub's
    // state, the step log, the job summary, the annotations, the outputs or the SARIF file.
    for (const secret of [token, keyId, secretKey]) expect(everything.includes(secret), `a secret leaked: ${secret.slice(0, 4)}…`).toBe(false);
  });
});

describe('bundled ciso-review: dependencies', { timeout: 120_000 }, () => {
  it('flags a typosquat, a package that does not exist and one published yesterday with distinct reasons; a normal dependency passes', async () => {
    const base = { 'package.json': JSON.stringify({ name: 'widgets', dependencies: { express: '^4.19.2' } }, null, 2) };
    const head = {
      'package.json': JSON.stringify(
        {
          name: 'widgets',
          dependencies: { express: '^4.19.2', chalk: '^5.3.0', lodahs: '^4.17.21', 'widgetz-turbo-helper-qq': '^1.0.0', 'fresh-widget': '^0.1.0' },
        },
        null,
        2,
      ),
      'requirements.txt': 'requests==2.32.3\n',
    };
    scenario = await startScenario({
      base,
      head,
      packages: {
        express: { created: isoDaysAgo(5000), versions: { '4.19.2': isoDaysAgo(400) }, latest: '4.19.2', weeklyDownloads: 30_000_000 },
        chalk: { created: isoDaysAgo(4000), versions: { '5.3.0': isoDaysAgo(700) }, latest: '5.3.0', weeklyDownloads: 200_000_000 },
        lodahs: { created: isoDaysAgo(300), versions: { '4.17.21': isoDaysAgo(300) }, latest: '4.17.21', weeklyDownloads: 120 },
        'fresh-widget': { created: isoDaysAgo(1), versions: { '0.1.0': isoDaysAgo(1) }, latest: '0.1.0', weeklyDownloads: 80 },
      },
    });
    const run = await scenario.run();

    const sarif = sarifOf(run.outputs['sarif-file']);
    expect(validate(sarif.log).errors).toBe('');
    const results = sarif.log.runs[0]?.results ?? [];
    const byPackage = Object.fromEntries(results.map((result) => [/`([^`]+)`/.exec(result.message.text ?? '')?.[1], result.ruleId]));
    expect(byPackage).toEqual({ lodahs: 'dependency/typosquat', 'widgetz-turbo-helper-qq': 'dependency/not-found', 'fresh-widget': 'dependency/too-new' });
    expect(JSON.stringify(results)).not.toContain('chalk');

    // The package that does not exist is critical: the review blocks.
    expect(run.outputs['should-block']).toBe('true');
    expect(JSON.parse(run.outputs['new-dependencies'] ?? '[]')).toEqual([
      'npm:chalk@^5.3.0',
      'npm:lodahs@^4.17.21',
      'npm:widgetz-turbo-helper-qq@^1.0.0',
      'npm:fresh-widget@^0.1.0',
      'pypi:requests@==2.32.3',
    ]);
    const [check] = checkRunsOf(scenario);
    const marker = parseMarker('review-check', check?.output.summary, reviewCheckMarkerSchema.omit({ v: true }));
    expect(marker?.newDependencies).toEqual(JSON.parse(run.outputs['new-dependencies'] ?? '[]'));
    // PyPI is unreachable here: that check is skipped with a warning, and the review says it is incomplete.
    expect(marker?.complete).toBe(false);
    expect(run.summary).toMatch(/Dependency check skipped: .*unreachable .*`requests` was not checked/);
    expect(run.annotations.some((annotation) => annotation.level === 'warning' && annotation.message.includes('`requests` was not checked'))).toBe(true);
    expect(sarif.log.runs[0]?.invocations?.[0]?.toolExecutionNotifications?.map((note) => note.message.text).join('\n')).toContain(
      '`requests` was not checked',
    );
  });
});

describe('bundled ciso-review: workflow files', { timeout: 120_000 }, () => {
  it('flags pull_request_target with a checkout of the head and ${{ github.event.issue.title }} inside run:', async () => {
    const workflow = [
      'name: triage',
      'on:',
      '  pull_request_target:',
      '  issues:',
      'permissions:',
      '  contents: write',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with:',
      '          ref: ${{ github.event.pull_request.head.sha }}',
      '      - run: npm ci && npm test',
      '      - name: Greet',
      '        run: |',
      '          echo "Thanks for ${{ github.event.issue.title }}"',
      '',
    ].join('\n');
    scenario = await startScenario({ head: { '.github/workflows/triage.yml': workflow } });
    const run = await scenario.run();

    const sarif = sarifOf(run.outputs['sarif-file']);
    expect(validate(sarif.log).errors).toBe('');
    expect(resultsOf(sarif.log)).toEqual([
      { rule: 'workflow/pull-request-target-checkout', level: 'error', file: '.github/workflows/triage.yml' },
      { rule: 'workflow/script-injection', level: 'error', file: '.github/workflows/triage.yml' },
    ]);
    expect(sarif.log.runs[0]?.results?.map((result) => result.locations?.[0]?.physicalLocation?.region?.startLine)).toEqual([13, 17]);
    expect(run.outputs['should-block']).toBe('true');
    expect(reviewCommentsOf(scenario).map((comment) => comment.line)).toEqual([13, 17]);
  });
});

describe('bundled ciso-review: without a model key', { timeout: 120_000 }, () => {
  it('still runs the scanners and posts, says the model pass was skipped, and ends neutral rather than green', async () => {
    scenario = await startScenario({
      head: { 'src/view.ts': 'export function show(el: HTMLElement, html: string): void {\n  el.innerHTML = html;\n}\n' },
    });
    const run = await scenario.run();

    expect(run.exitCode).toBe(0);
    expect(run.outputs['should-block']).toBe('false');
    expect(run.outputs['vulnerabilities-found']).toBe('1');
    expect(run.summary).toContain('the model pass was skipped (no API key for openai');
    expect(run.annotations.some((annotation) => annotation.level === 'warning')).toBe(true);
    const [check] = checkRunsOf(scenario);
    expect(check?.conclusion).toBe('neutral');
    expect(parseMarker('review-check', check?.output.summary, reviewCheckMarkerSchema.omit({ v: true }))).toMatchObject({
      shouldBlock: false,
      complete: false,
    });
    expect(reviewCommentsOf(scenario).map((comment) => [comment.path, comment.line])).toEqual([['src/view.ts', 2]]);
    const sarif = sarifOf(run.outputs['sarif-file']);
    expect(resultsOf(sarif.log)).toEqual([{ rule: 'js/xss', level: 'error', file: 'src/view.ts' }]);
    expect(sarif.log.runs[0]?.invocations?.[0]?.toolExecutionNotifications?.[0]?.message.text).toContain('model pass was skipped');
  });
});
