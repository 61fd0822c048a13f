import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript build script without type declarations
import { assertDependenciesResolved, unresolvedModules } from '../../scripts/bundle-check.js';

const ncc = join(process.cwd(), 'node_modules', '.bin', 'ncc');

// ncc bundles a throwing stub for an import it cannot resolve and exits 0; the build reads its stats instead.
describe('build: a missing dependency fails the build', { timeout: 120_000 }, () => {
  it('real ncc: an import of a package that is not installed is found in the stats and named in the error', () => {
    // Inside the project so the installed packages resolve; the missing one does not.
    mkdirSync(join(process.cwd(), '.tmp'), { recursive: true });
    const dir = mkdtempSync(join(process.cwd(), '.tmp', 'ncc-'));
    const importer = `./${relative(process.cwd(), dir)}/main.mjs`;
    try {
      writeFileSync(join(dir, 'main.mjs'), "import gone from 'left-pad-not-installed';\nimport { parse } from 'yaml';\nconsole.log(gone, parse);\n");
      execFileSync(ncc, ['build', join(dir, 'main.mjs'), '-o', join(dir, 'out'), '--quiet', '--stats-out', join(dir, 'stats.json')], { stdio: 'ignore' });
      const unresolved = unresolvedModules(JSON.parse(readFileSync(join(dir, 'stats.json'), 'utf8')));
      expect(unresolved).toEqual([{ request: 'left-pad-not-installed', importers: [importer] }]);
      expect(() => assertDependenciesResolved(unresolved, ['yaml'])).toThrow(
        `build failed: ncc could not resolve left-pad-not-installed (imported by ${importer}); is node_modules complete? Run npm ci, then build again`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a declared package missing is named even when only a library imports it; a library’s optional require of an undeclared one is not', () => {
    const notFound = (request: string, importer: string) => ({
      name: `../node_modules/@vercel/ncc/dist/ncc/@@notfound.js?${request}`,
      reasons: [{ moduleName: importer }],
    });
    const stats = {
      modules: [
        { name: './.tmp/build/js/src/main.js' },
        notFound('encoding', '../node_modules/node-fetch/lib/index.js'),
        // Concatenated modules nest the stub one level down.
        { name: 'yaml + 3 modules', modules: [notFound('yaml/dist/compose', '../node_modules/openai/index.js')] },
      ],
    };
    const unresolved = unresolvedModules(stats);
    expect(unresolved.map((entry: { request: string }) => entry.request)).toEqual(['encoding', 'yaml/dist/compose']);
    expect(() => assertDependenciesResolved(unresolved, ['zod'])).not.toThrow();
    expect(() => assertDependenciesResolved(unresolved, ['yaml'])).toThrow(
      /could not resolve yaml\/dist\/compose \(imported by \.\.\/node_modules\/openai\/index\.js\)/,
    );
  });
});
