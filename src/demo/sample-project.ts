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

/**
 * What the maintainer pushes to the default branch in the discovery half: promotion codes, with tests that
 * pass and a smoke check of whole checkouts that does not. A code the shop does not know (mistyped, expired)
 * crashes the checkout with a TypeError instead of giving no discount; the unit tests never try one.
 */
export const PROMOTIONS_PUSH: Record<string, string> = {
  'package.json': `${JSON.stringify(
    { name: 'sample-shop', version: '1.0.0', private: true, type: 'module', scripts: { test: 'node --test', smoke: 'node scripts/smoke.js' } },
    null,
    2,
  )}\n`,
  'src/promotions.js': [
    '/** Promotion codes the shop accepts, and the percentage each takes off. */',
    'const PROMOTIONS = new Map([',
    "  ['WELCOME10', { percent: 10 }],",
    "  ['SPRING25', { percent: 25 }],",
    ']);',
    '',
    '/** The discount a promotion code gives, in percent; no code gives none. Codes ignore case and surrounding spaces. */',
    'export function discountFor(code) {',
    '  if (!code) return 0;',
    '  return PROMOTIONS.get(code.trim().toUpperCase()).percent;',
    '}',
    '',
  ].join('\n'),
  'test/promotions.test.js': [
    "import assert from 'node:assert/strict';",
    "import { test } from 'node:test';",
    "import { discountFor } from '../src/promotions.js';",
    '',
    "test('a known code gives its discount, whatever its case and spaces', () => {",
    "  assert.equal(discountFor('WELCOME10'), 10);",
    "  assert.equal(discountFor(' spring25 '), 25);",
    '});',
    '',
    "test('no code gives no discount', () => {",
    "  assert.equal(discountFor(''), 0);",
    '});',
    '',
  ].join('\n'),
  'scripts/smoke.js': [
    '// Whole checkouts as customers make them: every one must total what the shop shows.',
    "import assert from 'node:assert/strict';",
    "import { Cart } from '../src/cart.js';",
    "import { discountFor } from '../src/promotions.js';",
    '',
    'const checkouts = [',
    "  { items: [['tea', 450, 2]], code: 'WELCOME10', total: 810 },",
    "  { items: [['mug', 1200, 1]], code: '', total: 1200 },",
    "  { items: [['tea', 450, 1], ['mug', 1200, 1]], code: ' spring25 ', total: 1238 },",
    '  // A code the shop does not know (mistyped or expired) gives no discount; the customer still checks out.',
    "  { items: [['tea', 450, 1]], code: 'SUMMER', total: 450 },",
    '];',
    '',
    'for (const [index, checkout] of checkouts.entries()) {',
    '  const cart = new Cart();',
    '  for (const [name, price, quantity] of checkout.items) cart.addItem(name, price, quantity);',
    '  const total = cart.total(discountFor(checkout.code));',
    '  assert.equal(total, checkout.total, `checkout ${index + 1}`);',
    "  console.log(`ok ${index + 1} - ${checkout.code.trim() || 'no code'}: ${total} cents`);",
    '}',
    '',
  ].join('\n'),
};

/** The maintainer's second push: the README tells customers about the codes (CI runs again, and fails again). */
export const PROMOTIONS_README =
  "# sample-shop\n\nA tiny shopping-cart library: a `Cart` of priced items and discounts.\n`npm test` runs the suite with Node's built-in test runner;\n`npm run smoke` checks whole checkouts.\n\n## Promotion codes\n\n`discountFor(code)` gives a code's discount in percent: `WELCOME10` takes 10 percent off, `SPRING25` 25 percent.\n";
