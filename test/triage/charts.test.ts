import { parse } from '@mermaid-js/parser';
import { describe, expect, it } from 'vitest';
import { outcomePie, stateFlow, type StateCounts } from '../../src/triage/charts.js';
import { flowchartErrors, mermaidBlocks } from './flowchart-grammar.js';

const counts: StateCounts = {
  suggested: 9,
  waiting: 4,
  rejected: 2,
  queued: 1,
  states: { 'in-progress': 1, 'needs-clarification': 0, 'spec-review': 1, 'pr-open': 2, failed: 1, done: 3 },
};

describe('the outcome pie', () => {
  it('parses with Mermaid’s own parser and carries each non-zero count', async () => {
    const pie = outcomePie({ pending: 4, approved: 3, rejected: 2, other: 0 }) ?? '';
    const [source] = mermaidBlocks(pie);
    const ast = await parse('pie', source ?? '');
    expect(ast.sections.map((section) => [section.label, section.value])).toEqual([
      ['Waiting for a decision', 4],
      ['Approved', 3],
      ['Rejected', 2],
    ]);
    expect(ast.title).toBe('Suggestions by outcome (all time)');
  });

  it('is left out when there is nothing to count', () => {
    expect(outcomePie({ pending: 0, approved: 0, rejected: 0, other: 0 })).toBeNull();
  });

  it('the parser really rejects a malformed pie (the check can fail)', async () => {
    await expect(parse('pie', 'pie title x\n    "Approved" 3\n')).rejects.toThrow();
  });
});

describe('the state flow', () => {
  it('passes the flowchart grammar check with a count on every node', () => {
    const [source = ''] = mermaidBlocks(stateFlow(counts));
    expect(flowchartErrors(source)).toEqual([]);
    expect(source).toContain('prOpen["PR open: 2"]');
    expect(source).toContain('done["Done: 3"]');
    expect(source).toContain('prOpen --> done');
  });

  it('the grammar check rejects what Mermaid would choke on', () => {
    expect(flowchartErrors('flowchart LR\n    a["x"]\n    a --> b')).toEqual(['line 3: edge names undefined node b']);
    expect(flowchartErrors('flowchart LR\n    end["x"]')).toEqual(['line 2: end is a Mermaid keyword']);
    expect(flowchartErrors('flowchart LR\n    a["say "hi""]')).toHaveLength(1);
    expect(flowchartErrors('flowchart sideways\n')).toHaveLength(1);
  });
});
