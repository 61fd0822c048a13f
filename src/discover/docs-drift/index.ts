/**
 * The docs drift analyst: compares the public surface now with the surface when the docs last changed (git
 * history of the docs files against the code), files what was added and is not mentioned and what was removed
 * and is still described, and runs the docs' code blocks in the sandbox to find the ones that no longer work.
 * No model.
 */
import { openGitHistory } from '../../core/git.js';
import { readRepoFiles } from '../../implement/context/repo-files.js';
import { inAnalystSandbox, type AnalystContext } from '../analyst-context.js';
import type { AnalystReport, Candidate } from '../candidate.js';
import { snippetCandidate, staleCandidates, undocumentedCandidates, type DocsBaseline } from './findings.js';
import { extractSnippets, failed, isDocsFile, runSnippets, type Snippet } from './snippets.js';
import { mentioned, publicSurface, type SurfaceItem } from './surface.js';

/** At most this many code blocks run a night, in docs order. */
const MAX_SNIPPETS = 30;

const key = (item: SurfaceItem) => `${item.kind}\u0000${item.name}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

async function surfaceDrift(
  context: AnalystContext,
  files: Map<string, string>,
  docsFiles: string[],
  notes: string[],
): Promise<{ added: SurfaceItem[]; removed: SurfaceItem[]; baseline: DocsBaseline }> {
  const now = publicSurface(files);
  const history = await openGitHistory(context.workspace);
  const commit = history ? await history.lastCommitTouching(docsFiles) : null;
  if (!history || !commit) {
    notes.push(`${history ? 'The docs have no commit in the history' : 'The checkout has no git history'}: every public name counts as new.`);
    return { added: now, removed: [], baseline: { docsFiles } };
  }
  // The surface when the docs last changed: today's files with those changed since put back as they were.
  const then = new Map(files);
  for (const path of await history.changedSince(commit.sha)) {
    const old = await history.fileAt(commit.sha, path);
    if (old === null) then.delete(path);
    else then.set(path, old);
  }
  const before = publicSurface(then);
  const beforeKeys = new Set(before.map(key));
  const nowKeys = new Set(now.map(key));
  notes.push(
    `The docs last changed in ${commit.sha.slice(0, 12)} (${commit.date.slice(0, 10)}); public surface then ${before.length} names, now ${now.length}.`,
  );
  return {
    added: now.filter((item) => !beforeKeys.has(key(item))),
    removed: before.filter((item) => !nowKeys.has(key(item))),
    baseline: { commit, docsFiles },
  };
}

async function brokenSnippets(context: AnalystContext, snippets: Snippet[], notes: string[]): Promise<{ candidates: Candidate[]; complete: boolean }> {
  if (snippets.length === 0) return { candidates: [], complete: true };
  const outcome = await inAnalystSandbox(context, 'Code blocks were', async (sandbox) => {
    const chosen = snippets.slice(0, MAX_SNIPPETS);
    const runs = await runSnippets(sandbox, chosen, context.settings.snippetTimeoutMs);
    const broken = runs.filter(failed);
    notes.push(
      `Ran ${plural(chosen.length, 'code block')} from the docs ${sandbox.isolation.isolated ? 'in the sandbox' : 'without isolation'}: ${broken.length} failed${broken.length > 0 ? ` (${broken.map((run) => `${run.snippet.file}:${run.snippet.line}`).join(', ')})` : ''}.`,
    );
    if (snippets.length > chosen.length)
      notes.push(`${snippets.length - chosen.length} more code blocks were not run tonight (at most ${MAX_SNIPPETS} a night).`);
    return broken.map(snippetCandidate);
  });
  if (!outcome.ran) {
    notes.push(outcome.note);
    return { candidates: [], complete: false };
  }
  return { candidates: outcome.value, complete: true };
}

export async function runDocsDrift(context: AnalystContext): Promise<AnalystReport> {
  const files = new Map((await readRepoFiles(context.workspace)).map((file) => [file.path, file.content]));
  const docsFiles = [...files.keys()].filter(isDocsFile).sort();
  const notes: string[] = [];
  if (docsFiles.length === 0) {
    notes.push('No README or docs/ Markdown in the repository: nothing to compare the code with.');
    return { analyst: 'docs', candidates: [], notes, status: 'complete', requests: 0 };
  }
  const docsText = docsFiles.map((path) => files.get(path) ?? '').join('\n');
  const { added, removed, baseline } = await surfaceDrift(context, files, docsFiles, notes);
  const undocumented = added.filter((item) => !mentioned(docsText, item));
  const stale = removed.filter((item) => mentioned(docsText, item));
  notes.push(
    `Searched ${plural(docsFiles.length, 'docs file')}: ${plural(added.length, 'new public name')}, ${undocumented.length} not mentioned; ${plural(removed.length, 'removed name')}, ${stale.length} still described.`,
  );
  const snippets = docsFiles.flatMap((path) => extractSnippets(path, files.get(path) ?? ''));
  const examples = await brokenSnippets(context, snippets, notes);
  if (snippets.length === 0) notes.push('No runnable code blocks (sh, js, python) in the docs.');
  const candidates = [...undocumentedCandidates(undocumented, baseline), ...staleCandidates(stale, baseline), ...examples.candidates];
  if (candidates.length === 0) notes.push('The docs match the public surface and every code block runs: nothing to suggest.');
  return { analyst: 'docs', candidates, notes, status: examples.complete ? 'complete' : 'incomplete', requests: 0 };
}
