/**
 * Where the demo may write. It never empties or deletes a folder: it writes into a folder it creates, an
 * empty one, or one an earlier demo wrote (recognised by its marker file), and refuses anything else, so
 * `agentic demo --output .` in a project cannot touch the project's files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEMO_MARKER = '.agentic-demo';
const MARKER_TEXT = 'This folder holds the output of `agentic demo`; a later demo may replace the files it wrote here.\n';

export class OutputFolderRefused extends Error {
  override readonly name = 'OutputFolderRefused';
}

export type OutputFolderState =
  { kind: 'missing' } | { kind: 'empty' } | { kind: 'earlier-demo' } | { kind: 'foreign'; entries: string[] } | { kind: 'not-a-folder' };

/** What is at `dir` now, as far as the demo is concerned. */
export function inspectOutputFolder(dir: string): OutputFolderState {
  if (!existsSync(dir)) return { kind: 'missing' };
  if (!statSync(dir).isDirectory()) return { kind: 'not-a-folder' };
  const entries = readdirSync(dir);
  if (entries.length === 0) return { kind: 'empty' };
  const marker = join(dir, DEMO_MARKER);
  if (entries.includes(DEMO_MARKER) && statSync(marker).isFile() && readFileSync(marker, 'utf8') === MARKER_TEXT) return { kind: 'earlier-demo' };
  return { kind: 'foreign', entries };
}

/** Makes `dir` ready for the demo's files, or throws OutputFolderRefused having changed nothing. */
export function claimOutputFolder(dir: string): OutputFolderState {
  const state = inspectOutputFolder(dir);
  if (state.kind === 'not-a-folder') throw new OutputFolderRefused(`--output ${dir} is a file, not a folder; choose a new or empty folder`);
  if (state.kind === 'foreign') {
    const shown = state.entries.slice(0, 3).join(', ') + (state.entries.length > 3 ? `, … (${state.entries.length} entries)` : '');
    throw new OutputFolderRefused(
      `--output ${dir} is not empty (${shown}) and was not written by an earlier demo; nothing was changed. Choose a new or empty folder.`,
    );
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, DEMO_MARKER), MARKER_TEXT);
  return state;
}
