/**
 * A Sentry project with a week of production errors: a Node error through Express, a Python error with a
 * chained cause, an issue whose events passed retention, and noise that must stay out (a resolved issue, one
 * last seen before the window).
 */
import { startSentryEmulator, type SentryEmulator, type SentryEmulatorOptions, type SentryIssueInput } from '../../src/emulators/sentry/index.js';
import { NOW } from './harness.js';

export const SENTRY_TOKEN = 'sntrys_eyJpYXQiOjE3NjUwMDAwMDB9_readEventsTokenForTests00000000000';
export const SCOPELESS_TOKEN = 'sntrys_eyJpYXQiOjE3NjUwMDAwMDF9_orgReadOnlyTokenForTests000000000';

export const SENTRY_ISSUES: SentryIssueInput[] = [
  {
    id: '4000000101',
    project: 'widgets-api',
    title: 'RangeError: Invalid time value',
    culprit: 'formatDue(src/dates/format)',
    count: 1423,
    userCount: 87,
    firstSeen: '2026-11-30T08:12:44.000000Z',
    lastSeen: '2026-12-06T01:40:03.000000Z',
    events: [
      {
        dateCreated: '2026-12-06T01:40:03.000000Z',
        platform: 'node',
        release: 'widgets@1.4.0',
        exceptions: [
          {
            type: 'RangeError',
            value: 'Invalid time value',
            frames: [
              {
                filename: '/srv/app/node_modules/express/lib/router/layer.js',
                function: 'Layer.handle [as handle_request]',
                lineNo: 95,
                colNo: 5,
                inApp: false,
              },
              { filename: 'app:///src/invoices/render.ts', function: 'renderInvoice', lineNo: 57, colNo: 19, inApp: true },
              { filename: 'app:///src/dates/format.ts', function: 'formatDue', lineNo: 12, colNo: 33, inApp: true },
              { filename: 'node:internal/date', function: 'Date.toISOString', lineNo: 1, inApp: false },
            ],
          },
        ],
      },
    ],
  },
  {
    id: '4000000102',
    project: 'widgets-api',
    title: 'ZeroDivisionError: division by zero',
    culprit: 'app.payments.refund in prorate',
    count: 12,
    userCount: 9,
    firstSeen: '2026-12-03T14:00:00.000000Z',
    lastSeen: '2026-12-05T22:10:00.000000Z',
    events: [
      {
        dateCreated: '2026-12-05T22:10:00.000000Z',
        platform: 'python',
        exceptions: [
          {
            type: 'KeyError',
            value: "'days'",
            frames: [{ filename: 'app/payments/plan.py', absPath: '/srv/app/app/payments/plan.py', function: 'days_in', lineNo: 30, inApp: true }],
          },
          {
            type: 'ZeroDivisionError',
            value: 'division by zero',
            frames: [
              { filename: 'app/api/refunds.py', absPath: '/srv/app/app/api/refunds.py', function: 'post', lineNo: 41, inApp: true },
              { filename: 'app/payments/refund.py', absPath: '/srv/app/app/payments/refund.py', function: 'prorate', lineNo: 88, inApp: true },
            ],
          },
        ],
      },
    ],
  },
  {
    id: '4000000103',
    project: 'widgets-api',
    title: "TypeError: Cannot read properties of null (reading 'sku')",
    culprit: 'toLine(src/orders/lines)',
    count: 3,
    userCount: 2,
    firstSeen: '2026-11-02T09:00:00.000000Z',
    lastSeen: '2026-12-04T09:30:00.000000Z',
    // Its events passed the retention period; the issue and its counts remain.
    events: [],
  },
  {
    id: '4000000104',
    project: 'widgets-api',
    title: 'Error: already fixed',
    culprit: 'old(src/old)',
    status: 'resolved',
    count: 40,
    userCount: 4,
    firstSeen: '2026-12-01T00:00:00.000000Z',
    lastSeen: '2026-12-05T00:00:00.000000Z',
    events: [{ dateCreated: '2026-12-05T00:00:00.000000Z', platform: 'node', exceptions: [{ type: 'Error', value: 'already fixed', frames: [] }] }],
  },
  {
    id: '4000000105',
    project: 'widgets-api',
    title: 'Error: long quiet',
    culprit: 'quiet(src/quiet)',
    count: 5,
    userCount: 1,
    firstSeen: '2026-10-01T00:00:00.000000Z',
    lastSeen: '2026-11-20T00:00:00.000000Z',
    events: [{ dateCreated: '2026-11-20T00:00:00.000000Z', platform: 'node', exceptions: [{ type: 'Error', value: 'long quiet', frames: [] }] }],
  },
];

export function startSentry(overrides: Partial<SentryEmulatorOptions> = {}): Promise<SentryEmulator> {
  return startSentryEmulator({
    organization: 'acme',
    projects: ['widgets-api'],
    issues: SENTRY_ISSUES,
    tokens: [
      { token: SENTRY_TOKEN, scopes: ['event:read', 'project:read', 'org:read'] },
      { token: SCOPELESS_TOKEN, scopes: ['org:read'] },
    ],
    now: () => new Date(NOW),
    ...overrides,
  });
}

export function sentryInputs(sentry: SentryEmulator, token = SENTRY_TOKEN): Record<string, string> {
  return { 'sentry-url': sentry.url, 'sentry-org': 'acme', 'sentry-project': 'widgets-api', 'sentry-token': token, 'log-source-root': '/srv/app' };
}
