/**
 * The paths gate: a pull request that touches `require-human-paths` (CI, build and test configuration, action
 * definitions, the policy file, and manifests and lockfiles once a review reports new dependencies), or that
 * changes what runs from inside package.json or a lockfile, needs a human to merge it.
 */
import { protectingGlob } from '../core/protected-paths.js';
import { code, listOf, plural } from './display.js';
import type { FileFacts, MergeFacts } from './facts.js';
import { fail, HUMAN_MUST_MERGE, pass, type Gate, type GateSettings } from './gate.js';
import { runChanges, runFileKind } from './run-changes.js';

interface Touch {
  path: string;
  pattern: string;
}

/** What each changed package.json or lockfile alters in what runs; a file whose versions were not read cannot pass. */
function contentTouches(files: readonly FileFacts[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const watched = runFileKind(file.filename) ?? (file.previousFilename === null ? null : runFileKind(file.previousFilename));
    if (watched === null) continue;
    const reasons = file.versions
      ? runChanges(file.previousFilename ?? file.filename, file.versions.before, file.versions.after)
      : ['its content could not be compared'];
    if (reasons.length > 0) found.push(`${code(file.filename)} (${reasons.join('; ')})`);
  }
  return found;
}

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
      const pattern = protectingGlob(path, patterns);
      if (pattern) touched.push({ path, pattern });
    }
  }
  const deps = newDependencies.length > 0 ? `; new dependencies reported: ${listOf(newDependencies.map((dep) => code(dep)))}` : '';
  if (touched.length > 0) {
    const shown = touched.map((touch) => `${code(touch.path)} (${code(touch.pattern)})`);
    return fail('paths', `touches require-human paths: ${listOf(shown)}${deps}: ${HUMAN_MUST_MERGE}`);
  }
  const runs = contentTouches(files);
  if (runs.length > 0) return fail('paths', `changes what runs: ${listOf(runs)}${deps}: ${HUMAN_MUST_MERGE}`);
  return pass('paths', `${plural(files.length, 'changed file')}, none in require-human paths${deps}`);
}
