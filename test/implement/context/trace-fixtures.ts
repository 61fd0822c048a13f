/**
 * Small failing projects that produce real stack traces when run: a Node shop whose cart throws a TypeError
 * three calls deep, a Python shop whose pricing divides by zero. Each has distractor files that talk about the
 * same words, so a ranking that ignores the trace can easily pick the wrong one. Go has no toolchain on this
 * machine: its trace is the format `go test` prints, written out.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TraceFixture {
  name: string;
  files: Record<string, string>;
  /** The file a fix has to change (where the error is raised). */
  mustChange: string;
  /** The issue text a person would write, without the trace. */
  issue: string;
  /** The trace, as the failing run printed it. */
  trace: string;
}

const NODE_FILES: Record<string, string> = {
  'package.json': '{ "name": "shop", "type": "module" }\n',
  'src/cart.js': 'export function total(items) {\n  return items.reduce((sum, item) => sum + item.price.amount * item.quantity, 0);\n}\n',
  'src/checkout.js':
    "import { total } from './cart.js';\n\nexport function checkout(order) {\n  const amount = total(order.items);\n  return { amount, currency: order.currency };\n}\n",
  'src/orders.js':
    '// Checkout flow: orders are created, totals computed at checkout, receipts sent.\nexport function createOrder(items, currency) {\n  return { items, currency, checkout: true, total: null };\n}\n',
  'src/receipt.js':
    "// The receipt shows the checkout total and each item's price.\nexport function receipt(order, total) {\n  return `Total ${total} ${order.currency}; checkout complete`;\n}\n",
  'docs/checkout.md': '# Checkout\n\nCheckout computes the total of the cart and crashes loudly when the cart is wrong.\n',
  'test/checkout.test.js': "import { checkout } from '../src/checkout.js';\n\ncheckout({ items: [{ price: null, quantity: 1 }], currency: 'EUR' });\n",
};

const PYTHON_FILES: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "shop"\n',
  'shop/__init__.py': '',
  'shop/pricing.py': 'def unit_price(total, quantity):\n    return total / quantity\n',
  'shop/cart.py': 'from shop.pricing import unit_price\n\n\ndef average(cart):\n    return unit_price(sum(cart.values()), len(cart))\n',
  'shop/report.py':
    '# Price report: averages of the cart, unit prices per item, totals.\ndef report(cart, average):\n    return f"average price {average} for {len(cart)} items"\n',
  'shop/discounts.py': '# Discounts change the unit price and the average price of a cart.\ndef discount(price, rate):\n    return price * (1 - rate)\n',
  'tests/test_cart.py': 'from shop.cart import average\n\naverage({})\n',
};

const GO_TRACE = `--- FAIL: TestTotal (0.00s)
panic: runtime error: index out of range [3] with length 3 [recovered]
	panic: runtime error: index out of range [3] with length 3

goroutine 7 [running]:
testing.tRunner.func1.2({0x5f4e60, 0xc000016180})
	/usr/local/go/src/testing/testing.go:1632 +0x230
panic({0x5f4e60?, 0xc000016180?})
	/usr/local/go/src/runtime/panic.go:785 +0x132
github.com/acme/shop/internal/cart.lineTotal(...)
	/home/runner/work/shop/shop/internal/cart/line.go:14
github.com/acme/shop/internal/cart.Total({0xc00001e0c0, 0x3, 0x3})
	/home/runner/work/shop/shop/internal/cart/cart.go:9 +0x45
github.com/acme/shop/internal/cart.TestTotal(0xc000007a00)
	/home/runner/work/shop/shop/internal/cart/cart_test.go:8 +0x65
`;

const GO_FILES: Record<string, string> = {
  'go.mod': 'module github.com/acme/shop\n\ngo 1.22\n',
  'internal/cart/line.go': 'package cart\n\nfunc lineTotal(prices []int, i int) int {\n\treturn prices[i]\n}\n',
  'internal/cart/cart.go':
    'package cart\n\nfunc Total(prices []int) int {\n\tsum := 0\n\tfor i := 0; i <= len(prices); i++ {\n\t\tsum += lineTotal(prices, i)\n\t}\n\treturn sum\n}\n',
  'internal/cart/cart_test.go': 'package cart\n\nimport "testing"\n\nfunc TestTotal(t *testing.T) {\n\tTotal([]int{1, 2, 3})\n}\n',
  'internal/report/total.go': '// Package report prints the cart total, index by index.\npackage report\n\nfunc Index(total int) string { return "total" }\n',
  'internal/cart/doc.go': '// Package cart computes the total of a cart; an index out of range means a bad line.\npackage cart\n',
};

function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** Runs a failing command and returns what it printed on stderr. */
function failingOutput(command: string, args: string[], cwd: string): string {
  try {
    execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', PYTHONPATH: cwd } });
  } catch (error) {
    return String((error as { stderr?: string }).stderr ?? '');
  }
  throw new Error(`${command} ${args.join(' ')} did not fail`);
}

/** Writes each project to a temporary folder and runs the Node and Python ones to get their real traces. */
export function traceFixtures(): TraceFixture[] {
  const node = mkdtempSync(join(tmpdir(), 'agentic-trace-node-'));
  write(node, NODE_FILES);
  const python = mkdtempSync(join(tmpdir(), 'agentic-trace-python-'));
  write(python, PYTHON_FILES);
  return [
    {
      name: 'node',
      files: NODE_FILES,
      mustChange: 'src/cart.js',
      issue: 'Checkout crashes when an item has no price',
      trace: failingOutput(process.execPath, ['test/checkout.test.js'], node),
    },
    {
      name: 'python',
      files: PYTHON_FILES,
      mustChange: 'shop/cart.py',
      issue: 'The average price of an empty cart crashes the report',
      trace: failingOutput('python3', ['tests/test_cart.py'], python),
    },
    { name: 'go', files: GO_FILES, mustChange: 'internal/cart/cart.go', issue: 'Cart total panics with index out of range', trace: GO_TRACE },
  ];
}
