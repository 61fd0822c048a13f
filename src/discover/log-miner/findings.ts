/**
 * Clusters become `[Bug]` and `[Flaky test]` candidates with the evidence to decide on them: the stack
 * trace, how often and since when, on which commits, and links to the runs. Pure.
 */
import type { Severity } from '../../core/labels.js';
import { codeBlock, escapedLine, inlineCode, oneLine } from '../../core/untrusted-markdown.js';
import type { Candidate } from '../candidate.js';
import type { Cluster } from './cluster.js';
import { shortKey } from '../../core/digest.js';

const MAX_LINKS = 10;

export function logMinerFingerprint(cluster: Pick<Cluster, 'key'>): string {
  return shortKey('log-miner', cluster.key);
}

function severityOf(cluster: Cluster): Severity {
  const count = cluster.count;
  if (cluster.flaky) return count >= 10 ? 'medium' : 'low';
  if (count >= 10 || cluster.commits.length >= 5) return 'high';
  return count >= 2 ? 'medium' : 'low';
}

function where(cluster: Cluster): string {
  const top = cluster.frames[0];
  return top ? ` in ${top.file}` : cluster.tests[0] ? ` in ${cluster.tests[0]}` : '';
}

export function clusterTitle(cluster: Cluster): string {
  const latest = cluster.occurrences[cluster.occurrences.length - 1];
  const message = oneLine(latest?.event.message ?? cluster.message, 90);
  const head = cluster.flaky ? `[Flaky test] ${cluster.tests[0] ? `${oneLine(cluster.tests[0], 80)}: ` : ''}` : '[Bug] ';
  return oneLine(`${head}${cluster.type}${message ? `: ${message}` : ''}${cluster.flaky ? '' : where(cluster)}`, 200);
}

/** A two-column table of cells that are already safe Markdown; only unescaped pipes still need escaping. */
export function factTable(rows: ReadonlyArray<readonly [string, string]>): string {
  const cell = (text: string) => text.replace(/(?<!\\)\|/g, '\\|');
  return ['| | |', '| --- | --- |', ...rows.map(([key, value]) => `| ${cell(key)} | ${cell(value)} |`)].join('\n');
}

function day(iso: string): string {
  return iso === '' ? 'unknown' : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

export function clusterBody(cluster: Cluster): string {
  const latest = cluster.occurrences[cluster.occurrences.length - 1];
  const count = cluster.count;
  const times = `${count} time${count === 1 ? '' : 's'}`;
  const tracked = cluster.occurrences.filter((o) => o.origin === 'sentry').length;
  const lines: string[] = [];
  lines.push(
    cluster.flaky
      ? `A test failed and passed on the same commit: the failure does not follow from the code. Seen ${times}.`
      : tracked === cluster.occurrences.length
        ? `An unresolved error reported to Sentry: seen ${times}.`
        : tracked > 0
          ? `An error seen both in CI on the default branch and in Sentry: ${times} in all.`
          : `An error that recurs in CI on the default branch: seen ${times} on ${cluster.commits.length || 'an unknown number of'} commit${cluster.commits.length === 1 ? '' : 's'}.`,
    '',
  );
  const rows: Array<[string, string]> = [
    ['Error', escapedLine(`${cluster.type}: ${latest?.event.message ?? cluster.message}`, 300)],
    ['Occurrences', String(count)],
    ['First seen', day(cluster.firstSeen)],
    ['Last seen', day(cluster.lastSeen)],
  ];
  if (cluster.tests.length > 0)
    rows.push([
      'Test',
      cluster.tests
        .slice(0, 3)
        .map((test) => inlineCode(test, 120))
        .join(', '),
    ]);
  const jobs = [...new Set(cluster.occurrences.flatMap((o) => (o.job ? [o.job] : [])))];
  if (jobs.length > 0)
    rows.push([
      'Jobs',
      jobs
        .slice(0, 5)
        .map((job) => inlineCode(job))
        .join(', '),
    ]);
  if (cluster.frames.length > 0)
    rows.push(['Top frames', cluster.frames.map((frame) => inlineCode(`${frame.file}:${frame.line}${frame.fn ? ` (${frame.fn})` : ''}`, 120)).join('<br>')]);
  if (cluster.flaky)
    rows.push([
      'Passed on',
      cluster.passedOn
        .slice(0, 5)
        .map((sha) => inlineCode(sha.slice(0, 7)))
        .join(', '),
    ]);
  lines.push(factTable(rows), '');
  if (latest) lines.push('**Stack trace** (latest occurrence)', '', codeBlock(latest.event.trace), '');
  const links = cluster.occurrences
    .slice()
    .reverse()
    .flatMap((o) => (o.link ? [`- ${day(o.at)}: ${o.link}${o.headSha ? ` on ${inlineCode(o.headSha.slice(0, 7))}` : ''}`] : []));
  if (links.length > 0) {
    lines.push(
      `**${tracked === cluster.occurrences.length ? 'Sentry issues' : tracked > 0 ? 'Runs and Sentry issues' : 'Runs'}** (latest ${Math.min(MAX_LINKS, links.length)} of ${links.length})`,
      '',
      ...links.slice(0, MAX_LINKS),
      '',
    );
  }
  lines.push(
    cluster.flaky
      ? 'To decide: a flaky test hides real failures and teaches people to rerun. `/approve` to have it made deterministic, `/reject <reason>` if the flakiness is accepted.'
      : 'To decide: `/approve` to have it fixed (the stack trace above goes to the agent), `/reject <reason>` if it is expected.',
  );
  return lines.join('\n');
}

export function clusterCandidate(cluster: Cluster): Candidate {
  const top = cluster.frames[0];
  return {
    analyst: 'log-miner',
    fingerprint: logMinerFingerprint(cluster),
    title: clusterTitle(cluster),
    severity: severityOf(cluster),
    category: cluster.flaky ? 'flaky-test' : 'bug',
    // Recurring real failures first; a flaky test is worth half an occurrence each.
    value: cluster.count * (cluster.flaky ? 0.5 : 1) + cluster.commits.length,
    body: clusterBody(cluster),
    ...(top ? { file: top.file } : {}),
    runIds: [...new Set(cluster.occurrences.flatMap((o) => (o.runId === undefined ? [] : [o.runId])))],
  };
}
