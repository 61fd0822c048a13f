import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PRODUCT_REPOSITORY } from '../../src/core/product.js';
// @ts-expect-error: a plain JavaScript build script without type declarations
import { applyPublishedName, publishedFiles, readRepositorySlug, repositorySlug } from '../../scripts/published-name.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const AGENTS = 'implement|cto-review|ciso-review|triage-report|auto-merge|discover|janitor';
/** A reference to this product: one of its actions, one of its reusable workflows, or its policy schema URL. */
const REFERENCE = new RegExp(
  String.raw`(?<![\w./-])(\w[\w.-]*/[\w.-]+)/(?:actions/(?:${AGENTS})\b|\.github/workflows/agentic-[\w-]+\.yml@)|raw\.githubusercontent\.com/([\w.-]+/[\w.-]+)/[^/\s]+/schema/agentic\.schema\.json`,
  'g',
);

/** The repositories each file's references to the product name, other than `slug`. */
function foreignReferences(root: string, slug: string): string[] {
  const found: string[] = [];
  // Test sources may name other repositories for their own fixtures; what users read and run may not.
  for (const file of (publishedFiles(root) as string[]).filter((name) => !name.endsWith('.test.ts'))) {
    for (const match of readFileSync(join(root, file), 'utf8').matchAll(REFERENCE)) {
      const named = match[1] ?? match[2];
      if (named !== slug) found.push(`${file}: ${match[0]}`);
    }
  }
  return found;
}

const temporary: string[] = [];
afterAll(() => temporary.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

describe('the published name', () => {
  it('is read from package.json in its usual spellings, and a repository that is not on GitHub is refused', () => {
    expect(repositorySlug({ repository: { type: 'git', url: 'git+https://github.com/octo/tool.git' } })).toBe('octo/tool');
    expect(repositorySlug({ repository: 'github:octo/tool' })).toBe('octo/tool');
    expect(repositorySlug({ repository: 'octo/tool' })).toBe('octo/tool');
    expect(repositorySlug({ repository: { url: 'https://github.com/octo/my.tool' } })).toBe('octo/my.tool');
    expect(() => repositorySlug({})).toThrow(/package.json has no repository/);
    expect(() => repositorySlug({ repository: { url: 'https://gitlab.com/octo/group/tool.git' } })).toThrow(/does not name a GitHub repository/);
  });

  it('every file names the repository package.json names, and the code reads the same one', () => {
    const slug = readRepositorySlug(ROOT);
    expect(PRODUCT_REPOSITORY).toBe(slug);
    expect(foreignReferences(ROOT, slug)).toEqual([]);
    // The check sees the references it claims to: templates, reusable workflows, docs and the schema.
    const files = new Set((publishedFiles(ROOT) as string[]).filter((file) => readFileSync(join(ROOT, file), 'utf8').match(REFERENCE)));
    for (const file of [
      'workflows-templates/agentic.yml',
      '.github/workflows/agentic-review.yml',
      'docs/actions/cto-review.md',
      'schema/agentic.schema.json',
    ]) {
      expect(files).toContain(file);
    }
  });

  it('flags a file that names another repository (control for the check above)', () => {
    const root = mkdtempSync(join(tmpdir(), 'published-name-'));
    temporary.push(root);
    cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
    mkdirSync(join(root, 'workflows-templates'));
    writeFileSync(
      join(root, 'workflows-templates', 'agentic.yml'),
      'jobs:\n  review:\n    uses: someone-else/agentic-workflow/.github/workflows/agentic-review.yml@v1\n',
    );
    expect(foreignReferences(root, readRepositorySlug(root))).toEqual([
      'workflows-templates/agentic.yml: someone-else/agentic-workflow/.github/workflows/agentic-review.yml@',
    ]);
  });

  it('a fork changes package.json only, and the build rewrites every reference to the new name', () => {
    const root = mkdtempSync(join(tmpdir(), 'published-fork-'));
    temporary.push(root);
    for (const file of [...(publishedFiles(ROOT) as string[]), 'package.json']) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      cpSync(join(ROOT, file), join(root, file));
    }
    const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    packageJson.repository.url = 'git+https://github.com/fork-owner/agentic-fork.git';
    writeFileSync(join(root, 'package.json'), JSON.stringify(packageJson, null, 2));

    const changed = applyPublishedName(root) as string[];
    expect(changed).toEqual(
      expect.arrayContaining([
        'src/core/product.ts',
        'workflows-templates/agentic.yml',
        '.github/workflows/agentic-implement.yml',
        'docs/actions/implement.md',
      ]),
    );
    for (const file of publishedFiles(root) as string[]) expect(readFileSync(join(root, file), 'utf8'), file).not.toContain(PRODUCT_REPOSITORY);
    expect(foreignReferences(root, 'fork-owner/agentic-fork')).toEqual([]);
    expect(readFileSync(join(root, 'workflows-templates', 'agentic.yml'), 'utf8')).toContain(
      'uses: fork-owner/agentic-fork/.github/workflows/agentic-implement.yml@',
    );
    expect(readFileSync(join(root, 'src', 'core', 'product.ts'), 'utf8')).toContain("PRODUCT_REPOSITORY = 'fork-owner/agentic-fork'");
    // A second build finds nothing left to change.
    expect(applyPublishedName(root)).toEqual([]);
  });
});
