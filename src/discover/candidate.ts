/**
 * The one contract every analyst keeps: it reads facts (CI logs, a coverage report, an audit) and turns them
 * into candidate findings with a pure function. The suggestion pipeline does the rest: de-duplication against
 * every suggestion the bot filed before (by fingerprint, whoever filed it), the nightly cap, labels and filing.
 */
import type { Severity } from '../core/labels.js';

export const ANALYSTS = ['log-miner', 'coverage', 'dependencies', 'docs'] as const;
export type AnalystName = (typeof ANALYSTS)[number];
/** Who found a candidate: an analyst, or the janitor (a major version it leaves for a person). */
export type CandidateSource = AnalystName | 'janitor';

export interface Candidate {
  analyst: CandidateSource;
  /** Stable identity across nights: the same problem found again has the same fingerprint. */
  fingerprint: string;
  /** Issue title, e.g. `[Bug] TypeError: Cannot read properties of undefined in src/cart.ts`. Plain text. */
  title: string;
  severity: Severity;
  /** What kind of finding it is (`bug`, `flaky-test`, `vulnerable`, `deprecated`…); kept in the marker as its category. */
  category: string;
  /** Orders candidates when the nightly cap is reached: higher first. */
  value: number;
  /** Markdown evidence a person can decide on in a minute; built from untrusted text with the safe helpers. */
  body: string;
  /** The file the finding is about, when there is one. */
  file?: string;
  /** The workflow runs it was seen in (log miner): a deferred candidate holds the resume cursor before them. */
  runIds?: number[];
}

/** What one analyst run produced: candidates, plus lines for the job summary (what it read, what it skipped and why). */
export interface AnalystReport {
  analyst: AnalystName;
  candidates: Candidate[];
  notes: string[];
  /** `incomplete` when it could not read all it should have (a budget, an expired log, no coverage tool): the run ends neutral. */
  status: 'complete' | 'incomplete';
  /** GitHub API requests the analyst made. */
  requests: number;
  /** Log miner: the runs read in full tonight, oldest first, and whether a budget or rate limit cut the night short. */
  mined?: {
    runIds: number[];
    interrupted: boolean;
    /** Sentry's listing: a page cursor to resume from, null to start over, absent to keep the last night's. */
    sentryCursor?: string | null;
  };
}
