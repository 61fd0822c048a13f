import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEvent, labelNames, parseEvent, readEvent } from '../../src/core/event.js';
import { webhookExample } from '../harness/runner.js';

describe('event context', () => {
  it('parses real webhook payloads into the union', () => {
    const comment = parseEvent('issue_comment', webhookExample('issue_comment', 'created'));
    expect(isEvent(comment, 'issue_comment')).toBe(true);
    if (isEvent(comment, 'issue_comment')) expect(typeof comment.payload.comment.id).toBe('number');
    const pr = parseEvent('pull_request', webhookExample('pull_request', 'opened'));
    expect(isEvent(pr, 'pull_request') && pr.payload.pull_request.head.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(pr.sender?.login).toBeTruthy();
    for (const [name, action] of [
      ['issues', 'labeled'],
      ['pull_request_review', 'submitted'],
      ['check_suite', 'completed'],
      ['status', undefined],
      ['workflow_run', 'completed'],
      ['check_run', 'completed'],
    ] as const) {
      expect(parseEvent(name, webhookExample(name, action)).name).toBe(name);
    }
  });

  it('keeps unknown events as other and refuses a payload that does not match its event', () => {
    expect(parseEvent('star', webhookExample('star')).name).toBe('other');
    expect(() => parseEvent('pull_request', { action: 'opened' })).toThrow(/pull_request event payload .*pull_request/);
  });

  it('reads GITHUB_EVENT_PATH like a runner', () => {
    const dir = mkdtempSync(join(tmpdir(), 'event-'));
    writeFileSync(join(dir, 'e.json'), JSON.stringify({ inputs: { 'issue-number': '3' } }));
    const event = readEvent({ GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_EVENT_PATH: join(dir, 'e.json') });
    expect(isEvent(event, 'workflow_dispatch') && event.payload.inputs).toEqual({ 'issue-number': '3' });
    writeFileSync(join(dir, 'bad.json'), '{');
    expect(() => readEvent({ GITHUB_EVENT_NAME: 'schedule', GITHUB_EVENT_PATH: join(dir, 'bad.json') })).toThrow(/could not be read as JSON/);
  });

  it('normalises label lists', () => {
    expect(labelNames([{ name: 'a' }, 'b'])).toEqual(['a', 'b']);
    expect(labelNames(undefined)).toEqual([]);
  });
});
