import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { sha256 } from '../../src/core/digest.js';
import { bundleSchema, sealBundle, type Bundle } from '../../src/implement/bundle/bundle-schema.js';
import { formatMarker, parseMarker } from '../../src/core/marker.js';
import { IMPLEMENT_MARKER_KIND } from '../../src/core/markers/kinds.js';
import { implementMarkerSchema } from '../../src/core/markers/schemas.js';
import { planHash, type ImplementationPlan } from '../../src/implement/plan-schema.js';
import { BOT_LOGIN, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { commitPolicy, ISSUE, labelsOf, pullsFor, redThenGreen, runImplement, scriptAgent, stickyOf, test, type Scenario } from '../implement/scenario.js';

// Runner emulation of the two-job mode: pick (write token) → propose (read-only token, model) → publish
// (write token, no model key), and what publish does with a bundle that was changed on the way.

const GIT_WRITES = /\/git\/(blobs|trees|commits|refs)/;

async function pickAndPropose(scenario: Scenario, bundlePath: string): Promise<{ issue: number; digest: string }> {
  const { gh, model } = scenario;
  const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] }).number;
  scriptAgent(model, { loop: redThenGreen() });
  // The permissions the reusable workflow gives each job.
  const pick = await runImplement(scenario, {
    inputs: { phase: 'pick', 'github-token': gh.tokenFor(BOT_LOGIN, { permissions: { contents: 'read', issues: 'write' } }) },
  });
  expect(pick.outputs.issues).toBe(JSON.stringify([issue]));
  expect(labelsOf(gh, issue)).toContain('agent:in-progress');

  gh.resetRequests();
  const readOnly = gh.tokenFor(BOT_LOGIN, { permissions: { contents: 'read', issues: 'read', pull_requests: 'read' } });
  const propose = await runImplement(scenario, { inputs: { phase: 'propose', 'issue-number': issue, 'bundle-path': bundlePath, 'github-token': readOnly } });
  expect(propose.exitCode).toBe(0);
  expect(propose.outputs['bundle-path']).toBe(bundlePath);
  const digest = propose.outputs['bundle-digest'] ?? '';
  expect(digest).toBe(readJson(bundlePath).digest);
  expect(gh.writes()).toEqual([]);
  return { issue, digest };
}

/** Publish with the digest the propose step reported (as the reusable workflow passes it). */
function publish(scenario: Scenario, bundlePath: string, digest: string) {
  const token = scenario.gh.tokenFor(BOT_LOGIN, { permissions: { contents: 'write', issues: 'write', pull_requests: 'write', actions: 'write' } });
  return runImplement(scenario, {
    inputs: { phase: 'publish', 'bundle-path': bundlePath, 'bundle-digest': digest, 'openai-api-key': '', 'base-url': '', 'github-token': token },
  });
}

function readJson(path: string): Bundle {
  return bundleSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** Rewrites the bundle the way an attacker with write access to the file would: hashes and digest recomputed. */
function tamper(path: string, change: (bundle: Bundle) => void, reseal = true): void {
  const bundle = readJson(path);
  change(bundle);
  const { digest, ...body } = bundle;
  writeFileSync(path, JSON.stringify(reseal ? sealBundle(body) : { ...body, digest }));
}

function addFile(bundle: Bundle, path: string, content: string): void {
  if (bundle.outcome.kind !== 'pull-request') throw new Error('expected a pull-request bundle');
  const data = Buffer.from(content);
  bundle.outcome.files.push({ path, action: 'create', mode: '100644', content: data.toString('base64'), sha256: sha256(data) });
}

function reclaim(gh: GitHubEmulator, issue: number): void {
  const record = gh.state.issue(issue);
  if (!record) throw new Error('no issue');
  record.labelIds = ['roadmap', 'agent:in-progress'].map((name) => gh.state.labelByName(name)?.id ?? gh.state.addLabel({ name }).id);
}

describe.concurrent('bundled implement: propose and publish in two jobs', { timeout: 240_000 }, () => {
  test('propose writes nothing with a read-only token; publish without a model key opens the PR; a rerun adds nothing', async ({ gh, model, workspace }) => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    try {
      const bundlePath = join(dir, 'bundle.json');
      const { issue, digest } = await pickAndPropose({ gh, model, workspace }, bundlePath);
      const bundle = readJson(bundlePath);
      expect(bundle.outcome.kind).toBe('pull-request');
      expect(bundle.usage.costUsd).toBeGreaterThan(0);

      const modelCalls = model.requests.length;
      // actions/download-artifact unpacks the bundle into a directory; publish finds it there.
      const published = await publish({ gh, model, workspace }, dir, digest);
      expect(published.exitCode).toBe(0);
      expect(published.outputs.status).toBe('opened');
      expect(model.requests.length).toBe(modelCalls);
      expect(pullsFor(gh)).toHaveLength(1);
      expect(labelsOf(gh, issue)).toEqual(['agent:pr-open', 'roadmap']);

      gh.resetRequests();
      const again = await publish({ gh, model, workspace }, bundlePath, digest);
      expect(again.outputs.status).toBe('opened');
      expect(again.summary).toContain('already published');
      expect(gh.writes()).toEqual([]);
      expect(pullsFor(gh)).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('publish rejects tampered bundles with a clear reason and agent:failed, and pushes nothing', async ({ gh, model, workspace }) => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    try {
      const original = join(dir, 'bundle.json');
      const { issue, digest: proposed } = await pickAndPropose({ gh, model, workspace }, original);
      // `digest: 'resealed'` hands publish the tampered bundle's own digest, as if the propose output had been
      // forged too: the gates behind the digest check must still hold.
      const cases: Array<{ name: string; change: (bundle: Bundle) => void; reseal?: boolean; digest?: 'proposed' | 'resealed'; reason: RegExp }> = [
        {
          name: 'rewritten after propose, digest recomputed',
          change: (bundle) => addFile(bundle, 'src/backdoor.js', 'export const x = 1;\n'),
          digest: 'proposed',
          reason: /is not the [0-9a-f]{12} the propose step reported/,
        },
        {
          name: 'plan widened to cover an extra file',
          change: (bundle) => {
            addFile(bundle, 'src/backdoor.js', 'export const x = 1;\n');
            if (bundle.outcome.kind === 'pull-request') bundle.outcome.plan.files.push({ path: 'src/backdoor.js', action: 'create', reason: 'needed' });
          },
          digest: 'proposed',
          reason: /is not the [0-9a-f]{12} the propose step reported/,
        },
        {
          name: 'extra file outside the plan',
          change: (bundle) => addFile(bundle, 'src/backdoor.js', 'export const x = 1;\n'),
          digest: 'resealed',
          reason: /src\/backdoor\.js is not in the approved plan/,
        },
        {
          name: 'protected path',
          change: (bundle) => addFile(bundle, '.github/workflows/release.yml', 'on: push\n'),
          digest: 'resealed',
          reason: /\.github\/workflows\/release\.yml is protected/,
        },
        {
          name: 'secret',
          change: (bundle) => {
            if (bundle.outcome.kind !== 'pull-request') return;
            const file = bundle.outcome.files.find((entry) => entry.path === 'src/format.js');
            if (!file?.content) return;
            const data = Buffer.from(
              `${Buffer.from(file.content, 'base64').toString('utf8')}\nexport const key = 'ghp_${'Q2w7Zk9LmX4pV8rT1yN6bC3dF5hJ0sA7eU4g'}';\n`,
            );
            Object.assign(file, { content: data.toString('base64'), sha256: sha256(data) });
          },
          digest: 'resealed',
          reason: /src\/format\.js:\d+: GitHub token/,
        },
        {
          name: 'changed content without a new digest',
          change: (bundle) => {
            if (bundle.outcome.kind === 'pull-request') bundle.outcome.summary = 'something else';
          },
          reseal: false,
          reason: /digest does not match/,
        },
        { name: 'unsafe path', change: (bundle) => addFile(bundle, 'src/../../escape.js', 'x\n'), digest: 'resealed', reason: /goes up with/ },
      ];
      for (const entry of cases) {
        const path = join(dir, `${entry.name.replace(/\W+/g, '-')}.json`);
        writeFileSync(path, readFileSync(original));
        tamper(path, entry.change, entry.reseal ?? true);
        reclaim(gh, issue);
        gh.resetRequests();
        const run = await publish({ gh, model, workspace }, path, entry.digest === 'resealed' ? readJson(path).digest : proposed);
        expect(run.exitCode, entry.name).toBe(1);
        expect(run.outputs.status, entry.name).toBe('failed');
        expect(`${run.summary}\n${stickyOf(gh, issue) ?? ''}`, entry.name).toMatch(entry.reason);
        expect(labelsOf(gh, issue), entry.name).toEqual(['agent:failed', 'roadmap']);
        expect(
          gh.requests.filter((request) => request.method !== 'GET' && GIT_WRITES.test(request.path)),
          entry.name,
        ).toEqual([]);
        expect(gh.countRequests({ method: 'POST', path: '/repos/acme/widgets/pulls' }), entry.name).toBe(0);
      }
      expect(gh.state.git.listRefs('refs/heads/automated/')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.concurrent('bundled implement: dry run', { timeout: 240_000 }, () => {
  test('does everything up to the first write, reports it, and makes zero writes', async ({ gh, model, workspace }) => {
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    const agent = scriptAgent(model, { loop: redThenGreen() });
    gh.resetRequests();
    const run = await runImplement({ gh, model, workspace }, { inputs: { 'dry-run': true } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('opened');
    expect(run.outputs['pull-request-number']).toBeUndefined();
    expect(agent.loopCalls()).toBe(6);
    expect(gh.writes()).toEqual([]);
    expect(run.summary).toContain('dry run');
    expect(run.summary).toContain(`would push \`automated/${issue.number}-show-thousands-separators-in-prices\``);
    expect(run.summary).toContain('modify `src/format.js`');
    expect(labelsOf(gh, issue.number)).toEqual(['roadmap']);
  });

  test('with the SPEC gate, publish bounds the change by the plan the bot recorded, never by the bundle or a comment from someone else', async ({
    gh,
    model,
    workspace,
  }) => {
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    try {
      const path = join(dir, 'bundle.json');
      const { issue, digest } = await pickAndPropose({ gh, model, workspace }, path);
      const bundle = readJson(path);
      if (bundle.outcome.kind !== 'pull-request') throw new Error('expected a pull-request bundle');
      const proposedPlan = bundle.outcome.plan;
      const narrower: ImplementationPlan = { ...proposedPlan, files: proposedPlan.files.slice(0, 1) };
      commitPolicy(gh, 'implement:\n  require-spec-approval: true\n');
      // The bot's comment with the SPEC a maintainer approved, as the SPEC stage leaves it.
      const sticky = gh.state.addComment({
        issue_number: issue,
        user: BOT_LOGIN,
        body: `SPEC\n\n${formatMarker(IMPLEMENT_MARKER_KIND, { stage: 'working' })}`,
      });
      const recordPlan = (plan: ImplementationPlan) => {
        const marker = parseMarker(IMPLEMENT_MARKER_KIND, sticky.body, implementMarkerSchema) ?? {};
        sticky.body = sticky.body.replace(
          /<!-- agentic-workflow:implement .*? -->/,
          formatMarker(IMPLEMENT_MARKER_KIND, { ...marker, stage: 'working', plan, planHash: planHash(plan) }),
        );
      };

      // The bot recorded a one-file SPEC; the untampered bundle's plan has two files. Someone else's comment
      // carrying a marker with the bundle's plan does not count.
      recordPlan(narrower);
      gh.state.addUser({ login: 'mallory', type: 'User' });
      gh.state.addComment({
        issue_number: issue,
        user: 'mallory',
        body: formatMarker(IMPLEMENT_MARKER_KIND, { stage: 'spec', plan: proposedPlan, planHash: planHash(proposedPlan) }),
      });
      const refused = await publish({ gh, model, workspace }, path, digest);
      expect(refused.outputs.status).toBe('failed');
      expect(stickyOf(gh, issue)).toMatch(/the plan in the bundle is not the SPEC a maintainer approved/);
      expect(labelsOf(gh, issue)).toEqual(['agent:failed', 'roadmap']);
      expect(gh.state.git.listRefs('refs/heads/automated/')).toEqual([]);

      // Control: with the bundle's plan recorded by the bot, the same bundle publishes.
      reclaim(gh, issue);
      recordPlan(proposedPlan);
      const published = await publish({ gh, model, workspace }, path, digest);
      expect(published.outputs.status).toBe('opened');
      expect(pullsFor(gh)).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
