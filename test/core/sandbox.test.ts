import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openSandbox, probeIsolation, runRepositoryCommand, type Sandbox } from '../../src/core/sandbox/index.js';

// These tests create real users and namespaces: they need Linux with root or passwordless sudo (CI runs as root).
const probe = await probeIsolation(process.env, 'none');
const cannot = probe.capabilities ? undefined : probe.reason;
const noPidNamespace = probe.capabilities && !probe.capabilities.pidNamespace ? 'unshare --pid is not permitted here' : cannot;
const noNetNamespace = probe.capabilities && !probe.capabilities.networkNamespace ? 'unshare --net is not permitted here' : cannot;
const named = (title: string, reason: string | undefined) => (reason ? `${title} (skipped: ${reason})` : title);

const SECRET = `sk-canary-${Math.random().toString(36).slice(2)}`;

/** A checkout laid out as on a GitHub runner: world-readable folders, a .git with a credential. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-ws-'));
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, 'src', 'a.txt'), 'first\n');
  writeFileSync(join(dir, 'keep.txt'), 'keep\n');
  writeFileSync(join(dir, '.git', 'config'), `[http]\n\textraheader = AUTHORIZATION: basic ${SECRET}\n`);
  return dir;
}

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function open(dir: string, extra: { network?: 'allow' | 'none'; privatePaths?: string[] } = {}): Promise<Sandbox> {
  const sandbox = await openSandbox({
    workspace: dir,
    network: extra.network ?? 'allow',
    privatePaths: extra.privatePaths ?? [dir],
    env: { ...process.env, OPENAI_API_KEY: SECRET, INPUT_GITHUB_TOKEN: SECRET },
    allowUnisolated: false,
  });
  cleanup.push(
    () => sandbox.close(),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  return sandbox;
}

describe.sequential('sandbox for repository commands', { timeout: 60_000 }, () => {
  it.skipIf(cannot)(named('runs as another user in its own copy with a minimal environment, without the checkout or its .git', cannot), async () => {
    const dir = workspace();
    const sandbox = await open(dir);
    const run = await sandbox.run(`id -u; pwd; echo "HOME=$HOME TMPDIR=$TMPDIR"; cat src/a.txt; ls -a; env; cat ${dir}/keep.txt; cat ${dir}/.git/config`, {
      timeoutMs: 20_000,
    });
    expect(sandbox.isolation).toMatchObject({ isolated: true });
    const [uid, cwd] = run.output.split('\n');
    expect(Number(uid)).toBeGreaterThan(0);
    expect(cwd).toMatch(/^\/tmp\/agentic-sandbox-[0-9a-f]+\/work$/);
    expect(run.output).toContain('first');
    expect(run.output).toMatch(/HOME=\/tmp\/agentic-sandbox-[0-9a-f]+\/home TMPDIR=\/tmp\/agentic-sandbox-[0-9a-f]+\/tmp/);
    expect(run.output).not.toMatch(/^\.git$/m);
    expect(run.output).toMatch(/keep\.txt: Permission denied/);
    expect(run.output).toMatch(/\.git\/config: Permission denied/);
    expect(run.output).not.toContain(SECRET);
    expect(run.exitCode).not.toBe(0);
    // The checkout became private to the action's user.
    expect(statSync(dir).mode & 0o077).toBe(0);
  });

  it.skipIf(cannot)(named('reads back a file a command rewrote in its copy, byte for byte, but never through a link', cannot), async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'secret-beside.txt'), SECRET);
    const sandbox = await open(dir);
    const run = await sandbox.run("printf 'lock\\000\\377v2' > src/a.txt; ln -s /etc/hostname link.json; ln -s ../keep.txt src/up.json", { timeoutMs: 20_000 });
    expect(run.exitCode).toBe(0);
    expect(await sandbox.readFile('src/a.txt')).toEqual(Buffer.from([...Buffer.from('lock'), 0, 0xff, ...Buffer.from('v2')]));
    // The checkout itself is untouched: the rewrite happened in the sandbox's copy.
    expect(readFileSync(join(dir, 'src', 'a.txt'), 'utf8')).toBe('first\n');
    expect(await sandbox.readFile('link.json')).toBeNull();
    expect(await sandbox.readFile('src/up.json')).toBeNull();
    expect(await sandbox.readFile('missing.json')).toBeNull();
    await expect(sandbox.readFile('../secret-beside.txt')).rejects.toThrow(/not a path inside the workspace/);
    // Control: an ordinary file is read.
    expect((await sandbox.readFile('keep.txt'))?.toString('utf8')).toBe('keep\n');
  });

  it.skipIf(cannot)(named('syncs only the files that changed, deletions included, before each run', cannot), async () => {
    const dir = workspace();
    const sandbox = await open(dir);
    expect((await sandbox.run('cat src/a.txt keep.txt', { timeoutMs: 20_000 })).output).toBe('first\nkeep\n');
    writeFileSync(join(dir, 'src', 'a.txt'), 'second\n');
    writeFileSync(join(dir, 'src', 'new.txt'), 'new\n');
    unlinkSync(join(dir, 'keep.txt'));
    // A file the sandbox itself wrote (a build output) stays between runs, and never reaches the checkout.
    await sandbox.run('echo built > out.txt', { timeoutMs: 20_000 });
    const run = await sandbox.run('cat src/a.txt src/new.txt out.txt; test -e keep.txt && echo still-there || echo gone', { timeoutMs: 20_000 });
    expect(run.output).toBe('second\nnew\nbuilt\ngone\n');
    expect(existsSync(join(dir, 'out.txt'))).toBe(false);
  });

  it.skipIf(cannot)(named('kills detached and double-forked children when the command ends', cannot), async () => {
    const dir = workspace();
    const sandbox = await open(dir);
    const marker = join(tmpdir(), `sandbox-late-${process.pid}-${Date.now()}`);
    const run = await sandbox.run(
      `setsid sh -c 'sleep 1; touch ${marker}' >/dev/null 2>&1 & (sh -c 'sleep 1; touch ${marker}' >/dev/null 2>&1 &) ; echo started`,
      { timeoutMs: 20_000 },
    );
    expect(run.exitCode).toBe(0);
    await sleep(2_000);
    expect(existsSync(marker)).toBe(false);
  });

  it.skipIf(cannot)(named('stops a command at its deadline, whatever it started', cannot), async () => {
    const dir = workspace();
    const sandbox = await open(dir);
    const run = await sandbox.run('sleep 30 & sleep 30', { timeoutMs: 1_000, label: 'test command' });
    expect(run).toMatchObject({ timedOut: true, exitCode: null });
    expect(run.output).toContain('the test command did not finish within 1 s and was stopped');
    expect(run.durationMs).toBeLessThan(20_000);
  });

  it.skipIf(noPidNamespace)(named('shows the command no process but its own', noPidNamespace), async () => {
    const dir = workspace();
    const sandbox = await open(dir);
    const run = await sandbox.run(`cat /proc/${process.pid}/cmdline || echo no-such-process; ls /proc | grep -c '^[0-9]'`, { timeoutMs: 20_000 });
    expect(sandbox.isolation.pidNamespace).toBe(true);
    expect(run.output).toContain('no-such-process');
    expect(Number(run.output.trim().split('\n').at(-1))).toBeLessThan(10);
  });

  it.skipIf(noNetNamespace)(named('cuts the network with test-network none, and leaves it with allow', noNetNamespace), async () => {
    const server = createServer((_, response) => response.end('reachable'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as { port: number }).port;
    const fetch = `node -e "fetch('http://127.0.0.1:${port}').then(r => r.text()).then(t => console.log(t), e => console.log('unreachable', e.cause?.code))"`;
    const cut = await open(workspace(), { network: 'none' });
    expect(cut.isolation.networkCut).toBe(true);
    const blocked = await cut.run(fetch, { timeoutMs: 20_000 });
    expect(blocked.output).toContain('unreachable ECONNREFUSED');
    // Loopback inside the namespace works: test suites that start their own server still run.
    const local = await cut.run(
      `node -e "require('http').createServer((q, r) => r.end('own')).listen(0, '127.0.0.1', function () { fetch('http://127.0.0.1:' + this.address().port).then(r => r.text()).then(t => { console.log(t); process.exit(0); }); })"`,
      { timeoutMs: 20_000 },
    );
    expect(local.output).toContain('own');
    const open_ = await open(workspace(), { network: 'allow' });
    expect((await open_.run(fetch, { timeoutMs: 20_000 })).output).toContain('reachable');
  });

  it.skipIf(cannot)(named('removes the sandbox user and its folder on close', cannot), async () => {
    const dir = workspace();
    const run = await runRepositoryCommand('echo "$USER $PWD"', {
      workspace: dir,
      network: 'allow',
      privatePaths: [dir],
      env: process.env,
      allowUnisolated: false,
      timeoutMs: 20_000,
    });
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const [user = '', cwd = ''] = run.output.trim().split(' ');
    expect(user).toMatch(/^agentic-sandbox-[0-9a-f]{8}$/);
    expect(() => execFileSync('id', [user], { stdio: 'ignore' })).toThrow();
    expect(existsSync(cwd)).toBe(false);
  });
});
