/**
 * The whole policy file (.github/agentic.yml) in one schema, assembled from the sections each part of the
 * product owns, so a file is checked completely wherever it is read (every action, `agentic config
 * validate`) and the published JSON Schema is generated from the same definitions.
 */
import { z } from 'zod';
import { CISO_POLICY_KEYS } from '../ciso/policy.js';
import { discoverPolicySchema } from '../discover/settings.js';
import { labelNamesSchema } from '../core/labels.js';
import { modelsPolicySchema } from '../core/model-prices.js';
import { implementPolicySchema } from '../implement/settings.js';
import { autoMergePolicySchema } from '../merge/settings.js';
import { reviewSectionShape } from '../review/settings.js';
import { triagePolicySchema } from '../triage/settings.js';

const reviewSection = z.object(reviewSectionShape).strict();

export const wholePolicySchema = z
  .object({
    labels: labelNamesSchema.optional().describe('Label names the agents use: role → your label name (e.g. roadmap: backlog).'),
    bot: z
      .object({ login: z.string().min(1).describe('Login of the account that opens agent pull requests, e.g. github-actions[bot].') })
      .strict()
      .optional(),
    'protected-paths': z.array(z.string().min(1)).optional().describe('Globs no agent may edit and auto-merge never merges without a human.'),
    implement: implementPolicySchema.optional().describe('The implement agent: which issues it takes, its caps and its test command.'),
    review: reviewSection.optional().describe('Shared by cto-review and ciso-review.'),
    'cto-review': reviewSection.optional().describe('cto-review; wins over review.'),
    'ciso-review': z
      .object({ ...reviewSectionShape, ...CISO_POLICY_KEYS })
      .strict()
      .optional()
      .describe('ciso-review: the review keys and the dependency and secret scanners.'),
    triage: triagePolicySchema.optional().describe('The triage report.'),
    discover: discoverPolicySchema
      .optional()
      .describe("Nightly discovery: the repository's coverage command and report (an action input of the same name wins)."),
    'auto-merge': autoMergePolicySchema.optional().describe('The auto-merge gates.'),
    models: modelsPolicySchema.optional().describe('Model settings read by every action that calls a model: price overrides.'),
  })
  .strict();
