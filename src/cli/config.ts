/** `agentic config validate`: checks a policy file locally or in CI, the way every action checks it. */
import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import * as runner from '../core/runner-protocol.js';
import { noPositionals, parseFlags, UsageError } from './args.js';

export const CONFIG_HELP = `usage: agentic config validate [--file .github/agentic.yml]

Checks a policy file completely, the way every action checks it when it starts, and prints every
problem at once: its line, the key path, the value, what is expected, "did you mean" for a mistyped
key, and for broken YAML the line with a caret under the error. Exits 1 when there is a problem, so it
can run in CI; in GitHub Actions each problem is also an annotation on the file.
  --file <file>   the policy file (default: .github/agentic.yml in the current directory)

Editors check the file as you type with the JSON Schema: keep the "# yaml-language-server: $schema=" line
that agentic init writes at the top of the file.
`;

const DEFAULT_FILE = '.github/agentic.yml';

export async function configCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(CONFIG_HELP);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'validate') throw new UsageError(`unknown config command '${sub}'; the config command is validate`);
  const { values, positionals } = parseFlags(rest, { file: { type: 'string' } });
  if (values.help) {
    process.stdout.write(CONFIG_HELP);
    return 0;
  }
  noPositionals(positionals, 'config validate');
  const path = resolve(values.file ?? DEFAULT_FILE);
  const shown = relative(process.cwd(), path) || path;
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) {
    if (values.file !== undefined) throw new UsageError(`--file ${shown} does not exist`);
    process.stdout.write(`${shown} does not exist: every default applies (agentic init writes a commented one)\n`);
    return 0;
  }
  if (!stat.isFile()) throw new UsageError(`${shown} is not a file`);

  const { checkPolicyText, formatProblems } = await import('../policy/validate.js');
  const { problems } = checkPolicyText(readFileSync(path, 'utf8'));
  if (problems.length === 0) {
    process.stdout.write(`${shown}: valid\n`);
    return 0;
  }
  process.stderr.write(`${formatProblems(shown, problems)}\n${shown}: ${problems.length === 1 ? '1 problem' : `${problems.length} problems`}\n`);
  if (process.env.GITHUB_ACTIONS === 'true') {
    for (const problem of problems) runner.error(problem.message, { file: shown, line: problem.line, title: 'agentic policy' });
  }
  return 1;
}
