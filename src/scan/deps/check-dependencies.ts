/**
 * The check against hallucinated packages and the supply-chain checks: every new or changed dependency must exist in
 * its registry, be older than the minimum age, not imitate a popular name, and come from the registry. The
 * judgement is pure (`judgeDependency`); `checkDependencies` only adds the registry lookups.
 */
import type { ScanFinding, ScanRule, ScanSeverity } from '../finding.js';
import type { DependencyDiff } from './changes.js';
import { DEPENDENCY_RULES } from './dependency-rules.js';
import { dependencyLabel, type DependencyChange, type Ecosystem } from './dependency.js';
import type { Registries, RegistryAnswer } from './registry.js';
import { findTyposquatTarget } from './typosquat.js';

export interface DependencyPolicy {
  /** Default 7 days: most malicious releases are found and pulled within a week. */
  minPackageAgeDays: number;
  /** Weekly downloads below which a package is reported as rarely used (npm only reports downloads); 0 turns it off. */
  minWeeklyDownloads: number;
  /** Names the typosquat, age and downloads checks accept (a repository's own packages). Existence is always checked. */
  trustedPackages: readonly string[];
}

export const DEFAULT_DEPENDENCY_POLICY: DependencyPolicy = { minPackageAgeDays: 7, minWeeklyDownloads: 50, trustedPackages: [] };

// A package this popular is established whatever its name resembles.
const ESTABLISHED_WEEKLY_DOWNLOADS = 50_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const COPYLEFT = /\b(?:AGPL|GPL|SSPL)(?:-?\d|v\d|\b)/i;

function finding(
  rule: ScanRule,
  change: Pick<DependencyChange, 'path' | 'line'>,
  title: string,
  detail: string,
  snippet: string,
  severity: ScanSeverity = rule.severity,
): ScanFinding {
  return {
    ruleId: rule.id,
    kind: 'dependency',
    severity,
    category: rule.category,
    title,
    body: `${detail}\n\n${rule.help}`,
    path: change.path,
    line: change.line,
    snippet,
  };
}

function ageDays(iso: string | undefined, now: number): number | undefined {
  const time = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(time) ? Math.max(0, (now - time) / DAY_MS) : undefined;
}

function days(value: number): string {
  const whole = Math.floor(value);
  return whole === 0 ? 'less than a day' : `${whole} day${whole === 1 ? '' : 's'}`;
}

const REGISTRY_NAMES: Record<Ecosystem, string> = { npm: 'npm', pypi: 'PyPI', go: 'the Go module proxy' };

/** Findings that need no registry: typosquat distance and where the dependency is installed from. */
export function judgeStatically(change: DependencyChange, policy: DependencyPolicy = DEFAULT_DEPENDENCY_POLICY): ScanFinding[] {
  const label = dependencyLabel(change);
  if (change.source === 'git' || change.source === 'url') {
    return [
      finding(
        DEPENDENCY_RULES.nonRegistrySource,
        change,
        `\`${change.name}\` is installed from ${change.source === 'git' ? 'a git repository' : 'a URL'} (${change.path})`,
        `\`${change.name}\` resolves to \`${change.spec}\`, outside ${REGISTRY_NAMES[change.ecosystem]}.`,
        label,
      ),
    ];
  }
  if (change.source !== 'registry' || policy.trustedPackages.includes(change.name)) return [];
  const target = findTyposquatTarget(change.ecosystem, change.name, policy.trustedPackages);
  if (!target) return [];
  return [
    finding(
      DEPENDENCY_RULES.typosquat,
      change,
      `\`${change.name}\` looks like a typosquat of \`${target.popular}\``,
      `\`${change.name}\` is ${target.distance} edit${target.distance === 1 ? '' : 's'} away from the popular ${change.ecosystem} package \`${target.popular}\`, and is not it.`,
      label,
    ),
  ];
}

/** Findings from what the registry said. Pure: `now` is passed in. */
export function judgeRegistryAnswer(
  change: DependencyChange,
  answer: RegistryAnswer,
  now: number,
  policy: DependencyPolicy = DEFAULT_DEPENDENCY_POLICY,
): ScanFinding[] {
  const label = dependencyLabel(change);
  const where = REGISTRY_NAMES[change.ecosystem];
  if (answer.status === 'not-found') {
    const meant = findTyposquatTarget(change.ecosystem, change.name, policy.trustedPackages);
    const hint = meant ? ` Did you mean \`${meant.popular}\`?` : '';
    return [
      finding(
        DEPENDENCY_RULES.notFound,
        change,
        `\`${change.name}\` does not exist on ${where}`,
        `\`${change.name}\` (added in ${change.path}) is not published on ${where}.${hint}`,
        label,
      ),
    ];
  }
  if (answer.status === 'version-not-found') {
    return [
      finding(
        DEPENDENCY_RULES.versionNotFound,
        change,
        `\`${change.name}@${answer.facts.version ?? change.spec}\` does not exist on ${where}`,
        `${where} has \`${change.name}\` but not version ${answer.facts.version ?? change.spec}.`,
        label,
      ),
    ];
  }
  if (answer.status === 'unreachable') return [];
  const facts = answer.facts;
  const findings: ScanFinding[] = [];
  const trusted = policy.trustedPackages.includes(change.name);
  const packageAge = ageDays(facts.createdAt, now);
  const versionAge = ageDays(facts.versionPublishedAt, now);
  if (!trusted && packageAge !== undefined && packageAge < policy.minPackageAgeDays) {
    findings.push(
      finding(
        DEPENDENCY_RULES.tooNew,
        change,
        `\`${change.name}\` was first published ${days(packageAge)} ago`,
        `\`${change.name}\` first appeared on ${where} ${days(packageAge)} ago (${facts.createdAt}); the minimum age is ${policy.minPackageAgeDays} days.`,
        label,
      ),
    );
  } else if (!trusted && versionAge !== undefined && versionAge < policy.minPackageAgeDays && change.exactVersion) {
    findings.push(
      finding(
        DEPENDENCY_RULES.tooNew,
        change,
        `\`${change.name}@${facts.version ?? change.exactVersion}\` was published ${days(versionAge)} ago`,
        `Version ${facts.version ?? change.exactVersion} of \`${change.name}\` was published ${days(versionAge)} ago (${facts.versionPublishedAt}); the minimum age is ${policy.minPackageAgeDays} days.`,
        label,
        'medium',
      ),
    );
  }
  if (!trusted && facts.weeklyDownloads !== undefined && facts.weeklyDownloads < policy.minWeeklyDownloads) {
    findings.push(
      finding(
        DEPENDENCY_RULES.lowDownloads,
        change,
        `\`${change.name}\` has ${facts.weeklyDownloads} downloads a week`,
        `\`${change.name}\` was downloaded ${facts.weeklyDownloads} times last week (the threshold is ${policy.minWeeklyDownloads}).`,
        label,
      ),
    );
  }
  if (facts.license && COPYLEFT.test(facts.license)) {
    findings.push(
      finding(
        DEPENDENCY_RULES.license,
        change,
        `\`${change.name}\` is licensed under ${facts.license}`,
        `The registry lists \`${change.name}\`'s licence as ${facts.license}.`,
        label,
      ),
    );
  }
  return findings;
}

/** A typosquat finding is withdrawn when the registry shows the package is itself established. */
function established(answer: RegistryAnswer | undefined): boolean {
  return answer?.status === 'found' && (answer.facts.weeklyDownloads ?? 0) >= ESTABLISHED_WEEKLY_DOWNLOADS;
}

export interface DependencyCheckResult {
  findings: ScanFinding[];
  /** One line per registry check that could not run, for the summary and the log. */
  warnings: string[];
  /** `npm:name@spec` of every added or changed dependency: the merge gate may require a human for these. */
  newDependencies: string[];
  /** True when every registry check ran (none was skipped as unreachable). */
  complete: boolean;
}

export async function checkDependencies(
  diff: DependencyDiff,
  registries: Registries,
  now: number,
  policy: DependencyPolicy = DEFAULT_DEPENDENCY_POLICY,
): Promise<DependencyCheckResult> {
  const findings: ScanFinding[] = [];
  const warnings: string[] = [];
  const answers = new Map<string, Promise<RegistryAnswer | undefined>>();
  // A registry that did not answer once is not asked again this run: each further try could cost a full timeout.
  const down = new Map<Ecosystem, RegistryAnswer>();
  for (const problem of diff.problems) warnings.push(`${problem.path} could not be read for dependency checks: ${problem.message}`);
  for (const change of diff.changes) {
    const statics = judgeStatically(change, policy);
    if (change.source !== 'registry') {
      findings.push(...statics);
      continue;
    }
    const registry = registries[change.ecosystem];
    const key = `${change.ecosystem}:${change.name}@${change.exactVersion ?? ''}`;
    let pending = answers.get(key);
    if (!pending) {
      const known = down.get(change.ecosystem);
      pending = known ? Promise.resolve(known) : registry ? registry.lookup(change.name, change.exactVersion) : Promise.resolve(undefined);
      answers.set(key, pending);
    }
    const answer = await pending;
    if (answer?.status === 'unreachable') down.set(change.ecosystem, answer);
    if (!answer) warnings.push(`no ${change.ecosystem} registry configured; \`${change.name}\` was not checked for existence and age`);
    else if (answer.status === 'unreachable')
      warnings.push(`${registry?.label ?? change.ecosystem} unreachable (${answer.reason}); \`${change.name}\` was not checked for existence and age`);
    else findings.push(...judgeRegistryAnswer(change, answer, now, policy));
    if (!(answer?.status === 'not-found') && !established(answer)) findings.push(...statics);
  }
  for (const entry of diff.lockfileSources) {
    findings.push(
      finding(
        DEPENDENCY_RULES.lockfileSource,
        entry,
        `\`${entry.name}\` resolves outside the registry in ${entry.path}`,
        `The lockfile resolves \`${entry.name}\` to \`${entry.resolved}\`.`,
        `${entry.name} ${entry.resolved}`,
      ),
    );
  }
  for (const index of diff.indexes) {
    findings.push(
      finding(
        DEPENDENCY_RULES.extraIndex,
        index,
        `${index.path} adds the package index ${index.url}`,
        `${index.path} line ${index.line} adds \`${index.url}\` as a package index.`,
        index.url,
      ),
    );
  }
  return {
    findings,
    warnings: [...new Set(warnings)],
    newDependencies: [...new Set(diff.changes.map(dependencyLabel))],
    complete: warnings.length === 0,
  };
}
