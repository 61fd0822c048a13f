import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands.js';

describe('parseCommand', () => {
  it('reads each command with its argument', () => {
    expect(parseCommand('/approve')).toEqual({ name: 'approve', priority: undefined });
    expect(parseCommand('/approve high')).toEqual({ name: 'approve', priority: 'high' });
    expect(parseCommand('/approve priority-low')).toEqual({ name: 'approve', priority: 'low' });
    expect(parseCommand('/approve Medium, thanks')).toEqual({ name: 'approve', priority: 'medium' });
    expect(parseCommand('/reject duplicate of #12')).toEqual({ name: 'reject', reason: 'duplicate of #12' });
    expect(parseCommand('/approve-spec')).toEqual({ name: 'approve-spec' });
    expect(parseCommand('/reject-spec touches too many files')).toEqual({ name: 'reject-spec', reason: 'touches too many files' });
    expect(parseCommand('/review')).toEqual({ name: 'review' });
    expect(parseCommand('/retry')).toEqual({ name: 'retry' });
  });

  it('finds a command at the start of any line, with up to three spaces of indent and CRLF endings', () => {
    expect(parseCommand('Thanks, looks right.\r\n\r\n   /approve high\r\n')).toEqual({ name: 'approve', priority: 'high' });
  });

  it('returns the first command only', () => {
    expect(parseCommand('/retry\n/approve')).toEqual({ name: 'retry' });
  });

  it('ignores commands that are not at the start of a line', () => {
    expect(parseCommand('please /approve this')).toBeNull();
    expect(parseCommand('I would /reject it')).toBeNull();
  });

  it('ignores commands inside fenced code, indented code, quotes and HTML comments', () => {
    expect(parseCommand('```\n/approve\n```')).toBeNull();
    expect(parseCommand('~~~~md\n/approve\n~~~\n/still inside\n~~~~')).toBeNull();
    expect(parseCommand('text\n\n    /approve')).toBeNull();
    expect(parseCommand('> /approve high\n> quoted')).toBeNull();
    expect(parseCommand('  > /reject nope')).toBeNull();
    expect(parseCommand('<!-- /approve -->')).toBeNull();
    expect(parseCommand('<!--\n/approve\n-->')).toBeNull();
    expect(parseCommand('<!-- unclosed\n/approve')).toBeNull();
    expect(parseCommand('```\n/approve\n```\n/reject not now')).toEqual({ name: 'reject', reason: 'not now' });
  });

  it('needs an exact command name', () => {
    expect(parseCommand('/approved')).toBeNull();
    expect(parseCommand('/approvespec')).toBeNull();
    expect(parseCommand('/unknown thing')).toBeNull();
    expect(parseCommand('/APPROVE-SPEC')).toEqual({ name: 'approve-spec' });
  });

  it('takes a reject reason from the lines below when the command line has none', () => {
    expect(parseCommand('/reject\nNot aligned with\nthe roadmap.\n\nSigned, CPO')).toEqual({ name: 'reject', reason: 'Not aligned with the roadmap.' });
  });

  it('reports a known command written wrongly instead of dropping it', () => {
    expect(parseCommand('/reject')).toEqual({ name: 'invalid', command: 'reject', problem: expect.stringMatching(/needs a reason/) });
    expect(parseCommand('/reject-spec\n\nlater text')).toMatchObject({ name: 'invalid', command: 'reject-spec' });
    expect(parseCommand('/reject\n/retry')).toMatchObject({ name: 'invalid', command: 'reject' });
    expect(parseCommand('/approve urgent')).toEqual({ name: 'invalid', command: 'approve', problem: expect.stringMatching(/unknown priority "urgent"/) });
  });

  it('treats text after an argument-less command as a remark', () => {
    expect(parseCommand('/approve-spec looks good')).toEqual({ name: 'approve-spec' });
  });

  it('returns null for empty or missing bodies', () => {
    expect(parseCommand('')).toBeNull();
    expect(parseCommand(null)).toBeNull();
    expect(parseCommand(undefined)).toBeNull();
  });
});
