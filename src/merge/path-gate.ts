/**
 * The paths gate: a pull request that touches `require-human-paths` (CI, action definitions, the policy file,
 * and manifests and lockfiles once a review reports new dependencies) needs a human to merge it.
 */
import { minimatch } from 'minimatch';
import { code, listOf, plural } from './display.js';
import type { MergeFacts } from './facts.js';
import { fail, HUMAN_MUST_MERGE, pass, type Gate, type GateSettings } from './gate.js';

interface Touch {
  path: string;
  pattern: string;
}

// Case-insensitive on purpose: matching more paths can only make a human merge more often.
const GLOB = { dot: true, nocase: true } as const;

export function pathsGate(facts: MergeFacts, settings: GateSettings, newDependencies: readonly string[]): Gate {
  const { pull, files } = facts;
  if (files.length < pull.changedFiles) {
    return fail('paths', `only ${files.length} of ${pull.changedFiles} changed files could be read (GitHub lists at most 3,000): ${HUMAN_MUST_MERGE}`);
  }
  const dependencyPatterns = newDependencies.length > 0 ? settings.dependencyManifests : [];
  const patterns = [...settings.requireHumanPaths, ...dependencyPatterns];
  const touched: Touch[] = [];
  for (const file of files) {
    for (const path of [file.filename, file.previousFilename]) {
      if (path === null) continue;
      const pattern = patterns.find((glob) => minimatch(path, glob, GLOB));
      if (pattern) touched.push({ path, pattern });
    }
  }
  const deps = newDependencies.length > 0 ? `; new dependencies reported: ${listOf(newDependencies.map((dep) => code(dep)))}` : '';
  if (touched.length > 0) {
    const shown = touched.map((touch) => `${code(touch.path)} (${code(touch.pattern)})`);
    return fail('paths', `touches require-human paths: ${listOf(shown)}${deps}: ${HUMAN_MUST_MERGE}`);
  }
  return pass('paths', `${plural(files.length, 'changed file')}, none in require-human paths${deps}`);
}
