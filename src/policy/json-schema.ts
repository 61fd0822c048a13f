/** The JSON Schema of .github/agentic.yml, generated from the zod schemas (the build writes it to schema/). */
import { z } from 'zod';
import { LABEL_DEFINITIONS, LABEL_KEYS } from '../core/labels.js';
import { POLICY_SCHEMA_URL } from '../core/product.js';
import { wholePolicySchema } from './schema.js';

export { POLICY_SCHEMA_URL };

type JsonObject = Record<string, unknown>;

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** Pure. */
export function policyJsonSchema(): JsonObject {
  const schema = z.toJSONSchema(wholePolicySchema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  const properties = schema.properties as Record<string, JsonObject>;
  // The labels map accepts several spellings of each role; editors complete the kebab-case one.
  const labels = properties.labels ?? {};
  properties.labels = {
    ...labels,
    properties: Object.fromEntries(
      LABEL_KEYS.map((key) => [
        kebab(key),
        { type: 'string', minLength: 1, maxLength: 50, description: `${LABEL_DEFINITIONS[key].description} (default ${LABEL_DEFINITIONS[key].name})` },
      ]),
    ),
  };
  return {
    $schema: schema.$schema,
    $id: POLICY_SCHEMA_URL,
    title: 'agentic-workflow policy (.github/agentic.yml)',
    description: 'Repository policy for agentic-workflow, read from the default branch. Every key is optional.',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
}
