import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closest } from 'fastest-levenshtein';
import { AGENTS, type AgentName } from '../actions/entry.js';
import { parseRepository } from '../core/repo.js';
import { inputNames, NEEDS_MODEL } from './action-inputs.js';
import { noPositionals, parseFlags, positiveInteger, repositoryFlag, UsageError } from './args.js';

export const RUN_HELP = `usage: agentic run <${AGENTS.join('|')}> --repo owner/name [--issue N | --pr N] [--dry-run] [--input name=value ...]
       agentic run implement --dry-run --issue-file <issue.md> [--repo owner/name] [--input name=value ...]

  --repo owner/name   the repository the action works on
  --issue N           the issue (implement)
  --issue-file <f>    implement the issue written in a markdown file (its first heading is the title) against
                      this checkout, with GitHub emulated on this machine: nothing is read from or written to
                      GitHub, no GITHUB_TOKEN is needed; --repo only names it. Needs --dry-run
  --pr N              the pull request (cto-review, ciso-review, auto-merge)
  --dry-run           read and decide, write nothing to GitHub
  --input name=value  any input of the action, as in its action.yml (repeatable; unknown names are refused)

Runs one action locally against a repository, the way a workflow step would, so you can try it before
wiring workflows. Reads from the environment:
  GITHUB_TOKEN        token for the GitHub API (required, except with --issue-file)
  OPENAI_API_KEY      model key for provider openai / openai-compatible
  ANTHROPIC_API_KEY   model key for provider anthropic
  GITHUB_API_URL      API base URL (default https://api.github.com; set it for GitHub Enterprise Server)
  GITHUB_ACTOR        who runs it, as on a runner: reviews and commands count only when it names someone
                      with write access to the repository, so a local review is refused unless it is a writer
                      (with --issue-file it is the emulated repository's owner)
The current directory is the workspace: implement edits files in it (also with --dry-run) and runs the
repository's own install and test commands there; it refuses a working tree that has uncommitted changes.
janitor updates the dependencies of the current directory one by one and runs the tests after each; with
--dry-run it lists what it would update and what passed, pushes nothing and leaves the files as they were.
Outputs and the job summary are printed when the action ends.
`;

/** The runner environment for one local run: INPUT_* from flags and keys, a workflow_dispatch event. */
export function localRunEnvironment(
  options: { repo: string; issue?: string; pr?: string; dryRun: boolean; inputs: Record<string, string> },
  env: NodeJS.ProcessEnv,
  files: { event: string; output: string; summary: string },
): NodeJS.ProcessEnv {
  parseRepository(options.repo, '--repo');
  const inputs: Record<string, string> = {};
  if (env.GITHUB_TOKEN) inputs['github-token'] = env.GITHUB_TOKEN;
  if (env.OPENAI_API_KEY) inputs['openai-api-key'] = env.OPENAI_API_KEY;
  if (env.ANTHROPIC_API_KEY) inputs['anthropic-api-key'] = env.ANTHROPIC_API_KEY;
  if (options.issue) inputs['issue-number'] = options.issue;
  if (options.pr) inputs['pull-request-number'] = options.pr;
  if (options.dryRun) inputs['dry-run'] = 'true';
  Object.assign(inputs, options.inputs);
  const result: NodeJS.ProcessEnv = {
    ...env,
    GITHUB_REPOSITORY: options.repo,
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: env.GITHUB_WORKSPACE ?? process.cwd(),
  };
  for (const [name, value] of Object.entries(inputs)) result[`INPUT_${name.toUpperCase()}`] = value;
  return result;
}

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    repo: { type: 'string' },
    issue: { type: 'string' },
    pr: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'issue-file': { type: 'string' },
    input: { type: 'string', multiple: true },
  });
  if (values.help) {
    process.stdout.write(RUN_HELP);
    return 0;
  }
  const agent = positionals[0];
  if (!agent || !(AGENTS as readonly string[]).includes(agent)) throw new UsageError(`name the action to run: one of ${AGENTS.join(', ')}`);
  noPositionals(positionals.slice(1), `run ${agent}`);
  if (values['issue-file'] !== undefined) throw new UsageError('--issue-file is for agentic run implement --dry-run');
  if (!values.repo) throw new UsageError('--repo owner/name is required');
  repositoryFlag(values.repo);
  positiveInteger('issue', values.issue, 'an issue number');
  positiveInteger('pr', values.pr, 'a pull request number');
  const given = parseInputFlags(agent as AgentName, values.input ?? []);
  if (!process.env.GITHUB_TOKEN) throw new UsageError('GITHUB_TOKEN is not set: export a token that can read (and, without --dry-run, write) the repository');
  requireModelKeyVariable(agent as AgentName, given, process.env);
  return runLocally(
    agent as AgentName,
    { repo: values.repo, issue: values.issue, pr: values.pr, dryRun: values['dry-run'] ?? false, inputs: given },
    process.env,
  );
}

async function runLocally(
  agent: AgentName,
  options: { repo: string; issue?: string | undefined; pr?: string | undefined; dryRun: boolean; inputs: Record<string, string> },
  baseEnv: NodeJS.ProcessEnv,
): Promise<number> {
  const values = { repo: options.repo, issue: options.issue, pr: options.pr, 'dry-run': options.dryRun };
  const given = options.inputs;

  const temp = mkdtempSync(join(tmpdir(), 'agentic-run-'));
  const files = { event: join(temp, 'event.json'), output: join(temp, 'output'), summary: join(temp, 'summary.md') };
  try {
    const inputs = { 'issue-number': values.issue ?? '', 'pull-request-number': values.pr ?? '' };
    writeFileSync(files.event, JSON.stringify({ inputs, repository: { full_name: values.repo } }));
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    const env = localRunEnvironment({ repo: values.repo, issue: values.issue, pr: values.pr, dryRun: values['dry-run'], inputs: given }, baseEnv, files);
    process.stderr.write(
      `agentic: running ${agent} on ${values.repo}${values.issue ? ` issue #${values.issue}` : ''}${values.pr ? ` PR #${values.pr}` : ''}${values['dry-run'] ? ' (dry run: no changes)' : ''}\n`,
    );
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const { runAgent } = await import('../actions/run-agent.js');
      await runAgent(agent);
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
    }
    const summary = readFileSync(files.summary, 'utf8');
    const outputs = readFileSync(files.output, 'utf8');
    if (summary.trim()) process.stdout.write(`\n${summary.trim()}\n`);
    if (outputs.trim()) process.stdout.write(`\noutputs:\n${formatOutputs(outputs)}\n`);
    return process.exitCode === 1 ? 1 : 0;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** `--input name=value` pairs, each name checked against the action's inputs. */
export function parseInputFlags(agent: AgentName, pairs: string[]): Record<string, string> {
  const names = inputNames(agent);
  const result: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--input expects name=value, got "${pair}"`);
    const name = pair.slice(0, at);
    if (!names.includes(name)) {
      throw new UsageError(`--input ${name}: ${agent} has no input '${name}' (did you mean '${closest(name, names)}'?); its inputs are ${names.join(', ')}`);
    }
    result[name] = pair.slice(at + 1);
  }
  return result;
}

const KEY_VARIABLES = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY' } as const;

/** The model key is read from the environment here, so a missing one is named by its variable, not its input. */
export function requireModelKeyVariable(agent: AgentName, inputs: Record<string, string>, env: NodeJS.ProcessEnv): void {
  if (!NEEDS_MODEL.includes(agent)) return;
  const provider = inputs.provider ?? 'openai';
  if (provider !== 'openai' && provider !== 'anthropic') return; // openai-compatible gateways often take no key
  const variable = KEY_VARIABLES[provider];
  if (env[variable] || inputs[`${provider}-api-key`]) return;
  const other = provider === 'openai' ? 'anthropic' : 'openai';
  throw new UsageError(
    `${variable} is not set: export the ${provider} API key ${agent} needs (or choose --input provider=${other} with ${KEY_VARIABLES[other]})`,
  );
}

/** GITHUB_OUTPUT's heredoc blocks as `name = value` lines. */
function formatOutputs(text: string): string {
  const lines: string[] = [];
  const pattern = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) lines.push(`  ${match[1]} = ${match[3]}`);
  return lines.join('\n');
}
