/**
 * The label taxonomy (DESIGN section 4): labels are the state store, so their names are configuration and
 * their creation is idempotent. Every label the actions use is listed here with a colour and a description,
 * and is created on first use.
 */
import { z } from 'zod';
import { ConfigurationError, describeValue } from './errors.js';
import { isAlreadyExists } from './github-errors.js';
import type { GitHub } from './github.js';
import type { RepoRef } from './repo.js';
import type { Severity } from './severity.js';

export { SEVERITIES, severityRank, type Severity } from './severity.js';

export interface LabelDefinition {
  /** The default name, from seed 000 where it names one. */
  name: string;
  /** Six hex digits without `#`, as the labels API expects. */
  color: string;
  /** At most 100 characters (GitHub's limit). */
  description: string;
}

export const LABEL_DEFINITIONS = {
  // backlog: approved work the agent may take
  roadmap: { name: 'roadmap', color: '0e8a16', description: 'Approved work the agent may implement' },
  priorityHigh: { name: 'priority-high', color: 'b60205', description: 'Roadmap priority: high' },
  priorityMedium: { name: 'priority-medium', color: 'fbca04', description: 'Roadmap priority: medium' },
  priorityLow: { name: 'priority-low', color: 'c2e0c6', description: 'Roadmap priority: low' },
  // suggestions: created by agents, triaged by humans
  agentSuggestion: { name: 'agent-suggestion', color: 'c5def5', description: 'Suggested by an agent review' },
  needsApproval: { name: 'needs-approval', color: 'd93f0b', description: 'Waiting for a human to /approve or /reject' },
  security: { name: 'security', color: 'ee0701', description: 'Security finding' },
  severityCritical: { name: 'severity-critical', color: 'b60205', description: 'Severity: critical' },
  severityHigh: { name: 'severity-high', color: 'd93f0b', description: 'Severity: high' },
  severityMedium: { name: 'severity-medium', color: 'fbca04', description: 'Severity: medium' },
  severityLow: { name: 'severity-low', color: 'c2e0c6', description: 'Severity: low' },
  sourceCtoReview: { name: 'source:cto-review', color: '5319e7', description: 'Found by the CTO review agent' },
  sourceCisoReview: { name: 'source:ciso-review', color: '1d76db', description: 'Found by the CISO review agent' },
  sourceLogMiner: { name: 'source:log-miner', color: 'fef2c0', description: 'Found by the log miner in CI failures and error logs' },
  sourceCoverage: { name: 'source:coverage', color: 'bfdadc', description: 'Found by the coverage analyst' },
  sourceDocs: { name: 'source:docs', color: 'd4c5f9', description: 'Found by the docs drift analyst' },
  sourceDependencies: { name: 'source:dependencies', color: 'f9d0c4', description: 'Found by the dependency watchdog' },
  sourceJanitor: { name: 'source:janitor', color: 'c5def5', description: 'Found by the dependency janitor' },
  // work state: exactly one at a time on an issue the agent works on
  agentInProgress: { name: 'agent:in-progress', color: '1d76db', description: 'The agent is working on this issue' },
  agentNeedsClarification: { name: 'agent:needs-clarification', color: 'd876e3', description: 'The agent asked questions; waiting for answers' },
  agentSpecReview: { name: 'agent:spec-review', color: 'bfd4f2', description: 'SPEC posted; waiting for /approve-spec' },
  agentPrOpen: { name: 'agent:pr-open', color: '0075ca', description: 'The agent opened a pull request for this issue' },
  agentFailed: { name: 'agent:failed', color: 'e11d21', description: 'The agent could not finish; see its report comment' },
  agentDone: { name: 'agent:done', color: '0e8a16', description: 'The agent pull request was merged' },
  // pull requests
  automated: { name: 'automated', color: 'ededed', description: 'Pull request opened by the agent' },
  agentBlocked: { name: 'agent:blocked', color: 'b60205', description: 'An agent review blocks this pull request' },
  doNotMerge: { name: 'do-not-merge', color: 'e11d21', description: 'Auto-merge must not merge this pull request' },
  // the report issues
  triageReport: { name: 'triage-report', color: '006b75', description: 'Weekly triage report of agent suggestions' },
  nightlyReport: { name: 'nightly-report', color: '0b5394', description: 'What the agents did in the last 24 hours' },
  // state an action keeps between runs (an issue the bot closes at once)
  agentState: { name: 'agentic-state', color: 'ededed', description: 'State an agent keeps between runs; leave it closed and unedited' },
} as const satisfies Record<string, LabelDefinition>;

export type LabelKey = keyof typeof LABEL_DEFINITIONS;

/** The label name in use for each role, after repository overrides. */
export type LabelNames = Readonly<Record<LabelKey, string>>;

export const LABEL_KEYS = Object.keys(LABEL_DEFINITIONS) as LabelKey[];

export const DEFAULT_LABELS: LabelNames = Object.freeze(
  Object.fromEntries(LABEL_KEYS.map((key) => [key, LABEL_DEFINITIONS[key].name])) as Record<LabelKey, string>,
);

/**
 * Keys may be written as in TypeScript (`priorityHigh`), kebab-case as elsewhere in agentic.yml
 * (`priority-high`, `agent-in-progress`) or as the default label name (`agent:in-progress`).
 */
function canonicalKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const KEY_BY_CANONICAL = new Map<string, LabelKey>(LABEL_KEYS.map((key) => [canonicalKey(key), key]));

export function labelKeyFor(text: string): LabelKey | undefined {
  return KEY_BY_CANONICAL.get(canonicalKey(text));
}

// GitHub allows 50 characters; a comma would split the name in the `labels=` filter of the issues API.
const labelNameSchema = z
  .string()
  .trim()
  .min(1, 'expected a non-empty label name')
  .max(50, 'expected at most 50 characters')
  .refine((name) => !name.includes(','), 'expected a label name without commas');

/** The `labels:` map of .github/agentic.yml, e.g. `{ roadmap: backlog }`; keys are normalised to LabelKey. */
export const labelNamesSchema = z
  .record(z.string(), labelNameSchema)
  .superRefine((map, ctx) => {
    for (const key of Object.keys(map)) {
      if (!labelKeyFor(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `unknown label key; expected one of ${LABEL_KEYS.join(', ')}` });
      }
    }
  })
  .transform((map) => {
    const out: Partial<Record<LabelKey, string>> = {};
    for (const [key, name] of Object.entries(map)) {
      const labelKey = labelKeyFor(key);
      if (labelKey) out[labelKey] = name;
    }
    return out;
  });

export type LabelOverrides = z.output<typeof labelNamesSchema>;

/**
 * Applies overrides to the defaults. Two roles sharing a name would make states indistinguishable
 * (e.g. `agent:done` read as `agent:in-progress`), so that is a configuration error.
 */
export function resolveLabelNames(overrides: unknown = {}): LabelNames {
  const parsed = labelNamesSchema.safeParse(overrides ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.map(String).join('.') ?? '';
    const value = key && typeof overrides === 'object' && overrides !== null ? (overrides as Record<string, unknown>)[key] : overrides;
    throw new ConfigurationError(`labels${key ? `.${key}` : ''} is ${describeValue(value)}; ${issue?.message ?? 'invalid'}`);
  }
  const names: Record<LabelKey, string> = { ...DEFAULT_LABELS, ...parsed.data };
  const seen = new Map<string, LabelKey>();
  for (const key of LABEL_KEYS) {
    const lower = names[key].toLowerCase();
    const other = seen.get(lower);
    if (other) {
      throw new ConfigurationError(`labels.${key} is ${describeValue(names[key])}; expected a name not already used by labels.${other}`);
    }
    seen.set(lower, key);
  }
  return Object.freeze(names);
}

export type Priority = 'high' | 'medium' | 'low';

const SEVERITY_KEYS: Record<Severity, LabelKey> = {
  critical: 'severityCritical',
  high: 'severityHigh',
  medium: 'severityMedium',
  low: 'severityLow',
};
const PRIORITY_KEYS: Record<Priority, LabelKey> = { high: 'priorityHigh', medium: 'priorityMedium', low: 'priorityLow' };

export function severityLabel(names: LabelNames, severity: Severity): string {
  return names[SEVERITY_KEYS[severity]];
}

export function priorityLabel(names: LabelNames, priority: Priority): string {
  return names[PRIORITY_KEYS[priority]];
}

/** Colour and description for a label name in use; a name with no role gets a neutral look. */
export function definitionFor(name: string, names: LabelNames = DEFAULT_LABELS): LabelDefinition {
  const lower = name.toLowerCase();
  const key = LABEL_KEYS.find((k) => names[k].toLowerCase() === lower);
  if (!key) return { name, color: 'ededed', description: '' };
  return { ...LABEL_DEFINITIONS[key], name };
}

// One list read per client and repository for the whole run: ensureLabels is called before most label
// writes and must not cost a request each time. Keyed by the client so tests and runs never share it.
const existingLabelsCache = new WeakMap<GitHub, Map<string, Promise<Set<string>>>>();

function existingLabels(gh: GitHub, repo: RepoRef): Promise<Set<string>> {
  const perRepo = existingLabelsCache.get(gh) ?? new Map<string, Promise<Set<string>>>();
  existingLabelsCache.set(gh, perRepo);
  const key = `${repo.owner}/${repo.repo}`.toLowerCase();
  let pending = perRepo.get(key);
  if (!pending) {
    pending = gh
      .paginate(gh.rest.issues.listLabelsForRepo, { owner: repo.owner, repo: repo.repo, per_page: 100 })
      .then((labels) => new Set(labels.map((label) => label.name.toLowerCase())));
    // A failed read must not poison the cache for the rest of the run.
    pending.catch(() => perRepo.delete(key));
    perRepo.set(key, pending);
  }
  return pending;
}

/**
 * Creates the labels among `labelsToEnsure` that the repository lacks, with the colour and description of
 * their role. Returns the names it created. A concurrent run creating the same label first is not an error.
 */
export async function ensureLabels(gh: GitHub, repo: RepoRef, labelsToEnsure: readonly string[], names: LabelNames = DEFAULT_LABELS): Promise<string[]> {
  const wanted = [...new Map(labelsToEnsure.map((name) => [name.toLowerCase(), name])).values()];
  if (wanted.length === 0) return [];
  const existing = await existingLabels(gh, repo);
  const created: string[] = [];
  for (const name of wanted) {
    if (existing.has(name.toLowerCase())) continue;
    const definition = definitionFor(name, names);
    try {
      await gh.rest.issues.createLabel({
        owner: repo.owner,
        repo: repo.repo,
        name,
        color: definition.color,
        ...(definition.description ? { description: definition.description } : {}),
      });
      created.push(name);
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
    existing.add(name.toLowerCase());
  }
  return created;
}
