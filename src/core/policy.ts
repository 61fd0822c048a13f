import { z } from 'zod';
import { ConfigurationError } from './errors.js';
import { parseWithSchema } from './schema.js';

/**
 * The repository policy file (.github/agentic.yml), read from the default branch. The top level is fixed;
 * each action owns its section and validates it with its own schema through `policySection`.
 */
export const policySchema = z
  .object({
    labels: z.record(z.string(), z.string().min(1)).optional(),
    bot: z
      .object({ login: z.string().min(1) })
      .strict()
      .optional(),
    'protected-paths': z.array(z.string().min(1)).optional(),
    implement: z.record(z.string(), z.unknown()).optional(),
    review: z.record(z.string(), z.unknown()).optional(),
    'cto-review': z.record(z.string(), z.unknown()).optional(),
    'ciso-review': z.record(z.string(), z.unknown()).optional(),
    triage: z.record(z.string(), z.unknown()).optional(),
    discover: z.record(z.string(), z.unknown()).optional(),
    'auto-merge': z.record(z.string(), z.unknown()).optional(),
    models: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type Policy = z.infer<typeof policySchema>;

export type PolicySectionName = 'implement' | 'review' | 'cto-review' | 'ciso-review' | 'triage' | 'discover' | 'auto-merge' | 'models';

/** Validates one section; errors read `<config-path>: implement.max-turns is "x"; expected ...`. */
export function policySection<T>(policy: Policy, section: PolicySectionName, schema: z.ZodType<T>, configPath: string): T {
  try {
    return parseWithSchema(schema, policy[section] ?? {}, section);
  } catch (error) {
    if (error instanceof ConfigurationError) throw new ConfigurationError(`${configPath}: ${error.message}`);
    throw error;
  }
}

export function parsePolicy(value: unknown, configPath: string): Policy {
  if (value === null || value === undefined) return {};
  try {
    return parseWithSchema(policySchema, value, '');
  } catch (error) {
    if (error instanceof ConfigurationError) throw new ConfigurationError(`${configPath}: ${error.message}`);
    throw error;
  }
}
