import { describe, expect, it } from 'vitest';
import { CISO_POLICY_KEYS } from '../../src/ciso/policy.js';
import { ConfigurationError } from '../../src/core/errors.js';
import { parsePolicy } from '../../src/core/policy.js';
import { readReviewPolicy } from '../../src/review/settings.js';

function read(section: Record<string, unknown>) {
  return readReviewPolicy(parsePolicy({ 'ciso-review': section }, '.github/agentic.yml'), 'ciso-review', '.github/agentic.yml', CISO_POLICY_KEYS);
}

describe('the ciso-review policy section', () => {
  it('accepts the shared review keys and the scanner keys', () => {
    const { own, extra } = read({
      'block-severity': 'high',
      'min-package-age-days': 14,
      'trusted-packages': ['@acme/ui'],
      registries: { npm: 'https://npm.acme.dev' },
    });
    expect(own['block-severity']).toBe('high');
    expect(extra).toEqual({ 'min-package-age-days': 14, 'trusted-packages': ['@acme/ui'], registries: { npm: 'https://npm.acme.dev' } });
  });

  it('names the key, the value and what was expected when a value is wrong', () => {
    expect(() => read({ 'min-package-age-days': 'soon' })).toThrow(ConfigurationError);
    expect(() => read({ 'min-package-age-days': 'soon' })).toThrow(/ciso-review\.min-package-age-days is "soon"; expected a number/);
    expect(() => read({ registries: { npm: 'ftp://mirror' } })).toThrow(/ciso-review\.registries\.npm is "ftp:\/\/mirror"/);
    expect(() => read({ 'unknown-key': true })).toThrow(/unknown-key/);
  });
});
