/**
 * Groups error occurrences by signature: error type + normalised message + the top repository frames
 * (file and function, no line numbers: the same bug after an unrelated edit above it is the same bug).
 * A cluster is flaky when a job it failed also passed on the same commit. Pure.
 */
import type { ErrorEvent, Frame } from './extract.js';
import { normaliseMessage } from './normalise.js';
import { shortKey } from '../../core/digest.js';

export interface Occurrence {
  event: ErrorEvent;
  /** When it happened (ISO 8601). */
  at: string;
  /** Where to see it: a run's job page, or the log file and line. */
  link?: string;
  runId?: number;
  job?: string;
  /** The workflow file of the run, e.g. `.github/workflows/ci.yml`. */
  workflow?: string;
  headSha?: string;
  /** An error tracker's grouped issue stands for many events: when its first one happened, and how many. */
  firstAt?: string;
  times?: number;
  /** Where it was seen: CI output (the default), a log file, or Sentry. */
  origin?: 'sentry';
}

export interface Cluster {
  key: string;
  type: string;
  message: string;
  frames: Frame[];
  /** Every occurrence, oldest first. */
  occurrences: Occurrence[];
  /** How many times it happened: one per CI or log occurrence, an error tracker's own count for its issues. */
  count: number;
  firstSeen: string;
  lastSeen: string;
  commits: string[];
  tests: string[];
  flaky: boolean;
  /** Commits on which a failing job also passed (the evidence for flaky). */
  passedOn: string[];
}

const TOP_FRAMES = 3;

export function topFrames(event: ErrorEvent): Frame[] {
  const own = event.frames.filter((frame) => frame.inRepo);
  return own.slice(0, TOP_FRAMES);
}

export function signatureKey(event: ErrorEvent): string {
  const frames = topFrames(event).map((frame) => `${frame.file}#${frame.fn ?? ''}`);
  // A failing test with no repository frame is identified by the test itself.
  const anchor = frames.length > 0 ? frames : event.test ? [`test:${event.test}`] : [];
  return shortKey(event.type, normaliseMessage(event.message), ...anchor);
}

/** Keys of the jobs that passed: commit + workflow + job name, or `*` for every job of a run that passed. */
export type Passes = ReadonlySet<string>;

export const WHOLE_RUN = '*';

export function passKey(headSha: string, workflow: string, job: string): string {
  return [headSha, workflow, job].join('\u0000');
}

function passedOnSameCommit(occurrence: Occurrence, passes: Passes): boolean {
  const { headSha, workflow = '', job } = occurrence;
  if (!headSha) return false;
  return (job !== undefined && passes.has(passKey(headSha, workflow, job))) || passes.has(passKey(headSha, workflow, WHOLE_RUN));
}

export function clusterOccurrences(occurrences: readonly Occurrence[], passes: Passes = new Set()): Cluster[] {
  const byKey = new Map<string, Occurrence[]>();
  for (const occurrence of occurrences) {
    const key = signatureKey(occurrence.event);
    const list = byKey.get(key) ?? [];
    list.push(occurrence);
    byKey.set(key, list);
  }
  const clusters: Cluster[] = [];
  for (const [key, list] of byKey) {
    const sorted = [...list].sort((a, b) => a.at.localeCompare(b.at));
    const latest = sorted[sorted.length - 1] as Occurrence;
    const passedOn = [...new Set(sorted.filter((o) => passedOnSameCommit(o, passes)).map((o) => o.headSha as string))];
    clusters.push({
      key,
      type: latest.event.type,
      message: normaliseMessage(latest.event.message),
      frames: topFrames(latest.event),
      occurrences: sorted,
      count: sorted.reduce((sum, o) => sum + (o.times ?? 1), 0),
      firstSeen: sorted.map((o) => o.firstAt ?? o.at).reduce((a, b) => (b !== '' && (a === '' || b < a) ? b : a)),
      lastSeen: latest.at,
      commits: [...new Set(sorted.flatMap((o) => (o.headSha ? [o.headSha] : [])))],
      tests: [...new Set(sorted.flatMap((o) => (o.event.test ? [o.event.test] : [])))],
      flaky: passedOn.length > 0,
      passedOn,
    });
  }
  return clusters.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
