import { ConfigurationError, describeValue } from './errors.js';

/** The repository an action works on, as the REST API addresses it. */
export interface RepoRef {
  owner: string;
  repo: string;
}

// GitHub's own rules: owners are alphanumeric with single inner hyphens; repository names also allow `.` and `_`.
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** Parses `owner/name` (the form of GITHUB_REPOSITORY and of a `repository` input). */
export function parseRepository(text: string, source = 'GITHUB_REPOSITORY'): RepoRef {
  const parts = text.trim().split('/');
  const [owner, repo] = parts;
  if (parts.length !== 2 || owner === undefined || repo === undefined || !OWNER.test(owner) || !NAME.test(repo) || repo === '.' || repo === '..') {
    throw new ConfigurationError(`${source} is ${describeValue(text)}; expected "owner/name"`);
  }
  return { owner, repo };
}

/** `owner/name`, for logs and messages. */
export function formatRepository(ref: RepoRef): string {
  return `${ref.owner}/${ref.repo}`;
}
