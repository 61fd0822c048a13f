import { describe, expect, it } from 'vitest';
import { IsolationUnavailableError, UnisolatedSandbox } from '../../src/core/sandbox/index.js';
import { inAnalystSandbox } from '../../src/discover/analyst-context.js';

// The one place an analyst opens the sandbox: coverage and docs drift say the same thing when it cannot be had.
describe('analysts run repository code through inAnalystSandbox', () => {
  it('no sandbox in this run: a note, nothing run', async () => {
    let called = false;
    const outcome = await inAnalystSandbox({}, 'Code blocks were', async () => {
      called = true;
      return 1;
    });
    expect(outcome).toEqual({ ran: false, note: 'Code blocks were not run: this run has no sandbox for repository code.' });
    expect(called).toBe(false);
  });

  it('a runner that cannot isolate: the note names why and the input that allows it; another error is not swallowed', async () => {
    const refused = await inAnalystSandbox(
      {
        openSandbox: () => Promise.reject(new IsolationUnavailableError('repository code cannot be isolated on this runner: no sudo')),
      },
      '`npm test` was',
      async () => 1,
    );
    expect(refused).toEqual({
      ran: false,
      note: "`npm test` was not run: repository code cannot be isolated on this runner: no sudo. Set allow-unisolated-tests: true to run it as the action's user.",
    });
    await expect(inAnalystSandbox({ openSandbox: () => Promise.reject(new Error('disk full')) }, 'x was', async () => 1)).rejects.toThrow('disk full');
  });

  it('runs the work in the sandbox and closes it, also when the work throws', async () => {
    let closed = 0;
    const sandbox = new UnisolatedSandbox({ workspace: process.cwd(), network: 'allow', privatePaths: [], env: process.env }, 'test');
    sandbox.close = async () => {
      closed += 1;
    };
    const outcome = await inAnalystSandbox({ openSandbox: async () => sandbox }, 'x was', async (opened) =>
      (await opened.run('echo ran', { timeoutMs: 10_000 })).output.trim(),
    );
    expect(outcome).toEqual({ ran: true, value: 'ran' });
    await expect(inAnalystSandbox({ openSandbox: async () => sandbox }, 'x was', () => Promise.reject(new Error('parse failed')))).rejects.toThrow(
      'parse failed',
    );
    expect(closed).toBe(2);
  });
});
