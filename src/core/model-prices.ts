/**
 * The `models` section of the policy file: list prices for models the shipped price table does not know
 * (a new release, a gateway's own model names) or charges differently, so their calls count against
 * max-cost-usd instead of as $0.
 */
import { z } from 'zod';
import type { PriceTable } from './llm/types.js';
import { policySection, type Policy } from './policy.js';

const usdPerMillion = z.number().finite().nonnegative();

const modelPriceSchema = z
  .object({
    input: usdPerMillion.describe('USD per million fresh input tokens.'),
    output: usdPerMillion.describe('USD per million output tokens.'),
    'cached-input': usdPerMillion.optional().describe('USD per million input tokens read from the prompt cache; absent: priced as fresh input.'),
    'cache-write': usdPerMillion.optional().describe('USD per million input tokens written to the prompt cache; absent: priced as fresh input.'),
  })
  .strict();

export const modelsPolicySchema = z
  .object({
    prices: z
      .record(z.string().trim().min(1), modelPriceSchema)
      .optional()
      .describe('Model name → its prices in USD per million tokens; wins over the shipped price table.'),
  })
  .strict();

/** The policy's price overrides in the model client's terms; throws a one-line error naming the bad key. */
export function pricesFromPolicy(policy: Policy, configPath: string): PriceTable {
  const { prices = {} } = policySection(policy, 'models', modelsPolicySchema, configPath);
  return Object.fromEntries(
    Object.entries(prices).map(([model, price]) => [
      model,
      {
        inputPerMillion: price.input,
        outputPerMillion: price.output,
        ...(price['cached-input'] === undefined ? {} : { cachedInputPerMillion: price['cached-input'] }),
        ...(price['cache-write'] === undefined ? {} : { cacheWritePerMillion: price['cache-write'] }),
      },
    ]),
  );
}
