import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSandbox, probeIsolation, UnisolatedSandbox, type Sandbox } from '../../src/core/sandbox/index.js';
import { sandboxPath, type PathPlatform } from '../../src/core/sandbox/sandbox-path.js';

const probe = await probeIsolation(process.env, 'allow');
const cannot = probe.capabilities ? undefined : probe.reason;

/** A Unix platform whose executables are the listed files. */
function platform(files: string[]): PathPlatform {
  return { delimiter: ':', system: ['/usr/bin', '/bin'], names: (command) => [command], isExecutable: (file) => files.includes(file) };
}

describe('the fixed PATH of repository code', () => {
  it("keeps the system folders and the folders of the caller's toolchains, in the caller's order, and nothing else", () => {
    const path = sandboxPath(
      '/opt/action/bin:/opt/hostedtoolcache/node/22.1.0/x64/bin:/home/runner/.local/bin:/usr/bin:/opt/hostedtoolcache/go/1.22/x64/bin:/bin',
      platform(['/opt/action/bin/helper', '/opt/hostedtoolcache/node/22.1.0/x64/bin/node', '/opt/hostedtoolcache/go/1.22/x64/bin/go', '/usr/bin/python3']),
    );
    expect(path).toBe('/opt/hostedtoolcache/node/22.1.0/x64/bin:/opt/hostedtoolcache/go/1.22/x64/bin:/usr/bin:/bin');
  });

  it('attack: a relative or empty entry (the checkout itself) never passes, even when it holds a `node`; control: the absolute folder with node does', () => {
    const files = ['./node', 'node_modules/.bin/node', '/opt/node/bin/node'];
    expect(sandboxPath('.::node_modules/.bin:/opt/node/bin', platform(files))).toBe('/opt/node/bin:/usr/bin:/bin');
  });

  it('a tool the system folders already give first is not taken from a later folder (as the shell would find it)', () => {
    expect(sandboxPath('/usr/bin:/opt/other/bin', platform(['/usr/bin/node', '/opt/other/bin/node']))).toBe('/usr/bin:/bin');
    expect(sandboxPath(undefined, platform([]))).toBe('/usr/bin:/bin');
  });
});

// A caller PATH entry the action added for itself (here: a folder with its own helper command) is not visible to
// repository code, isolated or not; the folder that holds node is.
describe.sequential('the sandbox runs repository code with the fixed PATH', { timeout: 60_000 }, () => {
  const base = mkdtempSync(join(tmpdir(), 'sandbox-path-'));
  chmodSync(base, 0o755);
  const callerBin = join(base, 'action-bin');
  const nodeBin = join(base, 'toolcache-node', 'bin');
  mkdirSync(callerBin);
  mkdirSync(nodeBin, { recursive: true });
  chmodSync(join(base, 'toolcache-node'), 0o755);
  writeFileSync(join(callerBin, 'action-helper'), '#!/bin/sh\necho helper ran\n', { mode: 0o755 });
  symlinkSync(process.execPath, join(nodeBin, 'node'));
  chmodSync(callerBin, 0o755);
  chmodSync(nodeBin, 0o755);
  const workspace = join(base, 'ws');
  mkdirSync(workspace);
  chmodSync(workspace, 0o755);
  const env = { ...process.env, PATH: `${callerBin}:${nodeBin}:${process.env.PATH ?? ''}` };
  const command = 'echo "PATH=$PATH"; command -v action-helper || echo "no action-helper"; command -v node';
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  function check(output: string) {
    const path = /^PATH=(.*)$/m.exec(output)?.[1] ?? '';
    expect(path.split(':')).not.toContain(callerBin);
    expect(output).toContain('no action-helper');
    expect(path.split(':')[0]).toBe(nodeBin);
    // The toolchain folder comes before /usr/bin as on the caller's PATH: this node is the one found.
    expect(output.trim().split('\n').at(-1)).toBe(join(nodeBin, 'node'));
  }

  it('not isolated (the action user)', async () => {
    const sandbox = new UnisolatedSandbox({ workspace, network: 'allow', privatePaths: [], env }, 'test');
    check((await sandbox.run(command, { timeoutMs: 20_000 })).output);
  });

  it.skipIf(cannot)(`isolated (a sandbox user)${cannot ? ` (skipped: ${cannot})` : ''}`, async () => {
    let sandbox: Sandbox | undefined;
    try {
      sandbox = await openSandbox({ workspace, network: 'allow', privatePaths: [], env, allowUnisolated: false });
      expect(sandbox.isolation.isolated).toBe(true);
      check((await sandbox.run(command, { timeoutMs: 20_000 })).output);
    } finally {
      await sandbox?.close();
    }
  });
});
