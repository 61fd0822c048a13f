/**
 * The coverage analyst: runs the repository's coverage command in the sandbox (as repository code: another
 * user, a copy of the checkout, no secrets, a time limit), reads the report it writes back out of the sandbox,
 * ranks files by risk (uncovered lines × recent churn × fan-in) and files the riskiest as `[Tests]` candidates
 * naming the uncovered functions. No model. No coverage tool is a note, not a failure; a report that cannot be
 * read is a clear note and nothing is filed.
 */
import { openGitHistory } from '../../core/git.js';
import type { Sandbox } from '../../core/sandbox/index.js';
import { buildImportGraph } from '../../implement/context/import-graph.js';
import { readRepoFiles } from '../../implement/context/repo-files.js';
import { outlineFile } from '../../implement/context/symbols.js';
import { inAnalystSandbox, type AnalystContext } from '../analyst-context.js';
import type { AnalystReport } from '../candidate.js';
import { detectCoverageCommand, type CoverageCommand, type ReportFormat } from './detect.js';
import { coverageCandidates, rankByRisk, riskOf, type FileRisk } from './findings.js';
import { functionsFromSource, uncoveredFunctions } from './functions.js';
import { indexRepoFiles, isProductFile } from './locate.js';
import { parseCobertura, parseGoProfile, parseLcov, type ParsedReport } from './reports.js';

/** Recent churn is counted over this many days of history. */
export const CHURN_DAYS = 90;
/** At most this many files become candidates a night (the nightly cap then picks the riskiest). */
const MAX_CANDIDATES = 20;

const PARSERS: Record<ReportFormat, (text: string) => ParsedReport> = { lcov: parseLcov, cobertura: parseCobertura, go: parseGoProfile };

function report(notes: string[], status: AnalystReport['status'], candidates: AnalystReport['candidates'] = []): AnalystReport {
  return { analyst: 'coverage', candidates, notes, status, requests: 0 };
}

function tail(output: string, lines = 15): string {
  return output.trimEnd().split('\n').slice(-lines).join(' ⏎ ');
}

async function measure(sandbox: Sandbox, found: CoverageCommand, timeoutMs: number, notes: string[]): Promise<string | null> {
  const run = await sandbox.run(found.command, { timeoutMs, label: 'coverage command' });
  const seconds = (run.durationMs / 1000).toFixed(1);
  if (run.timedOut) {
    notes.push(`\`${found.command}\` did not finish within ${Math.round(timeoutMs / 60_000)} min and was stopped: no coverage tonight.`);
    return null;
  }
  const text = (await sandbox.readFile(found.report))?.toString('utf8') ?? null;
  if (text === null) {
    notes.push(`\`${found.command}\` (${found.tool}) exited with ${run.exitCode} after ${seconds} s without writing ${found.report}: ${tail(run.output)}`);
    return null;
  }
  notes.push(
    `Ran \`${found.command}\` (${found.tool}) ${sandbox.isolation.isolated ? 'in the sandbox' : 'without isolation'}: exit ${run.exitCode} after ${seconds} s${run.exitCode === 0 ? '' : ' (some tests failed; the report covers the tests that ran)'}.`,
  );
  return text;
}

export async function runCoverageAnalyst(context: AnalystContext): Promise<AnalystReport> {
  const { settings, workspace } = context;
  const files = await readRepoFiles(workspace);
  const byPath = new Map(files.map((file) => [file.path, file.content]));
  const configured = { ...(settings.coverageCommand ? { command: settings.coverageCommand } : {}), ...(settings.coverageReport ? { report: settings.coverageReport } : {}) };
  const detection = detectCoverageCommand((path) => byPath.get(path), configured);
  const found = detection.found;
  if (!found) {
    return report(
      [
        `No coverage command found, so coverage was not measured. Tried: ${detection.tried.join('; ')}.`,
        'To measure it, set `coverage-command` (and `coverage-report` when it writes elsewhere than coverage/lcov.info) under `discover:` in .github/agentic.yml or as inputs, or add c8, nyc, jest or vitest coverage, pytest-cov or coverage.py to the repository.',
      ],
      'complete',
    );
  }
  const notes: string[] = [];
  const measured = await inAnalystSandbox(context, `\`${found.command}\` was`, (sandbox) => measure(sandbox, found, settings.coverageTimeoutMs, notes));
  if (!measured.ran) return report([measured.note], 'incomplete');
  const text = measured.value;
  if (text === null) return report(notes, 'incomplete');
  const parsed = PARSERS[found.format](text);
  if (!parsed.ok) {
    notes.push(`${found.report} is not a readable ${found.format} report (${parsed.error}); nothing was filed from it.`);
    return report(notes, 'incomplete');
  }

  const index = indexRepoFiles(files.map((file) => file.path));
  const history = await openGitHistory(workspace);
  const churn = history ? await history.commitsPerFile(new Date(context.now.getTime() - CHURN_DAYS * 86_400_000)) : new Map<string, number>();
  if (!history) notes.push('The checkout has no git history: churn counts as 0 for every file.');
  const graph = buildImportGraph(files.map((file) => ({ path: file.path, ...outlineFile(file.path, file.content) })));

  const risks: FileRisk[] = [];
  const unmatched: string[] = [];
  let executable = 0;
  let covered = 0;
  for (const entry of parsed.files) {
    const path = index.locate(entry.path, parsed.roots);
    if (!path) {
      unmatched.push(entry.path);
      continue;
    }
    if (!isProductFile(path)) continue;
    const uncovered = [...entry.lines.values()].filter((hits) => hits === 0).length;
    executable += entry.lines.size;
    covered += entry.lines.size - uncovered;
    const functions = entry.functions.length > 0 ? entry.functions : functionsFromSource(path, byPath.get(path) ?? '');
    risks.push({
      path,
      executable: entry.lines.size,
      uncovered,
      functions: uncoveredFunctions(entry.lines, functions),
      churn: churn.get(path) ?? 0,
      // Fan-in counts the product code that depends on the file; its tests importing it say nothing of that.
      importers: [...(graph.importedBy.get(path) ?? [])].filter(isProductFile).sort(),
    });
  }
  const percent = executable === 0 ? 0 : Math.round((covered / executable) * 1000) / 10;
  notes.push(`Read ${found.report} (${found.format}): ${risks.length} source file${risks.length === 1 ? '' : 's'}, ${covered} of ${executable} lines covered (${percent}%).`);
  if (unmatched.length > 0)
    notes.push(`${unmatched.length} report path${unmatched.length === 1 ? '' : 's'} not in the repository, skipped: ${unmatched.slice(0, 3).join(', ')}${unmatched.length > 3 ? ', …' : ''}.`);
  const ranked = rankByRisk(risks).slice(0, MAX_CANDIDATES);
  if (ranked.length === 0) notes.push('Every executable line of the source files is covered: nothing to suggest.');
  else
    notes.push(
      `Riskiest (uncovered lines × (1 + commits in ${CHURN_DAYS} days) × (1 + importing files)): ${ranked
        .slice(0, 5)
        .map((file) => `${file.path} ${riskOf(file)}`)
        .join(', ')}.`,
    );
  return report(notes, 'complete', coverageCandidates(ranked, { command: found.command, tool: found.tool, churnDays: CHURN_DAYS }));
}
