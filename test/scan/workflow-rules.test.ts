import { describe, expect, it } from 'vitest';
import { fileFromContent, parseUnifiedDiff } from '../../src/scan/diff.js';
import { scanWorkflowFile } from '../../src/scan/patterns/workflow-rules.js';

const PWN_REQUEST = `name: build
on:
  pull_request_target:
    types: [opened, synchronize]
permissions:
  contents: write
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - run: npm ci && npm test
`;

const INJECTION = `name: greet
on:
  issues:
    types: [opened]
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - name: Say hello
        run: |
          echo "New issue"
          echo "\${{ github.event.issue.title }}"
      - run: echo "#\${{ github.event.issue.number }}"
      - name: Safe
        env:
          TITLE: \${{ github.event.issue.title }}
        run: echo "$TITLE"
      - if: \${{ github.event.issue.body != '' }}
        run: echo body
`;

function scan(path: string, content: string) {
  return scanWorkflowFile(fileFromContent(path, content));
}

describe('workflow/pull-request-target-checkout', () => {
  it('flags pull_request_target with a checkout of the pull request head (ng)', () => {
    const findings = scan('.github/workflows/build.yml', PWN_REQUEST);
    expect(findings).toEqual([expect.objectContaining({ ruleId: 'workflow/pull-request-target-checkout', severity: 'critical', line: 13 })]);
  });

  it('passes pull_request_target that does not check out the head, and pull_request that does (ok)', () => {
    const labelOnly = PWN_REQUEST.replace(/ {8}with:\n {10}ref: .*\n/, '');
    expect(scan('.github/workflows/build.yml', labelOnly)).toEqual([]);
    const plainPullRequest = PWN_REQUEST.replace('pull_request_target', 'pull_request');
    expect(scan('.github/workflows/build.yml', plainPullRequest)).toEqual([]);
  });

  it('flags when the diff adds only the trigger to a workflow that already checks out the head (whole file known)', () => {
    const before = PWN_REQUEST.replace('pull_request_target', 'pull_request');
    const diff = [
      'diff --git a/.github/workflows/build.yml b/.github/workflows/build.yml',
      '--- a/.github/workflows/build.yml',
      '+++ b/.github/workflows/build.yml',
      '@@ -1,4 +1,4 @@',
      ' name: build',
      ' on:',
      '-  pull_request:',
      '+  pull_request_target:',
      '     types: [opened, synchronize]',
      '',
    ].join('\n');
    const [file] = parseUnifiedDiff(diff);
    if (!file) throw new Error('no file');
    expect(before).not.toContain('pull_request_target');
    const findings = scanWorkflowFile({ ...file, content: PWN_REQUEST });
    expect(findings.map((finding) => [finding.ruleId, finding.line])).toEqual([['workflow/pull-request-target-checkout', 13]]);
  });

  it('only applies to workflow files', () => {
    expect(scan('docs/example.yml', PWN_REQUEST)).toEqual([]);
  });
});

describe('workflow/script-injection', () => {
  it('flags ${{ github.event.issue.title }} inside a run: block, as critical (ng)', () => {
    const findings = scan('.github/workflows/greet.yml', INJECTION);
    expect(findings).toEqual([expect.objectContaining({ ruleId: 'workflow/script-injection', severity: 'critical', line: 12 })]);
    expect(findings[0]?.title).toContain('github.event.issue.title');
  });

  it('passes event data in env:, in if:, and numeric fields in run: (ok)', () => {
    const safe = INJECTION.replace('          echo "${{ github.event.issue.title }}"\n', '');
    expect(scan('.github/workflows/greet.yml', safe)).toEqual([]);
  });

  it('flags inline run: values, github.head_ref and github-script scripts', () => {
    const content = [
      'on: pull_request',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: git checkout ${{ github.head_ref }}',
      '      - uses: actions/github-script@v7',
      '        with:',
      '          script: |',
      '            const body = "${{ github.event.comment.body }}";',
      '',
    ].join('\n');
    const findings = scan('.github/workflows/a.yml', content);
    expect(findings.map((finding) => [finding.line, finding.severity])).toEqual([
      [6, 'critical'],
      [10, 'critical'],
    ]);
  });

  it('judges lines by their surroundings in the diff when the whole file is not given', () => {
    const diff = [
      'diff --git a/.github/workflows/greet.yml b/.github/workflows/greet.yml',
      '--- a/.github/workflows/greet.yml',
      '+++ b/.github/workflows/greet.yml',
      '@@ -9,3 +9,4 @@',
      '       - name: Say hello',
      '         run: |',
      '           echo "New issue"',
      '+          echo "${{ github.event.issue.title }}"',
      '',
    ].join('\n');
    expect(scanWorkflowFile(parseUnifiedDiff(diff)[0]!).map((finding) => finding.line)).toEqual([12]);
  });

  it('applies to composite actions too', () => {
    const action = 'runs:\n  using: composite\n  steps:\n    - shell: bash\n      run: echo "${{ github.event.pull_request.title }}"\n';
    expect(scan('action.yml', action).map((finding) => finding.ruleId)).toEqual(['workflow/script-injection']);
  });
});
