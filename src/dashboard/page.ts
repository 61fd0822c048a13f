/**
 * The dashboard page: one self-contained HTML file. No script at all, a stylesheet allowed by its hash, and
 * a Content-Security-Policy that forbids every other load, so the page works from disk, offline, and nothing
 * an issue title holds can run or fetch even if it escaped the escaping. Pure.
 */
import { createHash } from 'node:crypto';
import { days } from '../triage/format.js';
import { escapeHtml, safeLink } from './escape.js';
import type { LabelNames } from '../core/labels.js';
import type { FailureItem, InFlightItem, NowView, PullItem, QueueItem, SuggestionGroup } from './now.js';
import { STYLESHEET } from './style.js';
import { renderChart } from './svg-chart.js';
import { trendCharts } from './trend-charts.js';
import type { WeekRow } from './weeks.js';

export interface PageInput {
  repository: string;
  /** e.g. https://github.com: every link must point there. */
  serverUrl: string;
  generatedAt: Date;
  now: NowView;
  weeks: readonly WeekRow[];
  /** Requests made to read the data, shown in the footer. */
  reads: number;
  /** A line about where the data came from (a repository, the demo). */
  source: string;
  labels: LabelNames;
}

export function contentSecurityPolicy(stylesheet: string): string {
  const hash = createHash('sha256').update(stylesheet, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'`;
}

interface Linker {
  (url: string | null | undefined, text: string): string;
}

function linker(serverUrl: string): Linker {
  return (url, text) => {
    const safe = safeLink(url, serverUrl);
    return safe ? `<a href="${escapeHtml(safe)}">${escapeHtml(text)}</a>` : escapeHtml(text);
  };
}

function table(caption: string, headers: readonly string[], rows: readonly string[][], empty: string): string {
  if (rows.length === 0) return `<p class="muted">${escapeHtml(empty)}</p>`;
  const head = headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table><caption class="muted">${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function hours(value: number): string {
  return value < 48 ? `${Math.round(value)} h` : days(Math.round(value / 24));
}

function queueTable(items: readonly QueueItem[], link: Linker): string {
  return table(
    'Approved issues in the order implement takes them',
    ['#', 'Issue', 'Priority', 'Waiting'],
    items.map((item, index) => [
      String(index + 1),
      link(item.url, `#${item.number} ${item.title}`),
      escapeHtml(item.priority),
      escapeHtml(days(item.waitingDays)),
    ]),
    'Nothing is queued: no approved issue waits for the agent.',
  );
}

function inFlightTable(items: readonly InFlightItem[], link: Linker): string {
  return table(
    'Issues the agent is working on, and the stage each is in',
    ['Issue', 'Stage', 'For', 'Run'],
    items.map((item) => [
      link(item.url, `#${item.number} ${item.title}`),
      escapeHtml(item.state),
      escapeHtml(hours(item.ageHours)),
      item.runUrl ? link(item.runUrl, 'run') : '—',
    ]),
    'No issue is in flight.',
  );
}

function gateList(pull: PullItem): string {
  if (pull.gates.length === 0) return '<span class="muted">not evaluated yet</span>';
  const mark = { pass: '✓', fail: '✗', wait: '…' } as const;
  return `<ul class="gates">${pull.gates
    .map(
      (gate) =>
        `<li class="${gate.status}"><span aria-hidden="true">${mark[gate.status]}</span> ${escapeHtml(gate.name)}: ${escapeHtml(gate.status)}${gate.status === 'pass' ? '' : ` — ${escapeHtml(gate.reason)}`}</li>`,
    )
    .join('')}</ul>`;
}

function pullsTable(items: readonly PullItem[], link: Linker): string {
  return table(
    'Open agent pull requests and what auto-merge last decided about each gate',
    ['Pull request', 'Open', 'Verdict', 'Why', 'Gates'],
    items.map((item) => [
      link(item.url, `#${item.number} ${item.title}`),
      escapeHtml(days(item.openDays)),
      escapeHtml(item.verdict),
      escapeHtml(item.reason),
      `${gateList(item)}${item.gatesUrl ? ` ${link(item.gatesUrl, 'gate table')}` : ''}`,
    ]),
    'No agent pull request is open.',
  );
}

function severityLabel(severity: SuggestionGroup['severity'], names: LabelNames): string {
  const label = { critical: names.severityCritical, high: names.severityHigh, medium: names.severityMedium, low: names.severityLow, unrated: '' }[severity];
  return label ? `label:"${label}"` : '';
}

function sourceLabel(source: string, names: LabelNames): string {
  return source === 'cto-review' ? names.sourceCtoReview : source === 'ciso-review' ? names.sourceCisoReview : `source:${source}`;
}

function suggestionsBlock(groups: readonly SuggestionGroup[], link: Linker, repoUrl: string, names: PageInput['labels']): string {
  if (groups.length === 0) return '<p class="muted">No suggestion waits for a decision.</p>';
  return groups
    .map((group) => {
      const rows = table(
        `Severity ${group.severity}, from ${group.source}: ${group.total}`,
        ['Suggestion', 'Waiting'],
        group.items.map((item) => [link(item.url, `#${item.number} ${item.title}`), escapeHtml(days(item.waitingDays))]),
        '',
      );
      if (group.total <= group.items.length) return rows;
      const query = [`is:open`, `label:"${names.needsApproval}"`, severityLabel(group.severity, names), `label:"${sourceLabel(group.source, names)}"`]
        .filter(Boolean)
        .join(' ');
      return `${rows}\n<p>${link(`${repoUrl}/issues?q=${encodeURIComponent(query)}`, `All ${group.total} on GitHub`)} (the ${group.items.length} waiting longest are shown).</p>`;
    })
    .join('\n');
}

function failuresTable(items: readonly FailureItem[], link: Linker): string {
  return table(
    'Issues implement could not finish, newest first',
    ['Issue', 'Category', 'Reason', 'What to do'],
    items.map((item) => [
      link(item.url, `#${item.number} ${item.title}`),
      escapeHtml(item.category),
      `${escapeHtml(item.reason)}${item.detailsUrl ? ` ${link(item.detailsUrl, 'report')}` : ''}`,
      escapeHtml(item.action),
    ]),
    'No failure needs a person.',
  );
}

function tiles(now: NowView): string {
  const waiting = now.suggestions.reduce((sum, group) => sum + group.total, 0);
  const tile = (count: number, label: string, href: string): string => `<li><a href="#${href}"><strong>${count}</strong>${escapeHtml(label)}</a></li>`;
  return `<ul class="tiles">${[
    tile(now.queue.length, 'queued', 'queue'),
    tile(now.inFlight.length, 'in flight', 'in-flight'),
    tile(now.pulls.length, 'agent PRs open', 'pulls'),
    tile(waiting, 'suggestions waiting', 'suggestions'),
    tile(now.failures.length, 'failures', 'failures'),
  ].join('')}</ul>`;
}

export function renderPage(input: PageInput): string {
  const link = linker(input.serverUrl);
  const repoUrl = `${input.serverUrl.replace(/\/$/, '')}/${input.repository}`;
  const stamp = input.generatedAt.toISOString().replace('T', ' ').slice(0, 16);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(STYLESHEET)}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(`${input.repository} — agentic-workflow dashboard`)}</title>`,
    `<style>${STYLESHEET}</style>`,
    '</head>',
    '<body>',
    '<a class="skip" href="#main">Skip to the dashboard</a>',
    '<header>',
    `<h1>${link(repoUrl, input.repository)} <span class="muted">agentic-workflow</span></h1>`,
    `<p class="muted">Generated ${escapeHtml(stamp)} UTC from ${escapeHtml(input.source)}.</p>`,
    '</header>',
    '<main id="main">',
    '<section aria-labelledby="now-heading">',
    '<h2 id="now-heading">Now</h2>',
    tiles(input.now),
    '<h3 id="queue">Roadmap queue</h3>',
    queueTable(input.now.queue, link),
    '<h3 id="in-flight">Work in flight</h3>',
    inFlightTable(input.now.inFlight, link),
    '<h3 id="pulls">Agent pull requests</h3>',
    pullsTable(input.now.pulls, link),
    '<h3 id="suggestions">Suggestions awaiting triage</h3>',
    suggestionsBlock(input.now.suggestions, link, repoUrl, input.labels),
    '<h3 id="failures">Last failures</h3>',
    failuresTable(input.now.failures, link),
    '</section>',
    '<section aria-labelledby="trends-heading">',
    '<h2 id="trends-heading">Trends, per week</h2>',
    '<div class="charts">',
    ...trendCharts(input.weeks).map(renderChart),
    '</div>',
    '</section>',
    '</main>',
    `<footer>Built by agentic-workflow from labels, bot markers and pull requests (${input.reads} API reads). Titles are shown as text; this page loads nothing from anywhere.</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
