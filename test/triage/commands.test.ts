import { describe, expect, it } from 'vitest';
import { commandBlocks } from '../../src/core/commands.js';
import { hasTriageCommand, triageCommands } from '../../src/triage/commands.js';

describe('commands on a suggestion', () => {
  const on = { issue: 12, onReport: false };

  it('reads /approve with and without a priority, and /reject with its reason', () => {
    expect(triageCommands('/approve', on)).toEqual([{ target: 12, verb: 'approve', command: { name: 'approve', priority: undefined } }]);
    expect(triageCommands('Looks right.\n/approve low', on)[0]?.command).toEqual({ name: 'approve', priority: 'low' });
    expect(triageCommands('/reject because we already log this elsewhere', on)[0]?.command).toEqual({
      name: 'reject',
      reason: 'because we already log this elsewhere',
    });
  });

  it('keeps a #N after /reject as part of the reason, unless it names this very issue', () => {
    expect(triageCommands('/reject #7 already covers this', on)[0]).toMatchObject({
      target: 12,
      command: { name: 'reject', reason: '#7 already covers this' },
    });
    expect(triageCommands('/reject #12 out of scope', on)[0]).toMatchObject({ target: 12, command: { name: 'reject', reason: 'out of scope' } });
  });

  it('turns /reject without a reason into an invalid command (to be refused with an explanation)', () => {
    expect(triageCommands('/reject', on)[0]?.command).toMatchObject({ name: 'invalid', command: 'reject' });
  });

  it('ignores quoted, fenced and other commands', () => {
    expect(triageCommands('> /approve\n\n```\n/reject no\n```\n/approve-spec\n/retry', on)).toEqual([]);
  });
});

describe('commands on the report', () => {
  const on = { issue: 40, onReport: true };

  it('reads one decision per line, each naming its suggestion', () => {
    const commands = triageCommands('/approve #12 low\n/approve #13\n\n/reject #14 duplicate of #7\n/reject #15\nnot worth the churn', on);
    expect(commands.map((c) => [c.target, c.command])).toEqual([
      [12, { name: 'approve', priority: 'low' }],
      [13, { name: 'approve', priority: undefined }],
      [14, { name: 'reject', reason: 'duplicate of #7' }],
      [15, { name: 'reject', reason: 'not worth the churn' }],
    ]);
  });

  it('leaves the target empty when a command names none', () => {
    expect(triageCommands('/approve high', on)).toEqual([{ target: null, verb: 'approve', command: { name: 'approve', priority: 'high' } }]);
  });
});

describe('commandBlocks (core)', () => {
  it('gives each visible command with the paragraph below it', () => {
    expect(commandBlocks('/reject\nsecond line\n\n/approve\n> /reject quoted')).toEqual(['/reject\nsecond line', '/approve']);
  });
});

describe('hasTriageCommand', () => {
  it('is true only for approve or reject outside code and quotes', () => {
    expect(hasTriageCommand('please /approve this')).toBe(false);
    expect(hasTriageCommand('`/approve`')).toBe(false);
    expect(hasTriageCommand('ok\n/approve')).toBe(true);
    expect(hasTriageCommand('/approve-spec')).toBe(false);
  });
});
