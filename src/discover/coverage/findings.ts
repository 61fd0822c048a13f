/**
 * Ranks files by the risk their untested code carries and turns the riskiest into `[Tests]` candidates:
 * risk = uncovered lines × (1 + commits touching the file recently) × (1 + repository files importing it).
 * Code nobody changes and nobody imports can wait; code that changes every week and that half the repository
 * depends on cannot. The body names the functions to test with their line ranges. Pure.
 */
import type { Severity } from '../../core/labels.js';
import { escapedLine, inlineCode, oneLine } from '../../core/untrusted-markdown.js';
import type { Candidate } from '../candidate.js';
import { factTable } from '../log-miner/findings.js';
import { formatRanges, type UncoveredFunction } from './functions.js';
import { shortKey } from '../../core/digest.js';

export interface FileRisk {
  /** Repository-relative path. */
  path: string;
  executable: number;
  uncovered: number;
  functions: UncoveredFunction[];
  /** Commits that touched the file in the churn window. */
  churn: number;
  /** Repository files that import it. */
  importers: string[];
}

export interface CoverageEvidence {
  /** The command that produced the report and the tool it stands for. */
  command: string;
  tool: string;
  churnDays: number;
}

export function riskOf(file: Pick<FileRisk, 'uncovered' | 'churn' | 'importers'>): number {
  return file.uncovered * (1 + file.churn) * (1 + file.importers.length);
}

/** Highest risk first; ties by path so the order is stable. */
export function rankByRisk(files: readonly FileRisk[]): FileRisk[] {
  return files.filter((file) => file.uncovered > 0).sort((a, b) => riskOf(b) - riskOf(a) || a.path.localeCompare(b.path));
}

export function coverageFingerprint(path: string): string {
  return shortKey('coverage', path);
}

function severityOf(file: FileRisk): Severity {
  return file.importers.length >= 3 || file.churn >= 5 ? 'medium' : 'low';
}

function functionLine(fn: UncoveredFunction): string {
  const name = fn.name === null ? 'module top level' : inlineCode(fn.name, 80);
  return `- ${name}: ${formatRanges(fn.ranges)}${fn.neverCalled ? ' (never called by any test)' : ''}`;
}

export function coverageTitle(file: FileRisk): string {
  const named = file.functions.flatMap((fn) => (fn.name === null ? [] : [fn.name]));
  const shown = named.slice(0, 3).join(', ') + (named.length > 3 ? ` and ${named.length - 3} more` : '');
  const lines = `${file.uncovered} uncovered line${file.uncovered === 1 ? '' : 's'}`;
  return oneLine(shown ? `[Tests] Cover ${shown} in ${file.path} (${lines})` : `[Tests] Cover ${file.path} (${lines})`, 200);
}

export function coverageBody(file: FileRisk, evidence: CoverageEvidence): string {
  const covered = file.executable - file.uncovered;
  const percent = file.executable === 0 ? 0 : Math.round((covered / file.executable) * 100);
  const importers = file.importers.slice(0, 5).map((path) => inlineCode(path, 120));
  const rows: Array<[string, string]> = [
    ['Lines covered', `${covered} of ${file.executable} executable lines (${percent}%)`],
    ['Uncovered lines', String(file.uncovered)],
    [`Commits in the last ${evidence.churnDays} days`, String(file.churn)],
    [
      'Imported by',
      file.importers.length === 0
        ? 'no repository file'
        : `${file.importers.length} file${file.importers.length === 1 ? '' : 's'}: ${importers.join(', ')}${file.importers.length > 5 ? ', …' : ''}`,
    ],
    ['Risk', `${file.uncovered} × (1 + ${file.churn}) × (1 + ${file.importers.length}) = ${riskOf(file)}`],
  ];
  return [
    `${inlineCode(file.path, 160)} has code no test runs. Tests for these functions would catch a regression before it ships:`,
    '',
    ...file.functions.map(functionLine),
    '',
    factTable(rows),
    '',
    `Measured by running ${inlineCode(evidence.command, 200)} (${escapedLine(evidence.tool, 80)}) on the default branch, in the sandbox. Risk is uncovered lines × (1 + recent commits) × (1 + files that import it): the files most changed and most depended on come first.`,
    '',
  ].join('\n');
}

export function coverageCandidates(files: readonly FileRisk[], evidence: CoverageEvidence): Candidate[] {
  return rankByRisk(files).map((file) => ({
    analyst: 'coverage',
    fingerprint: coverageFingerprint(file.path),
    title: coverageTitle(file),
    severity: severityOf(file),
    category: 'tests',
    value: riskOf(file),
    body: coverageBody(file, evidence),
    file: file.path,
  }));
}
