/**
 * Which paths are protected: one matcher for the agent's file tools, the publish gate and auto-merge, so a path
 * the agent may not write is also one the publish job refuses and a pull request touching it needs a human.
 */
import { minimatch } from 'minimatch';

/** Workflows run with the repository's secrets and permissions: no agent change may reach them, whatever the policy says. */
export const ALWAYS_PROTECTED: readonly string[] = ['.github/workflows/**'];

// Case-insensitive: on macOS and Windows checkouts `.GitHub/Workflows` is the same directory, and matching more
// paths can only make a human act more often.
const GLOB = { dot: true, nocase: true } as const;

/**
 * Pure: the first glob that protects `path`, or null. A glob protects what it matches, everything below it
 * (`infra` and `infra/` protect `infra/main.tf`) and the directory a `dir/**` glob names (`.github/workflows`
 * itself, so a link or a file by that name cannot stand in for the directory).
 */
export function protectingGlob(path: string, globs: readonly string[]): string | null {
  return (
    globs.find((glob) => {
      const bare = glob.replace(/\/+$/, '');
      return minimatch(path, glob, GLOB) || minimatch(path, `${bare}/**`, GLOB) || minimatch(path, bare.replace(/\/\*\*$/, ''), GLOB);
    }) ?? null
  );
}
