import { describe, expect, it } from 'vitest';
import { CHECK_NAMES } from '../../src/core/contracts.js';
import { DEFAULT_REQUIRE_HUMAN_PATHS, DEFAULT_REVIEW_WORKFLOWS } from '../../src/merge/settings.js';
import { read } from './markdown.js';

// auto-merge's page states security defaults in prose, a YAML example and a table; each must be what the code uses.
describe('docs/actions/auto-merge.md states the defaults the code applies', () => {
  const page = read('docs/actions/auto-merge.md');

  it('review-workflows: the example and the table list exactly DEFAULT_REVIEW_WORKFLOWS, in order', () => {
    const example = /^ {2}review-workflows: \[(.*)\]$/m.exec(page)?.[1];
    expect(example?.split(',').map((entry) => entry.trim())).toEqual([...DEFAULT_REVIEW_WORKFLOWS]);
    const row = /^\| `auto-merge\.review-workflows` \| (.*?) \(as `agentic init` installs them/m.exec(page)?.[1];
    expect(row?.split(', ').map((entry) => entry.replace(/`/g, ''))).toEqual([...DEFAULT_REVIEW_WORKFLOWS]);
  });

  it('review-checks: the example and the table name the two review checks', () => {
    const wanted = [CHECK_NAMES.ctoReview, CHECK_NAMES.cisoReview];
    expect(/^ {2}review-checks: \[(.*)\]$/m.exec(page)?.[1]?.split(', ')).toEqual(wanted);
    expect(
      /^\| `auto-merge\.review-checks` \| (.*?) \|/m
        .exec(page)?.[1]
        ?.split(', ')
        .map((entry) => entry.replace(/`/g, '')),
    ).toEqual(wanted);
  });

  it('require-human-paths: the table names every default glob and no other', () => {
    const cell = /^\| `auto-merge\.require-human-paths` \| what changes what CI runs or who approves: (.*?) \| /m.exec(page)?.[1] ?? '';
    // A parenthesis explains a path the globs already cover; it names no glob of its own.
    const globs = [...cell.replace(/\([^)]*\)/g, '').matchAll(/`([^`]+)`/g)].map((match) => match[1]);
    expect(globs).toEqual([...DEFAULT_REQUIRE_HUMAN_PATHS]);
  });
});
