import { describe, expect, it } from 'vitest';
import { PRODUCT_REPOSITORY } from '../../src/core/product.js';
import { codeOf, read, userDocs } from './markdown.js';

/** The repository that publishes the actions and reusable workflows. */
const OWN = PRODUCT_REPOSITORY;

/**
 * The `uses:` references of a document's examples that are not pinned: a third-party action must name a full
 * commit SHA with its version in a comment; this repository's own actions name a release (`@v1`) or a SHA.
 */
function unpinned(markdown: string): string[] {
  const { blocks, spans } = codeOf(markdown);
  const references: { ref: string; comment: string }[] = [];
  for (const text of [...blocks, ...spans]) {
    for (const match of text.matchAll(/(?<![\w-])uses:\s*([^\s#]+)[^\S\n]*(#[^\n]*)?/g)) references.push({ ref: match[1]!, comment: match[2] ?? '' });
    // An inline mention such as `actions/checkout@v4` is an example too.
    const bare = /^([\w.-]+\/[\w.-]+(?:\/[\w./-]+)?)@(\S+)(\s+#.*)?$/.exec(text.trim());
    if (bare && !text.includes('uses:')) references.push({ ref: `${bare[1]}@${bare[2]}`, comment: bare[3]?.trim() ?? '' });
  }
  return references
    .filter(({ ref, comment }) => {
      if (ref.startsWith('./') || ref.startsWith('docker://') || ref.startsWith('$')) return false;
      const at = ref.lastIndexOf('@');
      const [name, version] = [ref.slice(0, at), ref.slice(at + 1)];
      if (name === OWN || name.startsWith(`${OWN}/`)) return !/^(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/.test(version);
      return !(/^[0-9a-f]{40}$/.test(version) && /^#\s*v\d/.test(comment));
    })
    .map(({ ref }) => ref);
}

describe('examples in README.md and docs/ pin what they use', () => {
  it.each(userDocs())('every uses: in the code of %s is pinned', (path) => {
    expect(unpinned(read(path))).toEqual([]);
  });

  it('flags a tag, a branch and a SHA without its version; passes pinned ones (control)', () => {
    const markdown = [
      '```yaml',
      'permissions: { statuses: read, checks: read }',
      'steps:',
      '  - uses: actions/checkout@v4',
      '  - uses: actions/setup-node@main',
      '  - uses: actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae',
      '  - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
      '  - uses: agentic-workflow/agentic-workflow/actions/implement@v1',
      '  - uses: agentic-workflow/agentic-workflow/actions/implement@main',
      '  - uses: ./actions/implement',
      '```',
      '',
      'Mint it with `actions/create-github-app-token@v3` or `uses: github/codeql-action/upload-sarif@8aad20d150bbac5944a9f9d289da16a4b0d87c1e # v4.36.2`.',
    ].join('\n');
    expect(unpinned(markdown)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@main',
      'actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae',
      'agentic-workflow/agentic-workflow/actions/implement@main',
      'actions/create-github-app-token@v3',
    ]);
  });
});
