/**
 * The places a bug fix's pull request links: the trace's in-repository frames and the changed files, each as
 * a permalink at the base commit, and only when the file (and line) exists there, so no link points nowhere.
 */
import type { BugFixReport } from '../bundle/bundle-schema.js';
import { fixFiles, type BasePlace } from '../render-bug.js';

export interface PlaceLinks {
  /** The repository's web address (`https://github.com/acme/widgets`). */
  repoUrl: string;
  baseSha: string;
  readBase: (path: string) => Promise<string | null>;
}

function permalink(links: PlaceLinks, path: string, line?: number): string {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return `${links.repoUrl}/blob/${links.baseSha}/${encoded}${line ? `#L${line}` : ''}`;
}

export async function bugPlaces(
  links: PlaceLinks,
  bug: BugFixReport,
  files: ReadonlyArray<{ path: string; action: string }>,
): Promise<{ frames: BasePlace[]; changed: BasePlace[] }> {
  const lineCounts = new Map<string, number | null>();
  const linesAt = async (path: string): Promise<number | null> => {
    if (!lineCounts.has(path)) {
      const content = await links.readBase(path);
      lineCounts.set(path, content === null ? null : content.split('\n').length);
    }
    return lineCounts.get(path) ?? null;
  };
  const frames: BasePlace[] = [];
  for (const frame of bug.frames) {
    const lines = await linesAt(frame.path);
    const line = lines !== null && frame.line >= 1 && frame.line <= lines ? frame.line : undefined;
    frames.push({
      path: frame.path,
      line: frame.line,
      ...(frame.fn ? { fn: frame.fn } : {}),
      ...(lines !== null ? { url: permalink(links, frame.path, line) } : {}),
    });
  }
  const changed: BasePlace[] = [];
  for (const file of fixFiles(files)) {
    const existed = file.action !== 'create' && (await linesAt(file.path)) !== null;
    changed.push({ path: file.path, ...(existed ? { url: permalink(links, file.path) } : file.action === 'create' ? { isNew: true } : {}) });
  }
  return { frames, changed };
}
