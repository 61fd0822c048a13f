import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRODUCT_REPOSITORY } from '../core/product.js';
import type { RepoRef } from '../core/repo.js';
import { describeCiDetection, detectCiWorkflow, type CiDetection } from '../setup/ci-workflow.js';
import { hasCiWorkflowLine, withCiWorkflow } from '../setup/template-ci.js';
import { noPositionals, parseFlags, repositoryFlag, UsageError } from './args.js';

export const INIT_HELP = `usage: agentic init [--dir .] [--parts] [--force] [--ci-workflow <file>|none] [--repo owner/name]

  --dir <dir>         the repository's folder (it must exist); default: the current directory
  --parts             the per-workflow templates instead of the single agentic.yml
  --force             overwrite existing workflow and policy files (they are kept otherwise)
  --ci-workflow <f>   the CI workflow file (in .github/workflows/) to dispatch on agent branches, instead of
                      the one detected; "none" dispatches nothing
  --repo owner/name   also create the labels on GitHub and check the repository's settings (needs GITHUB_TOKEN)

Sets a repository up for agentic-workflow:
  - copies the caller workflow into <dir>/.github/workflows/: agentic.yml (the whole loop), or with
    --parts the per-workflow templates (agentic-implement, -review, -triage, -auto-merge, -nightly);
  - finds the repository's CI in .github/workflows/ (a workflow that runs on push or pull_request and has a
    workflow_dispatch: trigger) and writes it as ci-workflow: into the template, so every agent branch gets
    its checks (pull requests opened with GITHUB_TOKEN start no workflow); says what to add when it has none;
  - copies the commented policy example to <dir>/.github/agentic.yml;
  - with --repo and GITHUB_TOKEN in the environment, creates the labels the agents use and reads the settings
    the loop needs (Actions may create pull requests, branch rules on the default and the agent branches),
    printing what to change and where (GITHUB_API_URL for GitHub Enterprise Server). It changes no setting.
Existing files are kept; --force overwrites them with the templates. Then add the OPENAI_API_KEY (or ANTHROPIC_API_KEY)
secret and label an issue roadmap.
`;

const WHOLE_LOOP = ['agentic.yml'];
const PARTS = ['agentic-implement.yml', 'agentic-review.yml', 'agentic-triage.yml', 'agentic-auto-merge.yml', 'agentic-nightly.yml'];

/** The templates ship next to the bundle (dist/ and workflows-templates/ sit side by side). */
function templatesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, '..', 'workflows-templates'), join(here, '..', '..', 'workflows-templates')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new UsageError('the workflow templates were not found next to this installation (workflows-templates/)');
}

export async function initCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    dir: { type: 'string' },
    parts: { type: 'boolean' },
    force: { type: 'boolean' },
    repo: { type: 'string' },
    'ci-workflow': { type: 'string' },
  });
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
  const ci = chooseCiWorkflow(target, values['ci-workflow']);
  const copies: Array<[string, string]> = [
    ...(values.parts ? PARTS : WHOLE_LOOP).map((file): [string, string] => [join(source, file), join(target, '.github', 'workflows', file)]),
    [join(source, 'agentic.config.yml'), join(target, '.github', 'agentic.yml')],
  ];
  let templateWithCi = '';
  for (const [from, to] of copies) {
    const shown = to.slice(target.length + 1);
    const template = readFileSync(from, 'utf8');
    if (hasCiWorkflowLine(template)) templateWithCi = shown;
    if (existsSync(to) && !values.force) {
      process.stdout.write(`kept     ${shown} (exists; --force replaces it)\n`);
      continue;
    }
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, withCiWorkflow(template, ci.kind === 'found' ? ci.file : undefined));
    process.stdout.write(`wrote    ${shown}\n`);
  }
  if (templateWithCi) for (const line of describeCiDetection(ci, templateWithCi)) process.stdout.write(`${line}\n`);
  if (repo) await setUpOnGitHub(repo, ci.kind === 'found' ? ci.file : undefined);
  process.stdout.write('\nnext: add the OPENAI_API_KEY (or ANTHROPIC_API_KEY) secret, commit .github/, and label an issue roadmap.\n');
  return 0;
}

/** The CI workflow named by --ci-workflow, or the one detected in <dir>/.github/workflows/. */
function chooseCiWorkflow(target: string, flag: string | undefined): CiDetection {
  const folder = join(target, '.github', 'workflows');
  const files = existsSync(folder) ? readdirSync(folder).filter((file) => /\.ya?ml$/.test(file)) : [];
  const workflows = files.map((file) => ({ file, text: readFileSync(join(folder, file), 'utf8') }));
  if (flag === 'none') return { kind: 'off' };
  if (flag === undefined) return detectCiWorkflow(workflows);
  const chosen = workflows.find((workflow) => workflow.file === flag);
  if (!chosen) throw new UsageError(`--ci-workflow ${flag}: there is no .github/workflows/${flag} in ${target}`);
  const detection = detectCiWorkflow([chosen]);
  if (detection.kind === 'none') return { kind: 'found', file: flag, triggers: [] };
  return detection;
}

/** Labels, then the repository settings the loop depends on (read only). */
async function setUpOnGitHub(repo: RepoRef, ciWorkflow: string | undefined): Promise<void> {
  const [{ createGitHubClient }, { ensureLabels, DEFAULT_LABELS }, { checkRepositorySettings, formatFindings, webUrlFor }] = await Promise.all([
    import('../core/github.js'),
    import('../core/labels.js'),
    import('../setup/repository-settings.js'),
  ]);
  const apiUrl = (process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, '');
  const gh = createGitHubClient({ token: process.env.GITHUB_TOKEN ?? '', baseUrl: apiUrl });
  const created = await ensureLabels(gh, repo, Object.values(DEFAULT_LABELS));
  process.stdout.write(
    `labels   ${created.length} created on ${repo.owner}/${repo.repo} (${Object.values(DEFAULT_LABELS).length - created.length} already there)\n`,
  );
  const findings = await checkRepositorySettings(gh, repo, {
    webUrl: process.env.GITHUB_SERVER_URL ?? webUrlFor(apiUrl),
    agentBranch: 'automated/1-example',
    productRepository: PRODUCT_REPOSITORY,
    ...(ciWorkflow ? { ciWorkflow } : {}),
  });
  const toChange = findings.filter((finding) => finding.level === 'change').length;
  process.stdout.write(
    `settings ${toChange === 0 ? 'nothing to change' : `${toChange} to change before the loop can merge`}:\n${formatFindings(findings).join('\n')}\n`,
  );
}
