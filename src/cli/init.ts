import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { noPositionals, parseFlags, repositoryFlag, UsageError } from './args.js';

export const INIT_HELP = `usage: agentic init [--dir .] [--parts] [--force] [--repo owner/name]

  --dir <dir>         the repository's folder (it must exist); default: the current directory
  --parts             the four per-workflow templates instead of the single agentic.yml
  --force             overwrite existing workflow and policy files (they are kept otherwise)
  --repo owner/name   also create the labels on GitHub (needs GITHUB_TOKEN)

Sets a repository up for agentic-workflow:
  - copies the caller workflow into <dir>/.github/workflows/: agentic.yml (the whole loop), or with
    --parts the four per-workflow templates (agentic-implement, -review, -triage, -auto-merge);
  - copies the commented policy example to <dir>/.github/agentic.yml;
  - with --repo and GITHUB_TOKEN in the environment, creates the labels the agents use (GITHUB_API_URL
    for GitHub Enterprise Server).
Existing files are kept; --force overwrites them with the templates. Then add the OPENAI_API_KEY (or ANTHROPIC_API_KEY)
secret and label an issue roadmap.
`;

const WHOLE_LOOP = ['agentic.yml'];
const PARTS = ['agentic-implement.yml', 'agentic-review.yml', 'agentic-triage.yml', 'agentic-auto-merge.yml'];

/** The templates ship next to the bundle (dist/ and workflows-templates/ sit side by side). */
function templatesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '..', 'workflows-templates'), join(here, '..', '..', 'workflows-templates')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new UsageError('the workflow templates were not found next to this installation (workflows-templates/)');
}

export async function initCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { dir: { type: 'string' }, parts: { type: 'boolean' }, force: { type: 'boolean' }, repo: { type: 'string' } });
  if (values.help) {
    process.stdout.write(INIT_HELP);
    return 0;
  }
  noPositionals(positionals, 'init');
  const repo = values.repo !== undefined ? repositoryFlag(values.repo) : undefined;
  if (repo && !process.env.GITHUB_TOKEN) throw new UsageError('--repo creates labels and needs GITHUB_TOKEN in the environment');
  const target = resolve(values.dir ?? '.');
  // A mistyped --dir must not become a new, empty folder with .github/ in it.
  if (!statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--dir ${target} is not an existing folder`);
  const source = templatesDir();
  const copies: Array<[string, string]> = [
    ...(values.parts ? PARTS : WHOLE_LOOP).map((file): [string, string] => [join(source, file), join(target, '.github', 'workflows', file)]),
    [join(source, 'agentic.config.yml'), join(target, '.github', 'agentic.yml')],
  ];
  for (const [from, to] of copies) {
    const shown = to.slice(target.length + 1);
    if (existsSync(to) && !values.force) {
      process.stdout.write(`kept     ${shown} (exists; --force replaces it)\n`);
      continue;
    }
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    process.stdout.write(`wrote    ${shown}\n`);
  }
  if (repo) {
    const [{ createGitHubClient }, { ensureLabels, DEFAULT_LABELS }] = await Promise.all([import('../core/github.js'), import('../core/labels.js')]);
    const gh = createGitHubClient({ token: process.env.GITHUB_TOKEN ?? '', baseUrl: (process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, '') });
    const created = await ensureLabels(gh, repo, Object.values(DEFAULT_LABELS));
    process.stdout.write(`labels   ${created.length} created on ${repo.owner}/${repo.repo} (${Object.values(DEFAULT_LABELS).length - created.length} already there)\n`);
  }
  process.stdout.write('\nnext: add the OPENAI_API_KEY (or ANTHROPIC_API_KEY) secret, commit .github/, and label an issue roadmap.\n');
  return 0;
}
