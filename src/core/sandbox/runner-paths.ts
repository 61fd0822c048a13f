/**
 * The folders on a runner that repository code must not read: the runner's temp folder (which holds the
 * command files GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STEP_SUMMARY… and the event payload), the checkout, and the
 * action's own files.
 */
import { dirname, resolve } from 'node:path';

const COMMAND_FILES = ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY', 'GITHUB_EVENT_PATH'];

/** Pure: the private folders named by the runner's environment, plus the action's own folder. */
export function runnerPrivatePaths(env: Readonly<Record<string, string | undefined>>, actionDir: string | undefined): string[] {
  const paths = [env.RUNNER_TEMP, env.GITHUB_WORKSPACE, env.GITHUB_ACTION_PATH, actionDir];
  for (const name of COMMAND_FILES) {
    const file = env[name];
    if (file) paths.push(dirname(file));
  }
  return [...new Set(paths.filter((path): path is string => Boolean(path)).map((path) => resolve(path)))];
}
