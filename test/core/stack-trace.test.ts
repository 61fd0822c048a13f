import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readErrors } from '../../src/core/stack-trace/errors.js';
import { parseFrameLine, parseStackFrames, type StackFrame } from '../../src/core/stack-trace/frames.js';

const log = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'discover', 'logs', name), 'utf8');
const CHECKOUT = '/home/runner/work/widgets/widgets';
const GO_ROOT = '/opt/hostedtoolcache/go/1.23.4/x64/src';

/** One real trace per format, as the runtime printed it, and every frame it names. */
const TRACES: ReadonlyArray<{ name: string; text: string; frames: StackFrame[] }> = [
  {
    name: 'node (V8, a CI job log with async frames, an installed package and node internals)',
    text: log('node-server.log'),
    frames: [
      { language: 'node', path: `${CHECKOUT}/src/orders/load.ts`, line: 57, fn: 'loadOrder' },
      { language: 'node', path: `${CHECKOUT}/src/api/orders.ts`, line: 23, fn: 'handleGetOrder', async: true },
      { language: 'node', path: `${CHECKOUT}/node_modules/express/lib/router/layer.js`, line: 95, fn: 'Server.<anonymous>', async: true },
      { language: 'node', path: 'node:internal/process/task_queues', line: 95, fn: 'process.processTicksAndRejections' },
    ],
  },
  {
    name: 'node (vitest, source-relative paths, a frame without a file)',
    text: log('node-vitest.log'),
    frames: [
      { language: 'node', path: 'src/cart.ts', line: 14, fn: 'lineTotal' },
      { language: 'node', path: 'src/cart.ts', line: 21, fn: 'total' },
      { language: 'node', path: 'test/cart.test.ts', line: 38 },
    ],
  },
  {
    name: 'node (source-mapped paths)',
    text: 'TypeError: x is undefined\n    at total (webpack:///./src/cart.ts:14:22)\n    at async file:///srv/app/src/main.mjs:3:1\n    at C:\\app\\src\\cart.js:9:5',
    frames: [
      { language: 'node', path: 'webpack:///./src/cart.ts', line: 14, fn: 'total' },
      { language: 'node', path: 'file:///srv/app/src/main.mjs', line: 3, async: true },
      { language: 'node', path: 'C:\\app\\src\\cart.js', line: 9 },
    ],
  },
  {
    name: 'python (a traceback in a CI job log)',
    text: log('python-traceback.log'),
    frames: [
      { language: 'python', path: '/opt/hostedtoolcache/Python/3.12.7/x64/lib/python3.12/runpy.py', line: 198, fn: '_run_module_as_main' },
      { language: 'python', path: `${CHECKOUT}/app/migrate.py`, line: 88, fn: '<module>' },
      { language: 'python', path: `${CHECKOUT}/app/migrate.py`, line: 61, fn: 'main' },
      { language: 'python', path: `${CHECKOUT}/app/schema.py`, line: 17, fn: 'apply' },
    ],
  },
  {
    name: 'go (a panic under a failing test, each file line under its function)',
    text: log('go-panic.log'),
    frames: [
      { language: 'go', path: `${GO_ROOT}/testing/testing.go`, line: 1632, fn: 'testing.tRunner.func1.2' },
      { language: 'go', path: `${GO_ROOT}/runtime/panic.go`, line: 785, fn: 'panic' },
      { language: 'go', path: `${CHECKOUT}/cart/cart.go`, line: 48, fn: 'github.com/acme/widgets/cart.(*Cart).Total' },
      { language: 'go', path: `${CHECKOUT}/cart/cart_test.go`, line: 22, fn: 'github.com/acme/widgets/cart.TestCartTotal' },
      { language: 'go', path: `${GO_ROOT}/testing/testing.go`, line: 1690, fn: 'testing.tRunner' },
      { language: 'go', path: `${GO_ROOT}/testing/testing.go`, line: 1743, fn: 'testing.(*T).Run' },
    ],
  },
  {
    name: 'java (the package names the folder; a JDK module frame is no source file)',
    text: 'java.lang.NullPointerException\n\tat com.acme.cart.Cart.total(Cart.java:42)\n\tat java.base/java.util.ArrayList.forEach(ArrayList.java:1596)\n',
    frames: [{ language: 'java', path: 'com/acme/cart/Cart.java', line: 42, fn: 'Cart.total' }],
  },
  {
    name: 'ruby (both quote styles)',
    text: "/app/lib/cart.rb:12:in `total'\n\tfrom /usr/lib/ruby/3.2.0/json.rb:5:in 'parse'\n",
    frames: [
      { language: 'ruby', path: '/app/lib/cart.rb', line: 12, fn: 'total' },
      { language: 'ruby', path: '/usr/lib/ruby/3.2.0/json.rb', line: 5, fn: 'parse' },
    ],
  },
];

describe('stack frames', () => {
  it.each(TRACES)('$name: every frame, in the order printed, with its path as printed', ({ text, frames }) => {
    expect(parseStackFrames(text)).toEqual(frames);
  });

  it('prose, eval frames and frames without a file are not frames; a source file needs no column', () => {
    expect(parseFrameLine('at least (see 3:4)')).toBeNull();
    expect(parseFrameLine('at 10:30:45')).toBeNull();
    expect(parseFrameLine('    at eval (eval at <anonymous> (/app/a.js:1:2), <anonymous>:3:4)')).toBeNull();
    expect(parseFrameLine('    at new Promise (<anonymous>)')).toBeNull();
    expect(parseFrameLine('    at async Promise.all (index 0)')).toBeNull();
    expect(parseFrameLine('    --- FAIL: TestTotal (0.00s)')).toBeNull();
    expect(parseFrameLine('    cart_test.go:12: expected 3, got 4')).toBeNull();
    // Controls: the same shapes with a real file are frames.
    expect(parseFrameLine('at total (src/cart.ts:12)')).toEqual({ language: 'node', path: 'src/cart.ts', line: 12, fn: 'total' });
    expect(parseFrameLine('    at Object.<anonymous> (/app/bin/cli:3:1)')).toEqual({
      language: 'node',
      path: '/app/bin/cli',
      line: 3,
      fn: 'Object.<anonymous>',
    });
  });
});

describe('errors in program output', () => {
  it('reads each runtime’s error with its type, message, test and frames most recent call first', () => {
    expect(readErrors(log('node-vitest.log')).map(({ type, test, frames }) => ({ type, test, frames: frames.length }))).toEqual([
      { type: 'TypeError', test: 'test/cart.test.ts > Cart > totals a cart with a removed product', frames: 3 },
    ]);
    const [python] = readErrors(log('python-traceback.log'));
    expect(python).toMatchObject({ language: 'python', type: 'ValueError', message: 'migration 0042 expects version 41, found 39' });
    expect(python?.frames.map((frame) => frame.fn)).toEqual(['apply', 'main', '<module>', '_run_module_as_main']);
    const [pytest] = readErrors(log('python-pytest.log'));
    expect(pytest).toMatchObject({ type: 'KeyError', message: "'customer'", test: 'tests/test_invoice.py::test_invoice_for_guest' });
    expect(pytest?.frames).toEqual([
      { language: 'python', path: 'app/invoice.py', line: 42 },
      { language: 'python', path: 'tests/test_invoice.py', line: 0, fn: 'test_invoice_for_guest' },
    ]);
    const [go] = readErrors(log('go-panic.log'));
    expect(go).toMatchObject({ language: 'go', type: 'panic', message: 'runtime error: index out of range [5] with length 3', test: 'TestCartTotal' });
    expect(go?.frames).toEqual(parseStackFrames(log('go-panic.log')));
    expect(readErrors(log('flaky-timeout.log'))).toMatchObject([{ type: 'Error', test: 'notifier › sends the shipping e-mail' }]);
  });

  it('a Go test failure names the test and its line; a bare error line without a stack is no error', () => {
    expect(readErrors('--- FAIL: TestTotal (0.00s)\n    cart_test.go:12: expected 3, got 4\n')).toEqual([
      {
        language: 'go',
        type: 'test failure',
        message: 'expected 3, got 4',
        frames: [{ language: 'go', path: 'cart_test.go', line: 12, fn: 'TestTotal' }],
        test: 'TestTotal',
        trace: '--- FAIL: TestTotal (0.00s)\n    cart_test.go:12: expected 3, got 4\n',
      },
    ]);
    expect(readErrors('Error: Process completed with exit code 1.\nnpm ERR! code 1\n')).toEqual([]);
  });
});
