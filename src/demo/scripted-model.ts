/**
 * The demo's model: scripted, and said so plainly. It answers each action's requests the way a capable
 * model would for the sample project, so the demo shows the real actions at work (their prompts, tools,
 * gates, GitHub writes) without a model provider. It decides from what each request asks for: the tool it
 * must call, the tools it may use, and where the conversation stands.
 */
import type { RecordedModelRequest, ScriptedReply } from '../emulators/model/index.js';
import { isPromotionBug, PROMOTION_PLAN, promotionFixStep } from './scripted-bug-fix.js';

const CAP_LINE_WITH_BUG = "  if (percent >= 100) throw new Error('discount cannot exceed 100 percent');";
const CAP_LINE = "  if (percent > 100) throw new Error('discount cannot exceed 100 percent');";
const NEGATIVE_LINE = "  if (percent < 0) throw new Error('discount cannot be negative');";
const FINITE_LINE = "  if (!Number.isFinite(percent)) throw new Error('discount must be a number');";

const CAP_TESTS = [
  '',
  "test('allows exactly 100 percent', () => {",
  '  assert.equal(applyDiscount(500, 100), 0);',
  '});',
  '',
  "test('refuses discounts above 100 percent', () => {",
  '  assert.throws(() => applyDiscount(1000, 150), /exceed 100 percent/);',
  '});',
  '',
].join('\n');

const FINITE_TESTS = [
  '',
  "test('refuses a discount that is not a number', () => {",
  "  assert.throws(() => applyDiscount(1000, 'ten'), /must be a number/);",
  '  assert.throws(() => applyDiscount(1000, Number.NaN), /must be a number/);',
  '});',
  '',
].join('\n');

type RoadmapTask = 'cap' | 'finite';
type Task = RoadmapTask | 'promotion-bug';

function conversationText(request: RecordedModelRequest): string {
  return `${request.system}\n${request.messages.map((message) => message.text).join('\n')}`;
}

function taskOf(request: RecordedModelRequest): Task {
  if (isPromotionBug(conversationText(request))) return 'promotion-bug';
  return /not a number|non-numeric|Number\.isFinite|NaN/i.test(conversationText(request).split('diff --git')[0] ?? '') ? 'finite' : 'cap';
}

function call(name: string, args: Record<string, unknown>): ScriptedReply {
  return { toolCalls: [{ name, arguments: args }] };
}

function plan(task: RoadmapTask): Record<string, unknown> {
  const cap = task === 'cap';
  return {
    problem: cap
      ? 'applyDiscount accepts percentages above 100 and returns negative totals. It must throw for them, as it does for negative ones, while 100 stays allowed.'
      : 'applyDiscount accepts values that are not numbers (a string, NaN) and returns NaN totals. It must throw for them.',
    files: [
      { path: 'src/discount.js', action: 'modify', reason: cap ? 'add the upper bound check' : 'check that the percentage is a finite number' },
      { path: 'test/discount.test.js', action: 'modify', reason: 'cover the new rule' },
    ],
    steps: cap
      ? ['Throw when percent > 100 in applyDiscount.', 'Add tests for 100 (allowed) and 150 (refused).']
      : ['Throw when percent is not a finite number.', 'Add a test for a string and NaN.'],
    tests: cap ? ['100 percent gives 0', '150 percent throws'] : ["'ten' and NaN throw"],
    checklist: ['Existing tests still pass', 'Error message names the rule'],
    risks: ['Callers passing percentages above 100 on purpose now get an error'],
    architectural: false,
  };
}

/** The edit loop: each step follows from how many tool results the conversation already holds. */
function agentStep(task: RoadmapTask, request: RecordedModelRequest): ScriptedReply {
  const results = request.messages.filter((message) => message.role === 'tool' || /tool_result/.test(message.role));
  const lastResult = results.at(-1)?.text ?? '';
  const step = results.length;
  if (task === 'cap') {
    const script: Array<() => ScriptedReply> = [
      () => call('read_file', { path: 'src/discount.js' }),
      () => call('edit_file', { path: 'src/discount.js', old_string: NEGATIVE_LINE, new_string: `${NEGATIVE_LINE}\n${CAP_LINE_WITH_BUG}` }),
      () =>
        call('edit_file', {
          path: 'test/discount.test.js',
          old_string: '  assert.throws(() => applyDiscount(100, -5));\n});\n',
          new_string: `  assert.throws(() => applyDiscount(100, -5));\n});\n${CAP_TESTS}`,
        }),
      () => call('run_tests', {}),
      // The first run fails (exactly 100 percent is refused): fix the comparison.
      () => call('edit_file', { path: 'src/discount.js', old_string: CAP_LINE_WITH_BUG, new_string: CAP_LINE }),
      () => call('run_tests', {}),
      () =>
        call('finish', {
          summary:
            'applyDiscount now refuses percentages above 100 (100 itself is allowed), with tests for both edges. The first test run caught an off-by-one (>= instead of >), fixed before finishing.',
        }),
    ];
    return (script[step] ?? script[script.length - 1] ?? (() => ({ text: lastResult })))();
  }
  const script: Array<() => ScriptedReply> = [
    () => call('read_file', { path: 'src/discount.js' }),
    () => call('edit_file', { path: 'src/discount.js', old_string: NEGATIVE_LINE, new_string: `${FINITE_LINE}\n${NEGATIVE_LINE}` }),
    () =>
      call('edit_file', {
        path: 'test/discount.test.js',
        old_string: '  assert.throws(() => applyDiscount(100, -5));\n});\n',
        new_string: `  assert.throws(() => applyDiscount(100, -5));\n});\n${FINITE_TESTS}`,
      }),
    () => call('run_tests', {}),
    () => call('finish', { summary: 'applyDiscount now refuses percentages that are not finite numbers, with a test for a string and NaN.' }),
  ];
  return (script[step] ?? script[script.length - 1] ?? (() => ({ text: lastResult })))();
}

/** Reviews: the CTO reviewer raises one follow-up on the first pull request; the CISO reviewer finds nothing. */
function review(request: RecordedModelRequest): ScriptedReply {
  // ciso-review asks for a confidence with every finding; cto-review does not.
  const security = JSON.stringify(request.body?.tools ?? request.body?.functions ?? '').includes('confidence');
  const text = conversationText(request);
  const findings =
    // The first pull request adds the upper bound without a type check; the second adds the check.
    !security && text.includes(CAP_LINE.trim()) && !text.includes(FINITE_LINE.trim())
      ? [
          {
            file: 'src/discount.js',
            line: 4,
            severity: 'medium',
            category: 'correctness',
            title: 'Reject discount percentages that are not numbers',
            body: "`applyDiscount(1000, 'ten')` still returns `NaN`: the new bounds compare a string. Validate that the percentage is a finite number before the range checks, so bad input fails loudly everywhere the cart is used.",
            snippet: CAP_LINE.trim(),
            prSpecific: false,
          },
        ]
      : [];
  return call('report_findings', { findings });
}

export function demoModelReply(request: RecordedModelRequest): ScriptedReply {
  const forced = typeof request.toolChoice === 'object' ? request.toolChoice.name : undefined;
  const task = taskOf(request);
  if (forced === 'clarification' || request.toolNames.includes('clarification')) return call('clarification', { ambiguous: false, questions: [] });
  if (forced === 'implementation_plan' || request.toolNames.includes('implementation_plan'))
    return call('implementation_plan', task === 'promotion-bug' ? PROMOTION_PLAN : plan(task));
  // Both reviewers find the bug fix clean.
  if (forced === 'report_findings' || request.toolNames.includes('report_findings'))
    return task === 'promotion-bug' ? call('report_findings', { findings: [] }) : review(request);
  if (request.toolNames.includes('edit_file')) return task === 'promotion-bug' ? promotionFixStep(request) : agentStep(task, request);
  return { text: 'Nothing to add.' };
}
