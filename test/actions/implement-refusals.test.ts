import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import {
  alwaysRed,
  cloneWorkspace,
  commentsOn,
  commitPolicy,
  commitSymlink,
  everythingWritten,
  fileAt,
  FORMAT_EDIT,
  ISSUE,
  labelsOf,
  PLAN,
  pullsFor,
  redThenGreen,
  runImplement,
  scriptAgent,
  stickyOf,
  TEST_EDIT,
  test,
} from '../implement/scenario.js';

// Runner emulation of the bundled implement action: what it refuses and when it gives up.

function branches(gh: Parameters<typeof labelsOf>[0]): string[] {
  return gh.state.git.listRefs('refs/heads/').map((entry) => entry.ref);
}

describe.concurrent('bundled implement: red tests and safety gates', { timeout: 180_000 }, () => {
  test('tests still red after the last iteration: no branch, no PR, agent:failed and a report', async ({ gh, model, workspace }) => {
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, { loop: alwaysRed(3) });
    const run = await runImplement({ gh, model, workspace }, { inputs: { 'max-iterations': 2 } });

    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'failed', 'issue-number': String(issue.number) });
    expect(run.outputs['pull-request-number']).toBeUndefined();
    expect(pullsFor(gh)).toEqual([]);
    expect(branches(gh)).toEqual(['refs/heads/main']);
    expect(labelsOf(gh, issue.number)).toEqual(['agent:failed', 'roadmap']);
    const report = stickyOf(gh, issue.number) ?? '';
    expect(report).toContain('The agent could not finish: tests still fail');
    expect(report).toContain('max-iterations');
    expect(report).toContain('### What was tried');
    expect(report).toContain('### Last test output');
    expect(report).toMatch(/1,234\.56|1234\.56/);
    expect(report).toContain('/retry');
    // The claim comment was released: the record of the approval and the report remain.
    expect(commentsOn(gh, issue.number).map((comment) => /agentic-workflow:(approval|implement) /.exec(comment.body)?.[1])).toEqual(['approval', 'implement']);
    expect(gh.state.issue(issue.number)?.assignees).toEqual([]);
    expect(run.summary).toContain('`agent:failed`');
  });

  test('edits outside the plan, to .github/workflows/, through .. or through a symlink are refused; the rest is published', async ({ gh, model }) => {
    const outside = mkdtempSync(join(tmpdir(), 'implement-outside-'));
    // Readable by the sandbox user, so the repository's test runner can walk through the link as it would on a runner.
    chmodSync(outside, 0o755);
    commitSymlink(gh, 'linked', outside);
    const workspace = cloneWorkspace(gh);
    try {
      const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
      const plan = { ...PLAN, files: [...PLAN.files, { path: 'linked/evil.js', action: 'create', reason: 'through the link' }] };
      scriptAgent(model, {
        plan,
        loop: [
          { toolCalls: [{ name: 'create_file', arguments: { path: '.github/workflows/ci.yml', content: 'on: push\n' } }] },
          { toolCalls: [{ name: 'create_file', arguments: { path: '../escaped.txt', content: 'out\n' } }] },
          { toolCalls: [{ name: 'create_file', arguments: { path: 'linked/evil.js', content: 'export {};\n' } }] },
          { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/cart.js', old_string: 'export class Cart', new_string: 'export default class Cart' } }] },
          ...redThenGreen(),
        ],
      });
      const run = await runImplement({ gh, model, workspace });

      expect(run.exitCode, `${run.summary}\n${run.stderr}`).toBe(0);
      expect(run.outputs.status).toBe('opened');
      expect(labelsOf(gh, issue.number)).toContain('agent:pr-open');
      const branch = run.outputs.branch ?? '';
      expect(fileAt(gh, branch, '.github/workflows/ci.yml')).toBeNull();
      expect(fileAt(gh, branch, 'src/cart.js')).toBe(fileAt(gh, 'main', 'src/cart.js'));
      expect(readdirSync(outside)).toEqual([]);
      expect(readdirSync(join(workspace, '..')).filter((name) => name === 'escaped.txt')).toEqual([]);
      // Each refusal went back to the model as an error, and the PR lists them.
      const refusalResults = model.requests.map((request) => request.messages.at(-1)?.text ?? '').filter((text) => /refused/i.test(text));
      expect(refusalResults.length).toBeGreaterThanOrEqual(4);
      const body = gh.state.issue(Number(run.outputs['pull-request-number']))?.body ?? '';
      expect(body).toContain('## Refused edits');
      for (const path of ['.github/workflows/ci.yml', '../escaped.txt', 'linked/evil.js', 'src/cart.js']) expect(body).toContain(`\`${path}\``);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('a file the test command writes under .github/workflows/ is caught by the gate: nothing pushed', async ({ gh, model, workspace }) => {
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, { loop: redThenGreen() });
    const command = `node --test && node -e "require('fs').mkdirSync('.github/workflows',{recursive:true});require('fs').writeFileSync('.github/workflows/evil.yml','on: push')"`;
    const run = await runImplement({ gh, model, workspace }, { inputs: { 'test-command': command } });

    // In the sandbox the test command writes to its own copy, so the file never reaches the change; without a
    // sandbox the write lands in the workspace and the path gate refuses the whole change.
    if (run.outputs.status === 'opened') {
      expect(fileAt(gh, run.outputs.branch ?? '', '.github/workflows/evil.yml')).toBeNull();
    } else {
      expect(run.exitCode).toBe(1);
      expect(run.outputs.status).toBe('failed');
      expect(pullsFor(gh)).toEqual([]);
      expect(branches(gh)).toEqual(['refs/heads/main']);
      expect(labelsOf(gh, issue.number)).toContain('agent:failed');
      expect(stickyOf(gh, issue.number)).toContain('.github/workflows/evil.yml is protected');
    }
  });

  test('a diff with a secret is blocked: nothing pushed, and the secret appears nowhere', async ({ gh, model, workspace }) => {
    const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    const token = `ghp_${'R8fK2pQ7xV4mN9tL3wZ6yB1cD5gH0jS8aE2u'}`;
    const leak = { old: FORMAT_EDIT.new, new: `${FORMAT_EDIT.new}\n  const auditToken = '${token}';` };
    scriptAgent(model, {
      loop: [
        ...redThenGreen().slice(0, 4),
        { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/format.js', old_string: leak.old, new_string: leak.new } }] },
        { toolCalls: [{ name: 'run_tests', arguments: {} }] },
        { toolCalls: [{ name: 'finish', arguments: { summary: 'done' } }] },
      ],
    });
    const run = await runImplement({ gh, model, workspace });

    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(pullsFor(gh)).toEqual([]);
    expect(branches(gh)).toEqual(['refs/heads/main']);
    expect(gh.countRequests({ method: 'POST', path: /\/git\/(blobs|trees|commits|refs)$/ })).toBe(0);
    expect(labelsOf(gh, issue.number)).toContain('agent:failed');
    const report = stickyOf(gh, issue.number) ?? '';
    expect(report).toContain('blocked by a safety gate');
    expect(report).toMatch(/src\/format\.js:\d+: GitHub token/);
    const written = gh.requests
      .filter((request) => request.method !== 'GET')
      .map((request) => JSON.stringify(request.body))
      .join('\n');
    expect(written).not.toContain(token);
    expect(run.summary).not.toContain(token);
  });

  test('a made-up dependency is blocked after the registry says it does not exist', async ({ gh, model, workspace: _unused }) => {
    const asked: string[] = [];
    // A fake npm registry on loopback: left-pad is an old, popular package; nothing else exists.
    const registry = createServer((request, response) => {
      const path = decodeURIComponent(request.url ?? '');
      asked.push(path);
      if (path === '/left-pad') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            name: 'left-pad',
            'dist-tags': { latest: '1.3.0' },
            versions: { '1.3.0': { license: 'MIT' } },
            time: { created: '2014-03-01T00:00:00Z', '1.3.0': '2018-04-01T00:00:00Z' },
          }),
        );
      } else if (path === '/downloads/point/last-week/left-pad') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ downloads: 2_000_000 }));
      } else response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
    });
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
    const port = (registry.address() as AddressInfo).port;
    commitPolicy(gh, `ciso-review:\n  registries:\n    npm: http://127.0.0.1:${port}\n    npm-downloads: http://127.0.0.1:${port}\n`);
    const workspace = cloneWorkspace(gh);
    try {
      const issue = gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
      const manifest = fileAt(gh, 'main', 'package.json') ?? '';
      const withDeps = manifest.replace(
        '"scripts": {',
        '"dependencies": {\n    "left-pad": "^1.3.0",\n    "left-padx-made-up": "^1.0.0"\n  },\n  "scripts": {',
      );
      scriptAgent(model, {
        plan: { ...PLAN, files: [...PLAN.files, { path: 'package.json', action: 'modify', reason: 'dependency' }] },
        loop: [{ toolCalls: [{ name: 'edit_file', arguments: { path: 'package.json', old_string: manifest, new_string: withDeps } }] }, ...redThenGreen()],
      });
      const run = await runImplement({ gh, model, workspace });

      expect(run.exitCode).toBe(1);
      expect(run.outputs.status).toBe('failed');
      expect(pullsFor(gh)).toEqual([]);
      expect(asked.filter((path) => !path.startsWith('/downloads/')).sort()).toEqual(['/left-pad', '/left-padx-made-up']);
      const report = stickyOf(gh, issue.number) ?? '';
      expect(report).toMatch(/package\.json:\d+: left-padx-made-up does not exist/);
      expect(report).not.toMatch(/: [^\n]*left-pad[^x]/);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
      await new Promise<void>((resolve) => registry.close(() => resolve()));
    }
  });

  test('canary: the test command dumps its environment and no token or key value is in it', async ({ gh, model, workspace }) => {
    gh.state.addIssue({ ...ISSUE, labels: ['roadmap'] });
    scriptAgent(model, {
      loop: [
        { toolCalls: [{ name: 'edit_file', arguments: { path: 'test/format.test.js', old_string: TEST_EDIT.old, new_string: TEST_EDIT.new } }] },
        { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/format.js', old_string: FORMAT_EDIT.old, new_string: FORMAT_EDIT.new } }] },
        { toolCalls: [{ name: 'run_tests', arguments: {} }] },
        { toolCalls: [{ name: 'finish', arguments: { summary: 'done' } }] },
      ],
    });
    const canary = 'canary-5b9e1f0c7a3d';
    const run = await runImplement(
      { gh, model, workspace },
      {
        inputs: { 'test-command': 'node -e "console.log(\'ENV-DUMP \' + JSON.stringify(process.env))"' },
        env: {
          MY_SERVICE_TOKEN: canary,
          GITHUB_TOKEN: gh.botToken,
          OPENAI_API_KEY: model.keys.openai ?? '',
          ACTIONS_RUNTIME_TOKEN: canary,
          AWS_SECRET_ACCESS_KEY: canary,
        },
      },
    );
    expect(run.outputs.status).toBe('opened');
    const dump = model.requests.map((request) => request.messages.at(-1)?.text ?? '').find((text) => text.includes('ENV-DUMP {')) ?? '';
    expect(dump).toContain('"PATH"');
    for (const secret of [canary, gh.botToken, model.keys.openai ?? '']) expect(dump).not.toContain(secret);
    expect(dump).not.toMatch(/INPUT_|ACTIONS_|GITHUB_TOKEN|OPENAI_API_KEY/);
    const written = everythingWritten(gh, model, run);
    for (const secret of [canary, gh.botToken]) expect(written).not.toContain(secret);
  });
});
