import { describe, expect, it } from 'vitest';
import { changelogPaths, changelogSince, cleanSummary, MAX_CHANGELOG_CHARS, MAX_SUMMARY_CHARS } from '../../src/janitor/changelog-summary.js';

describe('changelog text for a summary', () => {
  it('keeps the entries newer than the old version, whatever the heading style', () => {
    expect(changelogSince('# Changelog\n\n## 1.2.0\n- b\n\n## 1.1.0\n- a\n\n## 1.0.0\n- first\n', '1.1.0')).toBe('# Changelog\n\n## 1.2.0\n- b');
    expect(changelogSince('## [2.1.0] - 2026-12-01\n- new\n## [2.0.0] - 2026-11-01\n- old\n', '2.0.0')).toBe('## [2.1.0] - 2026-12-01\n- new');
    expect(changelogSince('# v1.4.0\nfix\n# v1.3.9\nold\n', 'v1.3.9')).toBe('# v1.4.0\nfix');
  });

  it('a version that only prefixes another (1.0.0 in 1.0.0-beta or 11.0.0) or appears outside a heading does not cut', () => {
    const text = '## 1.1.0\n- fixes a bug from 1.0.0\n## 1.0.0-beta.1\n- beta\n## 11.0.0\nx\n';
    expect(changelogSince(text, '1.0.0')).toBe(text.trim());
  });

  it('is capped', () => {
    expect(changelogSince('x'.repeat(MAX_CHANGELOG_CHARS + 50), '1.0.0')).toHaveLength(MAX_CHANGELOG_CHARS + '\n…(cut)'.length);
  });

  it('is read from the installed npm package only', () => {
    expect(changelogPaths({ ecosystem: 'npm', name: '@acme/tint' })[0]).toBe('node_modules/@acme/tint/CHANGELOG.md');
    expect(changelogPaths({ ecosystem: 'python', name: 'requests' })).toEqual([]);
  });
});

describe("the model's summary as it stands in the pull request", () => {
  it('one paragraph without markup that renders, capped', () => {
    expect(cleanSummary('**Fixes**\n\n- `a` bug <img src=x>\n# Title [link](http://x)')).toBe('Fixes - a bug img src=x Title link(http://x)');
    expect(cleanSummary('word '.repeat(500))).toHaveLength(MAX_SUMMARY_CHARS);
  });
});
