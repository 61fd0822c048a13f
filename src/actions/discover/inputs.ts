import { input } from '../../core/inputs.js';

/** The discover inputs (names as in action.yml). Kept free of heavy imports so a bad value fails at once. */
export const DISCOVER_INPUT_SPEC = {
  analysts: input.list(['log-miner', 'coverage', 'dependencies', 'docs']),
  'max-new-issues': input.integer(5, 0, 100),
  'lookback-days': input.integer(7, 1, 90),
  'max-api-requests': input.integer(1000, 1, 100_000),
  'log-file': input.optional(),
  'log-source-root': input.optional(),
  'npm-registry': input.string('https://registry.npmjs.org'),
  'osv-url': input.string('https://api.osv.dev'),
  'majors-behind': input.integer(2, 1, 100),
  'sentry-url': input.string('https://sentry.io'),
  'sentry-org': input.optional(),
  'sentry-project': input.optional(),
  'sentry-token': input.optional(),
  phase: input.oneOf(['all', 'analyse', 'file'] as const, 'all'),
  'candidates-path': input.optional(),
  'candidates-digest': input.optional(),
  'coverage-command': input.optional(),
  'coverage-report': input.optional(),
  'coverage-timeout-minutes': input.number(15, 0.1),
  'snippet-timeout-seconds': input.number(60, 1),
  'allow-unisolated-tests': input.boolean(false),
};

export interface DiscoverInputs {
  analysts: string[];
  'max-new-issues': number;
  'lookback-days': number;
  'max-api-requests': number;
  'log-file': string | undefined;
  'log-source-root': string | undefined;
  'npm-registry': string;
  'osv-url': string;
  'majors-behind': number;
  'sentry-url': string;
  'sentry-org': string | undefined;
  'sentry-project': string | undefined;
  'sentry-token': string | undefined;
  phase: 'all' | 'analyse' | 'file';
  'candidates-path': string | undefined;
  'candidates-digest': string | undefined;
  'coverage-command': string | undefined;
  'coverage-report': string | undefined;
  'coverage-timeout-minutes': number;
  'snippet-timeout-seconds': number;
  'allow-unisolated-tests': boolean;
}
