/**
 * The scripted model's answers for the discovery half's bug: the `[Bug]` the log miner filed from the smoke
 * check's stack trace (an unknown promotion code crashes the checkout). A capable model reads the frame the
 * trace names, writes a regression test that fails with the reported TypeError, runs it (red), fixes the line,
 * runs the suite again (green) and finishes with the root cause.
 */
import type { RecordedModelRequest, ScriptedReply } from '../emulators/model/index.js';

const BUGGY_LINE = '  return PROMOTIONS.get(code.trim().toUpperCase()).percent;';
const FIXED_LINE = '  return PROMOTIONS.get(code.trim().toUpperCase())?.percent ?? 0;';
const LAST_TEST = "test('no code gives no discount', () => {\n  assert.equal(discountFor(''), 0);\n});\n";

export const REGRESSION_TEST = [
  '',
  "test('a code the shop does not know gives no discount instead of failing the checkout', () => {",
  "  assert.equal(discountFor('SUMMER'), 0);",
  "  assert.equal(discountFor('welcome-10'), 0);",
  '});',
  '',
].join('\n');

export const ROOT_CAUSE =
  "discountFor() in src/promotions.js:10 reads .percent of PROMOTIONS.get(code), which is undefined for a code the shop does not know (mistyped or expired), so the checkout throws TypeError: Cannot read properties of undefined (reading 'percent').";

/** Whether the conversation is about the promotion-code bug (the issue, its trace or the fix name it). */
export function isPromotionBug(text: string): boolean {
  return /reading 'percent'|\bdiscountFor\b/.test(text);
}

export const PROMOTION_PLAN = {
  problem:
    "discountFor() throws a TypeError for a promotion code the shop does not know, so one mistyped code crashes the whole checkout (the smoke check's fourth checkout, seen twice on the default branch).",
  files: [
    { path: 'src/promotions.js', action: 'modify', reason: 'an unknown code gives no discount' },
    { path: 'test/promotions.test.js', action: 'modify', reason: 'regression test for an unknown code, written first' },
  ],
  steps: [
    'Reproduce: add a test that calls discountFor with an unknown code and expects 0; it must fail with the reported TypeError.',
    'Fix src/promotions.js:10: an unknown code gives 0 percent.',
    'Run the suite again: the new test and the existing ones pass.',
  ],
  tests: ["discountFor('SUMMER') is 0", "discountFor('welcome-10') is 0"],
  checklist: ['Known codes still give their discount', 'No code still gives none'],
  risks: ['A mistyped code is now silently ignored; the checkout page may want to say so'],
  architectural: false,
};

function call(name: string, args: Record<string, unknown>): ScriptedReply {
  return { toolCalls: [{ name, arguments: args }] };
}

/** The edit loop, one step per tool result the conversation already holds. */
export function promotionFixStep(request: RecordedModelRequest): ScriptedReply {
  const step = request.messages.filter((message) => message.role === 'tool' || /tool_result/.test(message.role)).length;
  const script: Array<() => ScriptedReply> = [
    () => call('read_file', { path: 'src/promotions.js' }),
    () => call('edit_file', { path: 'test/promotions.test.js', old_string: LAST_TEST, new_string: `${LAST_TEST}${REGRESSION_TEST}` }),
    // Red first: the new test fails on the unchanged code with the reported TypeError.
    () => call('run_tests', {}),
    () => call('edit_file', { path: 'src/promotions.js', old_string: BUGGY_LINE, new_string: FIXED_LINE }),
    () => call('run_tests', {}),
    () =>
      call('finish', {
        summary:
          'A promotion code the shop does not know gives no discount instead of crashing the checkout; a regression test reproduces the reported TypeError.',
        root_cause: ROOT_CAUSE,
      }),
  ];
  return (script[Math.min(step, script.length - 1)] ?? script[0] ?? (() => ({ text: '' })))();
}
