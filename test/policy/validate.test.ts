import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPolicyText, formatProblems, parsePolicyText, suggestKey } from '../../src/policy/validate.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

function messages(text: string): string[] {
  return checkPolicyText(text).problems.map((problem) => `${problem.line ?? '-'}: ${problem.message}`);
}

describe('checking a whole policy file', () => {
  it('accepts the commented template and an empty file', () => {
    const template = readFileSync(resolve(ROOT, 'workflows-templates', 'agentic.config.yml'), 'utf8');
    expect(checkPolicyText(template).problems).toEqual([]);
    expect(checkPolicyText('').problems).toEqual([]);
    expect(checkPolicyText('# only a comment\n')).toEqual({ policy: {}, problems: [] });
    const policy = checkPolicyText('implement:\n  max-turns: 20\nlabels:\n  roadmap: backlog\n').policy;
    expect(policy).toEqual({ implement: { 'max-turns': 20 }, labels: { roadmap: 'backlog' } });
  });

  it('reports every problem of every section at once, each with its line, path, value and expectation', () => {
    const text = [
      'implement:', //                    1
      '  max-turns: lots', //             2
      '  scope-mode: everything', //      3
      'auto-merge:', //                   4
      '  min-checks: 0', //               5
      'ciso-review:', //                  6
      '  allowed-registries: [ftp://x]', // 7
      'protected-paths: src/**', //       8
    ].join('\n');
    expect(messages(text)).toEqual([
      '2: implement.max-turns is "lots"; expected a number',
      '3: implement.scope-mode is "everything"; expected one of "plan", "repository"',
      '5: auto-merge.min-checks is 0; expected at least 1',
      '7: ciso-review.allowed-registries[0] is "ftp://x"; expected an http(s) URL',
      '8: protected-paths is "src/**"; expected a list ("- item" lines)',
    ]);
  });

  it('suggests the key that was meant, at the top level and inside a section', () => {
    const text = 'implemnt:\n  max-turns: 3\nreview:\n  block-severty: high\n  frobnicate: 1\nlabels:\n  roadmapp: backlog\n';
    const found = messages(text);
    expect(found[0]).toMatch(
      /^1: implemnt is not a known key at the top level \(did you mean 'implement'\?\); expected one of labels, bot, protected-paths, implement/,
    );
    expect(found[1]).toMatch(/^4: review\.block-severty is not a known key in review \(did you mean 'block-severity'\?\)/);
    expect(found[2]).toMatch(/^5: review\.frobnicate is not a known key in review; expected one of max-review-calls/);
    expect(found[2]).not.toContain('did you mean');
    expect(found[3]).toMatch(/^7: labels\.roadmapp is not a known label role \(did you mean 'roadmap'\?\)/);
    expect(found).toHaveLength(4);
  });

  it('shows a YAML error with its line and a caret under the column', () => {
    const { problems } = checkPolicyText('implement:\n  max-turns: 3\nreview: a: b\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(3);
    const [first, ...excerpt] = formatProblems('.github/agentic.yml', problems).split('\n');
    expect(first).toMatch(/^\.github\/agentic\.yml:3: invalid YAML: .* at line 3, column \d+:$/);
    const source = excerpt.findIndex((line) => line.includes('review: a: b'));
    expect(source).toBeGreaterThanOrEqual(0);
    expect(excerpt[source + 1]).toMatch(/^ +\^/);
  });

  it('reports a duplicated key as a YAML error', () => {
    expect(messages('implement: {}\nimplement: {}\n')[0]).toMatch(/^2: invalid YAML: Map keys must be unique/);
  });

  it('explains a top-level list and a top-level string plainly', () => {
    expect(messages('- implement:\n    max-turns: 3\n')).toEqual([
      '1: the file is a list; expected a mapping of sections such as implement:, review: and auto-merge: (remove the "- " in front of the top-level keys)',
    ]);
    expect(messages('just some words\n')).toEqual([
      '1: the file is "just some words"; expected a mapping of sections such as implement:, review: and auto-merge:',
    ]);
  });

  it('gives the actions one error listing every problem', () => {
    expect(() =>
      parsePolicyText('implement:\n  max-turns: 0\ntriage:\n  stale-claim-hours: x\n', '.github/agentic.yml', '.github/agentic.yml on main'),
    ).toThrow(
      '.github/agentic.yml on main has 2 problems:\n.github/agentic.yml:2: implement.max-turns is 0; expected more than 0\n.github/agentic.yml:4: triage.stale-claim-hours is "x"; expected a number',
    );
  });

  it('suggests only keys that are close', () => {
    expect(suggestKey('max-turn', ['max-turns', 'max-files'])).toBe('max-turns');
    expect(suggestKey('deploy', ['max-turns', 'max-files'])).toBeUndefined();
  });
});
