import { describe, expect, it } from 'vitest';
import { describeCiDetection, detectCiWorkflow, workflowTriggers } from '../../src/setup/ci-workflow.js';
import { hasCiWorkflowLine, withCiWorkflow } from '../../src/setup/template-ci.js';

const CI_WITH_DISPATCH = 'name: ci\non:\n  push:\n    branches: [main]\n  pull_request:\n  workflow_dispatch:\njobs: {}\n';
const CI_WITHOUT_DISPATCH = 'name: ci\non: [push, pull_request]\njobs: {}\n';

describe('finding the repository CI', () => {
  it('reads on: as a string, a list and a map', () => {
    expect(workflowTriggers('on: push\n')).toEqual(['push']);
    expect(workflowTriggers('on: [push, pull_request]\n')).toEqual(['push', 'pull_request']);
    expect(workflowTriggers(CI_WITH_DISPATCH)).toEqual(['push', 'pull_request', 'workflow_dispatch']);
    expect(workflowTriggers('on: [unclosed\n')).toEqual([]);
  });

  it('picks a push/pull_request workflow that can be dispatched, before one that cannot, and never its own templates', () => {
    const detection = detectCiWorkflow([
      { file: 'agentic.yml', text: 'on:\n  pull_request:\n  workflow_dispatch:\n' },
      { file: 'lint.yml', text: CI_WITHOUT_DISPATCH },
      { file: 'release.yml', text: 'on:\n  push:\n    tags: ["v*"]\n' },
      { file: 'tests.yaml', text: CI_WITH_DISPATCH },
    ]);
    expect(detection).toEqual({ kind: 'found', file: 'tests.yaml', triggers: ['push', 'pull_request', 'workflow_dispatch'] });
  });

  it('names the CI that lacks workflow_dispatch and says what to add', () => {
    const detection = detectCiWorkflow([
      { file: 'ci.yml', text: CI_WITHOUT_DISPATCH },
      { file: 'docs.yml', text: 'on: workflow_dispatch\n' },
    ]);
    expect(detection).toEqual({ kind: 'no-dispatch', file: 'ci.yml', triggers: ['push', 'pull_request'] });
    const advice = describeCiDetection(detection, '.github/workflows/agentic.yml').join('\n');
    expect(advice).toContain('cannot be dispatched');
    expect(advice).toContain('workflow_dispatch:');
    expect(advice).toContain('ci-workflow: ci.yml in .github/workflows/agentic.yml');
  });

  it('says when there is no CI at all', () => {
    const detection = detectCiWorkflow([{ file: 'stale.yml', text: 'on:\n  schedule:\n    - cron: "0 0 * * *"\n' }]);
    expect(detection).toEqual({ kind: 'none', looked: 1 });
    expect(describeCiDetection(detection, 'agentic.yml').join('\n')).toMatch(/no CI workflow found/);
  });
});

describe('writing ci-workflow into a template', () => {
  const template = 'jobs:\n  implement:\n    with:\n      provider: openai\n      ci-workflow: ci.yml # dispatched on agent branches\n    secrets: {}\n';

  it('replaces the value and keeps the comment', () => {
    expect(withCiWorkflow(template, 'tests.yaml')).toBe(template.replace('ci-workflow: ci.yml', 'ci-workflow: tests.yaml'));
    expect(withCiWorkflow(template, undefined)).toContain('      ci-workflow: "" # dispatched on agent branches\n');
    expect(withCiWorkflow(template, 'my ci.yml')).toContain('ci-workflow: "my ci.yml"');
  });

  it('leaves a template without the line alone', () => {
    const other = 'jobs:\n  review:\n    with:\n      provider: openai\n';
    expect(hasCiWorkflowLine(other)).toBe(false);
    expect(withCiWorkflow(other, 'ci.yml')).toBe(other);
  });
});
