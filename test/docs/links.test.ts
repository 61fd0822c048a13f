import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorsOf, linkTargets, read, ROOT, userDocs } from './markdown.js';

/** The relative links of one document that point at no file, or at an anchor its target does not have. */
function brokenLinks(path: string, markdown: string): string[] {
  const broken: string[] = [];
  for (const target of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // https:, mailto: …
    const [file = '', anchor] = target.split('#', 2);
    const resolved = file === '' ? path : normalize(join(dirname(path), decodeURIComponent(file)));
    if (resolved.startsWith('..') || !existsSync(join(ROOT, resolved))) {
      broken.push(`${target} (no file ${resolved})`);
      continue;
    }
    if (anchor === undefined || anchor === '') continue;
    if (statSync(join(ROOT, resolved)).isDirectory() || !resolved.endsWith('.md')) {
      broken.push(`${target} (an anchor into ${resolved}, which is not a markdown file)`);
      continue;
    }
    if (!anchorsOf(read(resolved)).has(decodeURIComponent(anchor))) broken.push(`${target} (no heading or id '${anchor}' in ${resolved})`);
  }
  return broken;
}

describe('links in README.md and docs/', () => {
  it.each(userDocs())('every relative link of %s resolves to a file and, with a #, to its heading', (path) => {
    expect(brokenLinks(path, read(path))).toEqual([]);
  });

  it('finds a missing file, a missing heading and a link out of the repository (control)', () => {
    const markdown = [
      '# Title',
      '',
      '## Quick start',
      '',
      '[ok](#quick-start) [ok](docs/troubleshooting.md#budget) [ok](LICENSE) [out](https://example.com/x.md)',
      '[gone](docs/nowhere.md) [no heading](#slow-start) [no id](docs/troubleshooting.md#no-such-category)',
      '![missing](docs/none.png) [outside](../elsewhere.md)',
    ].join('\n');
    expect(brokenLinks('README.md', markdown)).toEqual([
      'docs/nowhere.md (no file docs/nowhere.md)',
      "#slow-start (no heading or id 'slow-start' in README.md)",
      "docs/troubleshooting.md#no-such-category (no heading or id 'no-such-category' in docs/troubleshooting.md)",
      'docs/none.png (no file docs/none.png)',
      '../elsewhere.md (no file ../elsewhere.md)',
    ]);
  });

  it('slugs headings as GitHub does: code, punctuation and repeats', () => {
    const anchors = anchorsOf('## Settings in `.github/agentic.yml`\n\n## GITHUB_TOKEN or a GitHub App token\n\n## Permissions\n\n## Permissions\n');
    expect([...anchors]).toEqual(['settings-in-githubagenticyml', 'github_token-or-a-github-app-token', 'permissions', 'permissions-1']);
  });
});
