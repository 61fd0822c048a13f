import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/core/errors.js';
import { createGitHubClient } from '../../src/core/github.js';
import {
  DEFAULT_LABELS,
  LABEL_DEFINITIONS,
  LABEL_KEYS,
  definitionFor,
  ensureLabels,
  labelKeyFor,
  labelNamesSchema,
  priorityLabel,
  resolveLabelNames,
  severityLabel,
} from '../../src/core/labels.js';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';

describe('label taxonomy', () => {
  it('holds every label of DESIGN section 4 under its default name', () => {
    expect(Object.values(DEFAULT_LABELS).sort()).toEqual(
      [
        'roadmap',
        'priority-high',
        'priority-medium',
        'priority-low',
        'agent-suggestion',
        'needs-approval',
        'security',
        'severity-critical',
        'severity-high',
        'severity-medium',
        'severity-low',
        'source:cto-review',
        'source:ciso-review',
        'source:log-miner',
        'source:coverage',
        'source:dependencies',
        'source:docs',
        'source:janitor',
        'agent:in-progress',
        'agent:needs-clarification',
        'agent:spec-review',
        'agent:pr-open',
        'agent:failed',
        'agent:done',
        'automated',
        'agent:blocked',
        'do-not-merge',
        'triage-report',
        'nightly-report',
        'agentic-state',
      ].sort(),
    );
  });

  it('gives every label a valid colour and a description GitHub accepts', () => {
    for (const key of LABEL_KEYS) {
      const definition = LABEL_DEFINITIONS[key];
      expect(definition.color, key).toMatch(/^[0-9a-f]{6}$/);
      expect(definition.description.length, key).toBeGreaterThan(0);
      expect(definition.description.length, key).toBeLessThanOrEqual(100);
      expect(definition.name.length, key).toBeLessThanOrEqual(50);
    }
  });

  it('maps severities and priorities to their label names', () => {
    expect(severityLabel(DEFAULT_LABELS, 'critical')).toBe('severity-critical');
    expect(priorityLabel(DEFAULT_LABELS, 'low')).toBe('priority-low');
    const names = resolveLabelNames({ severityHigh: 'sev/high' });
    expect(severityLabel(names, 'high')).toBe('sev/high');
  });
});

describe('label overrides', () => {
  it('keeps the defaults when nothing is configured', () => {
    expect(resolveLabelNames()).toEqual(DEFAULT_LABELS);
    expect(resolveLabelNames(undefined)).toEqual(DEFAULT_LABELS);
    expect(resolveLabelNames({})).toEqual(DEFAULT_LABELS);
  });

  it('accepts camelCase, kebab-case and default-name keys', () => {
    const names = resolveLabelNames({ roadmap: 'backlog', 'priority-high': 'P1', 'agent:in-progress': 'bot: working', sourceCtoReview: 'from-cto' });
    expect(names.roadmap).toBe('backlog');
    expect(names.priorityHigh).toBe('P1');
    expect(names.agentInProgress).toBe('bot: working');
    expect(names.sourceCtoReview).toBe('from-cto');
    expect(names.needsApproval).toBe('needs-approval');
    expect(labelKeyFor('agent-needs-clarification')).toBe('agentNeedsClarification');
    expect(labelKeyFor('nonsense')).toBeUndefined();
  });

  it('trims names and rejects unknown keys, empty names, commas and over-long names with the key in the message', () => {
    expect(resolveLabelNames({ roadmap: '  backlog ' }).roadmap).toBe('backlog');
    expect(() => resolveLabelNames({ roadmapp: 'x' })).toThrow(ConfigurationError);
    expect(() => resolveLabelNames({ roadmapp: 'x' })).toThrow(/labels\.roadmapp .*unknown label key/);
    expect(() => resolveLabelNames({ roadmap: '' })).toThrow(/labels\.roadmap is "".*non-empty/);
    expect(() => resolveLabelNames({ roadmap: 'a,b' })).toThrow(/commas/);
    expect(() => resolveLabelNames({ roadmap: 'x'.repeat(51) })).toThrow(/50 characters/);
    expect(() => resolveLabelNames({ roadmap: 7 })).toThrow(ConfigurationError);
    expect(() => resolveLabelNames('roadmap')).toThrow(ConfigurationError);
  });

  it('refuses two roles with one name, which would make states indistinguishable', () => {
    expect(() => resolveLabelNames({ agentDone: 'agent:in-progress' })).toThrow(/labels\.agentDone .*already used by labels\.agentInProgress/);
    expect(() => resolveLabelNames({ agentDone: 'ROADMAP' })).toThrow(ConfigurationError);
  });

  it('exposes a schema that normalises keys for the config loader', () => {
    expect(labelNamesSchema.parse({ 'do-not-merge': 'hold' })).toEqual({ doNotMerge: 'hold' });
    expect(labelNamesSchema.safeParse({ nope: 'x' }).success).toBe(false);
  });

  it('finds colour and description by the configured name, and a neutral look for unknown names', () => {
    const names = resolveLabelNames({ roadmap: 'backlog' });
    expect(definitionFor('Backlog', names)).toEqual({ ...LABEL_DEFINITIONS.roadmap, name: 'Backlog' });
    expect(definitionFor('something-else', names)).toEqual({ name: 'something-else', color: 'ededed', description: '' });
  });
});

describe('ensureLabels against the GitHub emulator', () => {
  const repo = { owner: 'acme', repo: 'widgets' };
  let gh: GitHubEmulator;

  beforeEach(async () => {
    gh = await startGitHubEmulator(repo);
  });
  afterEach(async () => {
    await gh.close();
  });

  const client = () => createGitHubClient({ token: gh.botToken, baseUrl: gh.apiUrl, retries: 0 });
  const labelByName = (name: string) => [...gh.state.labels.values()].find((label) => label.name === name);

  it('creates only the missing labels, with their colour and description', async () => {
    gh.state.addLabel({ name: 'Roadmap', color: '000000' });
    const created = await ensureLabels(client(), repo, ['roadmap', 'agent:in-progress', 'needs-approval', 'agent:in-progress']);
    expect(created).toEqual(['agent:in-progress', 'needs-approval']);
    expect(labelByName('agent:in-progress')).toMatchObject({ color: '1d76db', description: LABEL_DEFINITIONS.agentInProgress.description });
    // the existing label is left as the humans made it
    expect(labelByName('Roadmap')).toMatchObject({ color: '000000' });
    expect(gh.countRequests({ method: 'POST', path: '/repos/acme/widgets/labels' })).toBe(2);
  });

  it('reads the label list once per client for the whole run, across pages', async () => {
    for (let i = 0; i < 130; i++) gh.state.addLabel({ name: `area-${i}` });
    gh.state.addLabel({ name: 'zz-last-page' });
    const api = client();
    expect(await ensureLabels(api, repo, ['zz-last-page'])).toEqual([]);
    expect(await ensureLabels(api, repo, ['security'])).toEqual(['security']);
    expect(await ensureLabels(api, repo, ['security', 'zz-last-page'])).toEqual([]);
    expect(gh.countRequests({ method: 'GET', path: '/repos/acme/widgets/labels' })).toBe(2);
    expect(gh.writes()).toHaveLength(1);
    // a new client is a new run and reads again
    await ensureLabels(client(), repo, ['security']);
    expect(gh.countRequests({ method: 'GET', path: '/repos/acme/widgets/labels' })).toBe(4);
  });

  it('uses the configured name and the colour of its role', async () => {
    const names = resolveLabelNames({ roadmap: 'backlog' });
    expect(await ensureLabels(client(), repo, [names.roadmap], names)).toEqual(['backlog']);
    expect(labelByName('backlog')).toMatchObject({ color: LABEL_DEFINITIONS.roadmap.color });
  });

  it('treats a label another run created in the meantime as existing', async () => {
    const api = client();
    await ensureLabels(api, repo, []);
    await ensureLabels(api, repo, ['roadmap']);
    gh.state.addLabel({ name: 'security' });
    expect(await ensureLabels(api, repo, ['security'])).toEqual([]);
    expect(gh.requests.at(-1)).toMatchObject({ method: 'POST', status: 422 });
  });

  it('makes no request for an empty list', async () => {
    expect(await ensureLabels(client(), repo, [])).toEqual([]);
    expect(gh.requests).toHaveLength(0);
  });

  it('does not cache a failed read', async () => {
    gh.faults.add({ method: 'GET', path: '/repos/acme/widgets/labels', status: 500 });
    const api = client();
    await expect(ensureLabels(api, repo, ['roadmap'])).rejects.toMatchObject({ status: 500 });
    expect(await ensureLabels(api, repo, ['roadmap'])).toEqual(['roadmap']);
  });
});
