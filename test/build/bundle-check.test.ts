import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript build script without type declarations
import { actionChunks, assertNoEmulatorsInActions, demoOnlyChunks } from '../../scripts/bundle-check.js';

// The shape of ncc's webpack stats that the build reads (chunks with files, modules, children and origins).
const root = './.tmp/build/js/src';
const chunk = (id: number, modules: string[], children: number[] = [], origins: Array<{ moduleName: string; request: string }> = [], initial = false) => ({
  id,
  initial,
  files: [initial ? 'index.js' : `${id}.index.js`],
  modules: modules.map((name) => ({ name: `${root}/${name}` })),
  children,
  origins,
});

function stats(reviewChild: number[]) {
  return {
    chunks: [
      chunk(1, ['main.js', 'actions/run-agent.js'], [2, 3], [], true),
      chunk(2, ['actions/cto-review/index.js'], reviewChild, [{ moduleName: `${root}/actions/run-agent.js`, request: './cto-review/index.js' }]),
      chunk(3, ['cli/index.js'], [4], [{ moduleName: `${root}/main.js`, request: './cli/index.js' }]),
      // The demo chunk holds the emulators (concatenated, as webpack reports it).
      {
        ...chunk(4, ['demo/story.js + 2 modules'], [], [{ moduleName: `${root}/cli/demo.js`, request: '../demo/story.js' }]),
        modules: [{ name: `${root}/demo/story.js + 2 modules`, modules: [{ name: `${root}/emulators/github/index.js` }] }],
      },
      chunk(5, ['review/engine.js']),
    ],
  };
}

describe('bundle check', () => {
  it('passes when only the CLI demo chunk holds the emulators, and lists what the action loads', () => {
    const report = actionChunks(stats([5]), ['cto-review']);
    expect(report).toEqual([{ agent: 'cto-review', files: ['2.index.js', '5.index.js', 'index.js'], emulatorModules: [] }]);
    expect(() => assertNoEmulatorsInActions(report)).not.toThrow();
  });

  it('fails when an action can load the chunk with the emulators', () => {
    const report = actionChunks(stats([5, 4]), ['cto-review']);
    expect(report[0].emulatorModules).toEqual([`${root}/emulators/github/index.js`]);
    expect(() => assertNoEmulatorsInActions(report)).toThrow(/emulators reach action bundles: cto-review/);
  });

  it('fails when no chunk is loaded for an action', () => {
    expect(() => actionChunks(stats([5]), ['auto-merge'])).toThrow(/no chunk is loaded for auto-merge/);
  });

  it('counts as demo-only the emulator chunk and the chunks only the demo or the emulators load, never a chunk an action loads', () => {
    const demoStats = stats([5]);
    demoStats.chunks.push(
      // The GraphQL executor: imported by the emulators only.
      chunk(6, ['node_modules/graphql/index.mjs'], [], [{ moduleName: `${root}/cli/demo.js`, request: '../demo/story.js' }]),
      chunk(7, ['node_modules/graphql/execution/execute.mjs'], [], [{ moduleName: `${root}/emulators/github/graphql/endpoint.js`, request: 'graphql' }]),
      // A library the demo and an action share ships with the product.
      chunk(
        8,
        ['node_modules/yaml/index.js'],
        [],
        [
          { moduleName: `${root}/cli/demo.js`, request: '../demo/story.js' },
          { moduleName: `${root}/actions/cto-review/index.js`, request: '../prepare.js' },
        ],
      ),
    );
    expect(demoOnlyChunks(demoStats)).toEqual(['4.index.js', '6.index.js', '7.index.js']);
  });
});
