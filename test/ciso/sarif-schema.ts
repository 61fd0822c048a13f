import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as formatsModule from 'ajv-formats';

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
/** ajv-formats is CommonJS; depending on the loader its function is the namespace's default or default.default. */
const addFormats: FormatsPlugin = (() => {
  const namespace = formatsModule as unknown as { default: FormatsPlugin | { default: FormatsPlugin } };
  return typeof namespace.default === 'function' ? namespace.default : namespace.default.default;
})();

/** A validator for the official SARIF 2.1.0 JSON schema shipped in test/fixtures/sarif. */
export function sarifValidator(): (log: unknown) => { valid: boolean; errors: string } {
  const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (log) => {
    const valid = validate(log) === true;
    return { valid, errors: valid ? '' : ajv.errorsText(validate.errors, { separator: '\n' }) };
  };
}
