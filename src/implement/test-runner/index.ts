/** Running a repository's own tests, detected or configured, in a child without secrets. */
export { chooseTestCommand, detectTestCommand, type RepositoryFacts } from './detect.js';
export { runTests, type RunTestsOptions, type TestRun } from './run-tests.js';
export { MAX_TEST_OUTPUT_CHARS, stripAnsi, truncateTestOutput } from './truncate.js';
