/**
 * The small real project the demo works on: a shopping-cart library with a test suite that runs on Node's
 * built-in test runner, so the agent's edits are really tested. No dependencies, nothing to install.
 */
export const SAMPLE_FILES: Record<string, string> = {
  'README.md':
    "# sample-shop\n\nA tiny shopping-cart library: a `Cart` of priced items and discounts.\n`npm test` runs the suite with Node's built-in test runner.\n",
  'package.json': `${JSON.stringify({ name: 'sample-shop', version: '1.0.0', private: true, type: 'module', scripts: { test: 'node --test' } }, null, 2)}\n`,
  'src/discount.js': [
    '/** Applies a percentage discount to an amount in cents, rounding to the nearest cent. */',
    'export function applyDiscount(amountCents, percent) {',
    "  if (percent < 0) throw new Error('discount cannot be negative');",
    '  return Math.round(amountCents * (1 - percent / 100));',
    '}',
    '',
  ].join('\n'),
  'src/cart.js': [
    "import { applyDiscount } from './discount.js';",
    '',
    '/** A shopping cart of priced items; amounts are integer cents. */',
    'export class Cart {',
    '  constructor() {',
    '    this.items = [];',
    '  }',
    '',
    '  addItem(name, priceCents, quantity = 1) {',
    '    if (!Number.isInteger(priceCents) || priceCents < 0) throw new Error(`invalid price for ${name}`);',
    '    this.items.push({ name, priceCents, quantity });',
    '  }',
    '',
    '  total(discountPercent = 0) {',
    '    const subtotal = this.items.reduce((sum, item) => sum + item.priceCents * item.quantity, 0);',
    '    return applyDiscount(subtotal, discountPercent);',
    '  }',
    '}',
    '',
  ].join('\n'),
  'test/discount.test.js': [
    "import assert from 'node:assert/strict';",
    "import { test } from 'node:test';",
    "import { applyDiscount } from '../src/discount.js';",
    '',
    "test('takes a percentage off and rounds to the cent', () => {",
    '  assert.equal(applyDiscount(999, 10), 899);',
    '});',
    '',
    "test('refuses negative discounts', () => {",
    '  assert.throws(() => applyDiscount(100, -5));',
    '});',
    '',
  ].join('\n'),
  'test/cart.test.js': [
    "import assert from 'node:assert/strict';",
    "import { test } from 'node:test';",
    "import { Cart } from '../src/cart.js';",
    '',
    "test('totals items with a discount', () => {",
    '  const cart = new Cart();',
    "  cart.addItem('tea', 450, 2);",
    '  assert.equal(cart.total(10), 810);',
    '});',
    '',
  ].join('\n'),
};

export const FIRST_ISSUE = {
  title: 'Refuse discounts above 100 percent',
  body: [
    '`applyDiscount(1000, 150)` returns a negative total, so a mistyped promotion pays customers to shop.',
    '',
    'Discounts above 100 percent should throw, like negative ones do. Exactly 100 percent is allowed (a free item).',
  ].join('\n'),
};
