import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import type { ScriptedReply } from '../../src/emulators/model/index.js';
import { traceFixtures } from '../implement/context/trace-fixtures.js';
import { fileAt, labelsOf, openScenario, pullsFor, runImplement, scriptAgent } from '../implement/scenario.js';

// Runner emulation: the bundled dist/implement.js fixes bug reports reproduce-first. The fixture projects are
// small shops whose traces come from really running them (see trace-fixtures.ts); their suites pass on main,
// and the agent's regression test runs for real in the sandbox, once with the base code and once with the fix.

const fixtures = new Map(traceFixtures().map((fixture) => [fixture.name, fixture]));

const NODE_FILES: Record<string, string> = {
  ...fixtures.get('node')?.files,
  'package.json': '{ "name": "shop", "type": "module", "scripts": { "test": "node --test test/" } }\n',
  'test/checkout.test.js':
    "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { checkout } from '../src/checkout.js';\n\ntest('checkout totals the items', () => {\n  assert.equal(checkout({ items: [{ price: { amount: 2 }, quantity: 3 }], currency: 'EUR' }).amount, 6);\n});\n",
};

const PYTHON_FILES: Record<string, string> = {
  ...fixtures.get('python')?.files,
  'tests/__init__.py': '',
  'tests/test_cart.py':
    'import unittest\n\nfrom shop.cart import average\n\n\nclass AverageTest(unittest.TestCase):\n    def test_average(self):\n        self.assertEqual(average({"a": 2, "b": 4}), 3)\n',
};

const openShop = (files: Record<string, string>) => openScenario(files, { writers: ['maintainer'] });

const NODE_PLAN = {
  problem: 'total() reads item.price.amount of an item without a price.',
  files: [
    { path: 'src/cart.js', action: 'modify', reason: 'an item without a price counts as zero' },
    { path: 'test/cart.test.js', action: 'create', reason: 'regression test for an item without a price' },
  ],
  steps: ['Reproduce with a test', 'Treat a missing price as zero'],
  tests: ['total([{ price: null, quantity: 1 }]) is 0'],
  checklist: ['Items with a price still add up'],
  risks: ['Hiding bad data'],
  architectural: false,
};

const CART_OLD = 'sum + item.price.amount * item.quantity';
const CART_NEW = 'sum + (item.price?.amount ?? 0) * item.quantity';
const REGRESSION_TEST =
  "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { total } from '../src/cart.js';\n\ntest('an item without a price counts as zero', () => {\n  assert.equal(total([{ price: null, quantity: 1 }]), 0);\n});\n";
/** A test that passes with or without the fix: it proves nothing about the bug. */
const UNRELATED_TEST =
  "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { total } from '../src/cart.js';\n\ntest('an empty cart is zero', () => {\n  assert.equal(total([]), 0);\n});\n";
const ROOT_CAUSE = 'total() in src/cart.js:2 reads item.price.amount, and an item without a price has price null, so checkout throws a TypeError.';

function fixLoop(testContent: string, extraFinish = false): ScriptedReply[] {
  const finish: ScriptedReply = { toolCalls: [{ name: 'finish', arguments: { summary: 'A missing price counts as zero.', root_cause: ROOT_CAUSE } }] };
  return [
    { toolCalls: [{ name: 'read_file', arguments: { path: 'src/cart.js' } }] },
    { toolCalls: [{ name: 'create_file', arguments: { path: 'test/cart.test.js', content: testContent } }] },
    { toolCalls: [{ name: 'run_tests', arguments: {} }] },
    { toolCalls: [{ name: 'edit_file', arguments: { path: 'src/cart.js', old_string: CART_OLD, new_string: CART_NEW } }] },
    { toolCalls: [{ name: 'run_tests', arguments: {} }] },
    finish,
    ...(extraFinish ? [finish] : []),
  ];
}

function nodeIssue(gh: GitHubEmulator): number {
  const trace = fixtures.get('node')?.trace ?? '';
  return gh.state.addIssue({
    title: 'Checkout crashes when an item has no price',
    body: `Checkout of an order with a free sample crashes:\n\n\`\`\`\n${trace}\n\`\`\``,
    labels: ['roadmap', 'bug'],
  }).number;
}

/** Every permalink in a body must name the base commit, and its file (and line) must exist there. */
function expectPermalinksResolve(gh: GitHubEmulator, body: string, baseSha: string): string[] {
  const links = [...body.matchAll(/\((https?:\/\/[^)\s]+\/blob\/([0-9a-f]{40})\/([^)#\s]+)(?:#L(\d+))?)\)/g)];
  for (const [, , sha, path, line] of links) {
    expect(sha).toBe(baseSha);
    const found = gh.state.git.readPath(baseSha, decodeURIComponent(path ?? ''));
    expect(found?.type, `${path} at ${sha}`).toBe('blob');
    if (line && found?.type === 'blob') expect(Number(line)).toBeLessThanOrEqual(found.content.toString('utf8').split('\n').length);
  }
  return links.map((link) => link[1] ?? '');
}

const hasGo = (() => {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.concurrent('bundled implement: a bug report is fixed reproduce-first', { timeout: 240_000 }, () => {
  it('Node: the regression test fails on base with the reported TypeError, the fix makes it pass, the PR shows root cause and reproduction', async () => {
    const shop = await openShop(NODE_FILES);
    try {
      const { gh, model } = shop;
      const issue = nodeIssue(gh);
      const baseSha = gh.state.branchSha('main') ?? '';
      scriptAgent(model, { plan: NODE_PLAN, loop: fixLoop(REGRESSION_TEST) });

      const run = await runImplement(shop, { timeoutMs: 200_000 });

      expect(run.stderr).toBe('');
      expect(run.outputs.status).toBe('opened');
      const [pull] = pullsFor(gh);
      const pr = gh.state.pull(pull?.number ?? 0);
      expect(pr?.draft).toBe(false);
      // finish was accepted at once: the model never saw a refusal.
      expect(model.requests.some((request) => request.messages.some((message) => /finish refused/.test(message.text ?? '')))).toBe(false);
      // The system prompt told the agent to reproduce first and named the reported error and frame.
      const loopSystem = model.requests.find((request) => request.toolNames.includes('run_tests'))?.system ?? '';
      expect(loopSystem).toContain('reproduce first');
      expect(loopSystem).toContain("TypeError: Cannot read properties of null (reading 'amount')");
      expect(loopSystem).toContain('`src/cart.js:2`');

      const body = gh.state.issue(pull?.number ?? 0)?.body ?? '';
      expect(body).toContain('## Root cause');
      expect(body).toContain('total() in src/cart.js:2 reads item.price.amount');
      expect(body).toContain('## Reproduction');
      expect(body).toMatch(/\*\*Reproduced\*\*: `test\/cart\.test\.js` fails on the base code with the reported `TypeError` and passes with the fix/);
      const base = /<summary>Output on the base code[^<]*<\/summary>([\s\S]*?)<\/details>/.exec(body)?.[1] ?? '';
      expect(base).toContain('TypeError');
      expect(base).toContain("reading 'amount'");
      const fixed = /<summary>Output with the fix<\/summary>([\s\S]*?)<\/details>/.exec(body)?.[1] ?? '';
      expect(fixed).toMatch(/# fail 0/);
      const links = expectPermalinksResolve(gh, body, baseSha);
      expect(links).toContain(`${gh.serverUrl}/acme/widgets/blob/${baseSha}/src/cart.js#L2`);
      expect(links).toContain(`${gh.serverUrl}/acme/widgets/blob/${baseSha}/src/checkout.js#L4`);

      const head = gh.state.branchSha(pull?.headRef ?? '');
      expect(gh.state.git.readCommit(head ?? '')?.message).toMatch(/^fix: Checkout crashes when an item has no price/);
      expect(fileAt(gh, pull?.headRef ?? '', 'test/cart.test.js')).toBe(REGRESSION_TEST);
      expect(labelsOf(gh, issue)).toContain('agent:pr-open');
    } finally {
      await shop.close();
    }
  });

  it('Node: a "fix" whose new test passes on the base code too is refused, and the PR that follows is a draft that says so', async () => {
    const shop = await openShop(NODE_FILES);
    try {
      const { gh, model } = shop;
      nodeIssue(gh);
      scriptAgent(model, { plan: NODE_PLAN, loop: fixLoop(UNRELATED_TEST, true) });

      const run = await runImplement(shop, { timeoutMs: 200_000 });

      expect(run.stderr).toBe('');
      const refusal = model.requests.flatMap((request) => request.messages.map((message) => message.text ?? '')).find((text) => /finish refused/.test(text));
      expect(refusal).toMatch(/passes on the base code too, so it does not reproduce the bug/);
      expect(refusal).toContain("TypeError: Cannot read properties of null (reading 'amount')");
      const [pull] = pullsFor(gh);
      expect(gh.state.pull(pull?.number ?? 0)?.draft).toBe(true);
      const body = gh.state.issue(pull?.number ?? 0)?.body ?? '';
      expect(body).toContain('**Not reproduced**: the new test passes on the base code too');
      expect(body).toContain('This pull request is a draft');
      expect(body).not.toContain('**Reproduced**');
    } finally {
      await shop.close();
    }
  });

  it('Python: the regression test shows the reported ZeroDivisionError on base, then passes', async () => {
    const shop = await openShop(PYTHON_FILES);
    try {
      const { gh, model } = shop;
      const trace = fixtures.get('python')?.trace ?? '';
      gh.state.addIssue({
        title: 'The average price of an empty cart crashes the report',
        body: `Seen in production:\n\n\`\`\`\n${trace}\n\`\`\``,
        labels: ['roadmap'],
      });
      const baseSha = gh.state.branchSha('main') ?? '';
      const regression =
        'import unittest\n\nfrom shop.cart import average\n\n\nclass EmptyCartTest(unittest.TestCase):\n    def test_empty_cart_averages_zero(self):\n        self.assertEqual(average({}), 0)\n';
      scriptAgent(model, {
        plan: {
          ...NODE_PLAN,
          problem: 'average() divides by the number of items, zero for an empty cart.',
          files: [
            { path: 'shop/cart.py', action: 'modify', reason: 'an empty cart averages zero' },
            { path: 'tests/test_empty_cart.py', action: 'create', reason: 'regression test' },
          ],
        },
        loop: [
          { toolCalls: [{ name: 'create_file', arguments: { path: 'tests/test_empty_cart.py', content: regression } }] },
          { toolCalls: [{ name: 'run_tests', arguments: {} }] },
          {
            toolCalls: [
              {
                name: 'edit_file',
                arguments: {
                  path: 'shop/cart.py',
                  old_string: '    return unit_price(',
                  new_string: '    if not cart:\n        return 0\n    return unit_price(',
                },
              },
            ],
          },
          { toolCalls: [{ name: 'run_tests', arguments: {} }] },
          {
            toolCalls: [
              {
                name: 'finish',
                arguments: {
                  summary: 'An empty cart averages zero.',
                  root_cause: 'average() in shop/cart.py:5 calls unit_price with len(cart) == 0, which divides by zero in shop/pricing.py:2.',
                },
              },
            ],
          },
        ],
      });

      const run = await runImplement(shop, { timeoutMs: 200_000, inputs: { 'test-command': 'python3 -m unittest discover -s tests -t .' } });

      expect(run.stderr).toBe('');
      expect(run.outputs.status).toBe('opened');
      const [pull] = pullsFor(gh);
      expect(gh.state.pull(pull?.number ?? 0)?.draft).toBe(false);
      const body = gh.state.issue(pull?.number ?? 0)?.body ?? '';
      expect(body).toMatch(/\*\*Reproduced\*\*: `tests\/test_empty_cart\.py` fails on the base code with the reported `ZeroDivisionError`/);
      expect(body).toContain('**Reported error**: `ZeroDivisionError: division by zero`');
      const links = expectPermalinksResolve(gh, body, baseSha);
      // The innermost frame first: where the division happens.
      expect(links[0]).toBe(`${gh.serverUrl}/acme/widgets/blob/${baseSha}/shop/pricing.py#L2`);
    } finally {
      await shop.close();
    }
  });

  it.skipIf(!hasGo)('Go: the regression test panics on base with the reported index out of range (needs the go toolchain)', async () => {
    const shop = await openShop(fixtures.get('go')?.files ?? {});
    try {
      const { gh, model } = shop;
      gh.state.addIssue({
        title: 'Cart total panics with index out of range',
        body: `\`\`\`\n${fixtures.get('go')?.trace ?? ''}\n\`\`\``,
        labels: ['roadmap', 'bug'],
      });
      const regression =
        'package cart\n\nimport "testing"\n\nfunc TestTotalOfThree(t *testing.T) {\n\tif got := Total([]int{1, 2, 3}); got != 6 {\n\t\tt.Fatalf("Total = %d, want 6", got)\n\t}\n}\n';
      scriptAgent(model, {
        plan: {
          ...NODE_PLAN,
          files: [
            { path: 'internal/cart/cart.go', action: 'modify', reason: 'loop stops before len' },
            { path: 'internal/cart/total_test.go', action: 'create', reason: 'regression test' },
          ],
        },
        loop: [
          { toolCalls: [{ name: 'create_file', arguments: { path: 'internal/cart/total_test.go', content: regression } }] },
          { toolCalls: [{ name: 'run_tests', arguments: {} }] },
          { toolCalls: [{ name: 'edit_file', arguments: { path: 'internal/cart/cart.go', old_string: 'i <= len(prices)', new_string: 'i < len(prices)' } }] },
          { toolCalls: [{ name: 'run_tests', arguments: {} }] },
          {
            toolCalls: [
              {
                name: 'finish',
                arguments: { summary: 'The loop stops at the last index.', root_cause: 'Total in internal/cart/cart.go:5 loops to len(prices) inclusive.' },
              },
            ],
          },
        ],
      });
      const run = await runImplement(shop, { timeoutMs: 200_000, inputs: { 'test-command': 'go test ./...' } });
      expect(run.outputs.status).toBe('opened');
      const body = gh.state.issue(pullsFor(gh)[0]?.number ?? 0)?.body ?? '';
      expect(body).toMatch(/\*\*Reproduced\*\*/);
      expect(body).toContain('index out of range');
    } finally {
      await shop.close();
    }
  });
});
