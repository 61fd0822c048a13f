import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { bundleSchema, sealBundle, sha256, type Bundle } from '../../src/implement/bundle/bundle-schema.js';
import { BOT_LOGIN, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { ISSUE, labelsOf, pullsFor, redThenGreen, runImplement, scriptAgent, stickyOf, test, type Scenario } from '../implement/scenario.js';

// Runner emulation of the two-job mode: pick (write token) → propose (read-only token, model) → publish
// (write token, no model key), and what publish does with a bundle that was changed on the way.

const GIT_WRITES = /\/git\/(blobs|trees|commits|refs)/;

async function pickAndPropose(scenario: Scenario, bundlePath: string): Promise<{ issue: number }> {
  const { gh, model } = scenario;
  const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] }).number;
  scriptAgent(model, { loop: redThenGreen() });
  // The permissions the reusable workflow gives each job.
  const pick = await runImplement(scenario, { inputs: { phase: 'pick', 'github-token': gh.tokenFor(BOT_LOGIN, { permissions: { contents: 'read', issues: 'write' } }) } });
  expect(pick.outputs.issues).toBe(JSON.stringify([issue]));
  expect(labelsOf(gh, issue)).toContain('agent:in-progress');

  gh.resetRequests();
  const readOnly = gh.tokenFor(BOT_LOGIN, { permissions: { contents: 'read', issues: 'read', pull_requests: 'read' } });
  const propose = await runImplement(scenario, { inputs: { phase: 'propose', 'issue-number': issue, 'bundle-path': bundlePath, 'github-token': readOnly } });
  expect(propose.exitCode).toBe(0);
  expect(propose.outputs['bundle-path']).toBe(bundlePath);
  expect(gh.writes()).toEqual([]);
  return { issue };
}

function publish(scenario: Scenario, bundlePath: string) {
  const token = scenario.gh.tokenFor(BOT_LOGIN, { permissions: { contents: 'write', issues: 'write', pull_requests: 'write', actions: 'write' } });
  return runImplement(scenario, { inputs: { phase: 'publish', 'bundle-path': bundlePath, 'openai-api-key': '', 'base-url': '', 'github-token': token } });
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
      const { issue } = await pickAndPropose({ gh, model, workspace }, bundlePath);
      const bundle = readJson(bundlePath);
      expect(bundle.outcome.kind).toBe('pull-request');
      expect(bundle.usage.costUsd).toBeGreaterThan(0);

      const modelCalls = model.requests.length;
      // actions/download-artifact unpacks the bundle into a directory; publish finds it there.
      const published = await publish({ gh, model, workspace }, dir);
      expect(published.exitCode).toBe(0);
      expect(published.outputs.status).toBe('opened');
      expect(model.requests.length).toBe(modelCalls);
      expect(pullsFor(gh)).toHaveLength(1);
      expect(labelsOf(gh, issue)).toEqual(['agent:pr-open', 'roadmap']);

      gh.resetRequests();
      const again = await publish({ gh, model, workspace }, bundlePath);
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
      const { issue } = await pickAndPropose({ gh, model, workspace }, original);
      const cases: Array<{ name: string; change: (bundle: Bundle) => void; reseal?: boolean; reason: RegExp }> = [
        { name: 'extra file outside the plan', change: (bundle) => addFile(bundle, 'src/backdoor.js', 'export const x = 1;\n'), reason: /src\/backdoor\.js is not in the approved plan/ },
        { name: 'protected path', change: (bundle) => addFile(bundle, '.github/workflows/release.yml', 'on: push\n'), reason: /\.github\/workflows\/release\.yml is protected/ },
        {
          name: 'secret',
          change: (bundle) => {
            if (bundle.outcome.kind !== 'pull-request') return;
            const file = bundle.outcome.files.find((entry) => entry.path === 'src/format.js');
            if (!file?.content) return;
            const data = Buffer.from(`${Buffer.from(file.content, 'base64').toString('utf8')}\nexport const key = 'ghp_${'Q2w7Zk9LmX4pV8rT1yN6bC3dF5hJ0sA7eU4g'}';\n`);
            Object.assign(file, { content: data.toString('base64'), sha256: sha256(data) });
          },
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
        { name: 'unsafe path', change: (bundle) => addFile(bundle, 'src/../../escape.js', 'x\n'), reason: /goes up with/ },
      ];
      for (const entry of cases) {
        const path = join(dir, `${entry.name.replace(/\W+/g, '-')}.json`);
        writeFileSync(path, readFileSync(original));
        tamper(path, entry.change, entry.reseal ?? true);
        reclaim(gh, issue);
        gh.resetRequests();
        const run = await publish({ gh, model, workspace }, path);
        expect(run.exitCode, entry.name).toBe(1);
        expect(run.outputs.status, entry.name).toBe('failed');
        expect(`${run.summary}\n${stickyOf(gh, issue) ?? ''}`, entry.name).toMatch(entry.reason);
        expect(labelsOf(gh, issue), entry.name).toEqual(['agent:failed', 'roadmap']);
        expect(gh.requests.filter((request) => request.method !== 'GET' && GIT_WRITES.test(request.path)), entry.name).toEqual([]);
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
});
