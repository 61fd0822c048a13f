/**
 * Builds the dashboard page from the repository: read (listings, then the capped per-item comments), shape
 * (pure), redact every string with the secrets the run holds, render (pure). The entry and the CLI call this.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { GitHub } from '../core/github.js';
import type { BotIdentity } from '../core/identity.js';
import { stateLabels } from '../core/issue-state.js';
import type { LabelNames } from '../core/labels.js';
import { policySection, type Policy } from '../core/policy.js';
import type { RepoRef } from '../core/repo.js';
import type { PickRules } from '../implement/pick.js';
import { outbound } from '../core/outbound-gate.js';
import { createRedactor, redactDeep } from '../core/redact.js';
import { readListings } from '../triage/fetch.js';
import { buildSnapshot, type ListedIssue, type Snapshot } from '../triage/snapshot.js';
import { issuesToRead, nowView, type NowView } from './now.js';
import { renderPage } from './page.js';
import { DEFAULT_READ_LIMITS, readGateStates, readWorkStates, type ReadLimits } from './read.js';
import { weeklyTrends, type WeekRow } from './weeks.js';

export interface DashboardSettings {
  names: LabelNames;
  rules: PickRules;
  /** Weeks of trends drawn. */
  weeks: number;
  limits: ReadLimits;
}

export const DEFAULT_TREND_WEEKS = 12;

// Only the key the queue needs; implement validates its whole section itself.
const implementPickSchema = z.object({ 'candidate-labels': z.array(z.string()).optional() }).passthrough();

export interface DashboardContext {
  gh: GitHub;
  repo: RepoRef;
  bot: BotIdentity;
  serverUrl: string;
  now: Date;
  /** Values that must never appear on the page (the tokens and keys the run holds). */
  secrets: readonly string[];
  source: string;
}

export interface Dashboard {
  html: string;
  now: NowView;
  weeks: WeekRow[];
  /** API requests made. */
  reads: number;
  /** Items past a read cap, shown without their gate table or report. */
  unread: number;
}

/** What the page is built from: the triage snapshot and the open roadmap issues as listed. */
export interface DashboardState {
  snapshot: Snapshot;
  roadmapItems: readonly ListedIssue[];
  /** Requests already made to read them. */
  reads: number;
}

/** Reads the two listings the triage report reads, for a dashboard built on its own (the CLI). */
export async function readDashboardState(ctx: Pick<DashboardContext, 'gh' | 'repo' | 'bot'>, names: LabelNames): Promise<DashboardState> {
  const listings = await readListings(ctx.gh, ctx.repo, ctx.bot, names.roadmap);
  return { snapshot: buildSnapshot(listings.botItems, listings.roadmapItems, ctx.bot, names), roadmapItems: listings.roadmapItems, reads: listings.reads };
}

export async function buildDashboard(ctx: DashboardContext, settings: DashboardSettings, state?: DashboardState): Promise<Dashboard> {
  const { snapshot, roadmapItems, reads: listed } = state ?? (await readDashboardState(ctx, settings.names));
  const openPulls = snapshot.pulls.filter((pull) => pull.open).map((pull) => pull.number);
  const issues = issuesToRead(snapshot);
  const pullsToRead = openPulls.slice(0, settings.limits.maxPulls);
  const issuesRead = issues.slice(0, settings.limits.maxIssues);
  const pullGates = await readGateStates(ctx.gh, ctx.repo, ctx.bot, pullsToRead);
  const issueStates = await readWorkStates(ctx.gh, ctx.repo, ctx.bot, issuesRead);
  const reads = listed + pullsToRead.length + issuesRead.length;
  // The page is a write like any other: the run's gate redacts what it knows (held tokens, found secrets).
  const known = createRedactor(ctx.secrets);
  const redact = (text: string): string => outbound.redact(known(text));
  const now = redactDeep(nowView({ snapshot, roadmapItems, names: settings.names, rules: settings.rules, now: ctx.now, pullGates, issueStates }), redact);
  const weeks = weeklyTrends(snapshot, settings.names, ctx.now, settings.weeks);
  const repository = `${ctx.repo.owner}/${ctx.repo.repo}`;
  const html = renderPage({ repository, serverUrl: ctx.serverUrl, generatedAt: ctx.now, now, weeks, reads, source: ctx.source, labels: settings.names });
  return { html, now, weeks, reads, unread: openPulls.length - pullsToRead.length + issues.length - issuesRead.length };
}

/** The pick rules the queue is ordered by: implement's candidate labels from the policy, its exclusions. */
export function dashboardSettingsFrom(policy: Policy, names: LabelNames, botLogin: string, configPath: string): DashboardSettings {
  const section = policySection(policy, 'implement', implementPickSchema, configPath);
  return {
    names,
    rules: {
      candidateLabels: section['candidate-labels'] ?? [names.roadmap],
      excludedLabels: [names.needsApproval, ...stateLabels(names)],
      priorityLabels: { high: names.priorityHigh, medium: names.priorityMedium, low: names.priorityLow },
      botLogin,
    },
    weeks: DEFAULT_TREND_WEEKS,
    limits: DEFAULT_READ_LIMITS,
  };
}

/** Writes the page as `index.html` in `dir` (created when missing) and returns the file's path. */
export function writeDashboard(dir: string, html: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.html');
  writeFileSync(file, html);
  return file;
}
