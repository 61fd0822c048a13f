import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import * as formatsModule from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface OpenApiResponse {
  $ref?: string;
  content?: Record<string, { schema?: Json }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, OpenApiResponse> }>>;
  components: JsonObject & { responses?: Record<string, OpenApiResponse> };
}

const SPEC_ID = 'github-openapi';

type FormatsPlugin = (ajv: Ajv) => Ajv;
/** ajv-formats is CommonJS; depending on the loader its function is the namespace's default or default.default. */
const addFormats: FormatsPlugin = (() => {
  const namespace = formatsModule as unknown as { default: FormatsPlugin | { default: FormatsPlugin } };
  return typeof namespace.default === 'function' ? namespace.default : namespace.default.default;
})();

/**
 * OpenAPI 3.0 marks optional nulls with `nullable: true`; JSON Schema (what Ajv checks) needs
 * `null` in the type instead. Also points local `$ref`s at the registered document.
 */
export function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const converted: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'example' || key === 'examples') continue;
    converted[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${SPEC_ID}${value}` : toJsonSchema(value);
  }
  if (node['nullable'] !== true) return converted;
  const type = converted['type'];
  if (typeof type === 'string') {
    converted['type'] = [type, 'null'];
    if (Array.isArray(converted['enum'])) converted['enum'] = [...converted['enum'], null];
    return converted;
  }
  return { anyOf: [converted, { type: 'null' }] };
}

export interface ValidationResult {
  valid: boolean;
  errors: string[];
}

/** Checks response bodies against GitHub's published OpenAPI description (`@octokit/openapi`). */
export class OpenApiResponseValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  private constructor(private readonly spec: OpenApiDocument) {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: SPEC_ID, components: toJsonSchema(spec.components) } as JsonObject);
  }

  static load(file = 'api.github.com.json'): OpenApiResponseValidator {
    const require = createRequire(import.meta.url);
    const path = require.resolve(`@octokit/openapi/generated/${file}`);
    return new OpenApiResponseValidator(JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument);
  }

  hasOperation(method: string, path: string): boolean {
    return this.spec.paths[path]?.[method.toLowerCase()] !== undefined;
  }

  /** Status codes the description documents for an operation. */
  statuses(method: string, path: string): string[] {
    return Object.keys(this.spec.paths[path]?.[method.toLowerCase()]?.responses ?? {});
  }

  /** Responses are often shared: `$ref: '#/components/responses/not_found'`. */
  private resolveResponse(response: OpenApiResponse | undefined): OpenApiResponse | undefined {
    const name = response?.$ref?.replace('#/components/responses/', '');
    return name === undefined ? response : this.spec.components.responses?.[name];
  }

  validate(method: string, path: string, status: number, body: unknown): ValidationResult {
    const operation = this.spec.paths[path]?.[method.toLowerCase()];
    if (!operation) return { valid: false, errors: [`${method} ${path} is not in the OpenAPI description`] };
    const response = this.resolveResponse(operation.responses?.[String(status)]);
    if (!response) return { valid: false, errors: [`${method} ${path} does not document status ${status}`] };
    const schema = response.content?.['application/json']?.schema;
    if (schema === undefined) {
      return body === undefined || body === '' ? { valid: true, errors: [] } : { valid: false, errors: [`${status} must have no body`] };
    }
    const key = `${method} ${path} ${status}`;
    let validator = this.compiled.get(key);
    if (!validator) {
      validator = this.ajv.compile(toJsonSchema(schema) as JsonObject);
      this.compiled.set(key, validator);
    }
    const valid = validator(body);
    return {
      valid,
      errors: valid ? [] : (validator.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`),
    };
  }
}
