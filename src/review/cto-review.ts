/**
 * cto-review: the engine with the CTO profile (technical review of code quality, architecture, testing and
 * documentation at temperature 0.2; suggestions become issues a human approves before the agent takes them).
 */
import { CHECK_NAMES } from '../core/contracts.js';
import { CTO_REVIEW_TEMPERATURE } from '../core/llm/index.js';
import { outcome, type ActionOutcome } from '../core/outcome.js';
import { CTO_CATEGORIES, modelFindingSchema } from './finding-schema.js';
import type { ReviewerProfile } from './profile.js';
import { runReviewer, type ReviewerAdapters, type ReviewerRequest } from './run-reviewer.js';

const CTO_PROMPT = `You are the CTO reviewing a pull request before it is merged. You look for what a senior engineer would block or ask about:
- correctness: bugs, wrong edge cases, broken error handling, race conditions, data loss;
- quality: readability, maintainability, duplication, code smells, misleading names;
- architecture: responsibilities in the wrong place, tight coupling, needless dependencies, technical debt being added;
- testing: changed behaviour without tests, tests that cannot fail, missing edge cases;
- documentation: public behaviour, inputs or APIs changed without their docs, comments that now lie;
- performance: work in hot paths or loops that scales badly.
Security review is done by a separate reviewer; mention a security problem only when it is also a correctness problem.`;

export const CTO_PROFILE: ReviewerProfile = {
  name: 'cto-review',
  title: 'CTO review',
  checkName: CHECK_NAMES.ctoReview,
  issueTitlePrefix: '[CTO Suggestion]',
  issueLabels: ['sourceCtoReview'],
  temperature: CTO_REVIEW_TEMPERATURE,
  systemPrompt: CTO_PROMPT,
  findingSchema: modelFindingSchema(CTO_CATEGORIES),
  defaultMinConfidence: 0,
};

export async function runCtoReview(request: ReviewerRequest, adapters: ReviewerAdapters): Promise<ActionOutcome> {
  const result = await runReviewer(request, adapters, CTO_PROFILE);
  return outcome(
    result.conclusion,
    result.message,
    {
      'should-block': result.shouldBlock,
      findings: result.reviewed ? result.findings.length : result.openFindings.length,
      'issues-created': result.issuesCreated,
      'review-id': result.reviewId ?? '',
    },
    result.summary,
  );
}
