import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect } from 'vitest';
import { probeIsolation } from '../../src/core/sandbox/index.js';
import { ISSUE, labelsOf, pullsFor, redThenGreen, runImplement, scriptAgent, stickyOf, test } from '../implement/scenario.js';

// Runner emulation: where repository code cannot run as a separate user the job summary and the pull request say
// so in one line and phase all refuses unless allowed; test-network none cuts repository code off the network.

// Without /usr/sbin on PATH the runner has no useradd: a runner that cannot create the sandbox user.
const NO_USERADD_PATH = '/usr/local/bin:/usr/bin:/bin';
const probe = await probeIsolation(process.env, 'none');
const noNetNamespace = probe.capabilities ? (probe.capabilities.networkNamespace ? undefined : 'unshare --net is not permitted here') : probe.reason;
const named = (title: string, reason: string | undefined) => (reason ? `${title} (skipped: ${reason})` : title);

/** A server on this machine's loopback that counts the connections it gets. */
async function listen(): Promise<{ server: Server; port: number; hits: () => number }> {
  let hits = 0;
  const server = createServer((_request, response) => {
    hits += 1;
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, hits: () => hits };
}

/** A test command that fails unless it can fetch from the server. */
function fetchCommand(port: number): string {
  return `node -e "fetch('http://127.0.0.1:${port}/').then(r=>r.text()).then(t=>{console.log('fetched '+t)},e=>{console.log('network: '+(e.cause&&e.cause.code||e.message));process.exit(1)})" && node --test`;
}

describe.concurrent('bundled implement: isolation where the runner allows it, and saying so where it does not', { timeout: 300_000 }, () => {
  test('phase all on a runner that cannot isolate: refused before anything is claimed or asked', async ({ gh, model, workspace }) => {
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, { loop: redThenGreen() });
    gh.resetRequests();
    const run = await runImplement({ gh, model, workspace }, { env: { PATH: NO_USERADD_PATH } });
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((annotation) => annotation.level === 'error')?.message ?? '';
    expect(error).toContain('repository code cannot be isolated on this runner');
    expect(error).toContain('useradd');
    expect(error).toContain('allow-unisolated-tests: true');
    expect(gh.writes()).toEqual([]);
    expect(model.requests).toEqual([]);
    expect(labelsOf(gh, issue.number)).toEqual(['roadmap']);
  });

  test('control: with allow-unisolated-tests the run goes ahead, and the job summary and the pull request each say it in one line', async ({
    gh,
    model,
    workspace,
  }) => {
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, { loop: redThenGreen() });
    const run = await runImplement({ gh, model, workspace }, { env: { PATH: NO_USERADD_PATH }, inputs: { 'allow-unisolated-tests': true } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('opened');
    const summaryLines = run.summary.split('\n').filter((line) => line.includes('not isolated'));
    expect(summaryLines).toHaveLength(1);
    expect(summaryLines[0]).toContain('useradd');
    const prLines = (gh.state.issue(Number(run.outputs['pull-request-number']))?.body ?? '').split('\n').filter((line) => line.includes('Not isolated'));
    expect(prLines).toHaveLength(1);
    expect(prLines[0]).toContain('useradd');
    expect(labelsOf(gh, issue.number)).toEqual(['agent:pr-open', 'roadmap']);
  });

  test('control: on a runner that can isolate, neither the job summary nor the pull request carries that line', async ({ gh, model, workspace }) => {
    gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, { loop: redThenGreen() });
    const run = await runImplement({ gh, model, workspace });
    expect(run.outputs.status).toBe('opened');
    expect(run.summary).not.toMatch(/not isolated/i);
    expect(pullsFor(gh)).toHaveLength(1);
    expect(gh.state.issue(Number(run.outputs['pull-request-number']))?.body ?? '').not.toContain('Not isolated');
  });

  test.skipIf(noNetNamespace)(
    named('test-network none: a test that opens a socket to a server on this machine fails inside the sandbox', noNetNamespace),
    async ({ gh, model, workspace }) => {
      const local = await listen();
      try {
        const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
        scriptAgent(model, { loop: redThenGreen() });
        const run = await runImplement(
          { gh, model, workspace },
          { inputs: { 'test-network': 'none', 'test-command': fetchCommand(local.port), 'max-iterations': 2 } },
        );
        expect(local.hits()).toBe(0);
        expect(run.outputs.status).toBe('failed');
        expect(labelsOf(gh, issue.number)).toEqual(['agent:failed', 'roadmap']);
        expect(stickyOf(gh, issue.number) ?? '').toMatch(/network: E[A-Z]+/);
        expect(pullsFor(gh)).toEqual([]);
      } finally {
        local.server.close();
      }
    },
  );

  test.skipIf(noNetNamespace)(
    named('control: with test-network allow the same test reaches the server and the pull request opens', noNetNamespace),
    async ({ gh, model, workspace }) => {
      const local = await listen();
      try {
        gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
        scriptAgent(model, { loop: redThenGreen() });
        const run = await runImplement(
          { gh, model, workspace },
          { inputs: { 'test-network': 'allow', 'test-command': fetchCommand(local.port), 'max-iterations': 2 } },
        );
        expect(local.hits()).toBeGreaterThan(0);
        expect(run.outputs.status).toBe('opened');
      } finally {
        local.server.close();
      }
    },
  );
});
