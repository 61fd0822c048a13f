/** `agentic context`: the files implement would put in front of the model for a task, for inspection and measurement. */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseFlags, UsageError } from './args.js';

export const CONTEXT_HELP = `usage: agentic context --repo <dir> (--query-file <file> | --query <text>) [--budget <tokens>] [--cost map|content] [--json]

Ranks the repository's files for a task description and prints those that fit the token budget together,
best first (4 characters a token).
  --repo <dir>          the repository (a git work tree honours .gitignore); default: the current directory
  --query-file <file>   the task description, e.g. an issue body ("-" reads standard input)
  --query <text>        the task description inline
  --budget <tokens>     token budget to fill (default 4000)
  --cost content|map    what a file costs: its whole content (default) or its line in the repository map
                        implement puts in its prompt (path, size, top-level symbols)
  --json                print [{ "path": ..., "score": ... }] instead of a table
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function contextCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    repo: { type: 'string' },
    'query-file': { type: 'string' },
    query: { type: 'string' },
    budget: { type: 'string' },
    cost: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(CONTEXT_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if ((values['query-file'] === undefined) === (values.query === undefined)) throw new UsageError('give the task with exactly one of --query-file or --query');
  const budgetText = values.budget ?? '4000';
  if (!/^\d+$/.test(budgetText) || Number(budgetText) <= 0) throw new UsageError(`--budget is "${budgetText}"; expected a positive whole number of tokens`);
  const cost = values.cost ?? 'content';
  if (cost !== 'map' && cost !== 'content') throw new UsageError(`--cost is "${cost}"; expected content or map`);
  const repoDir = resolve(values.repo ?? '.');
  if (!(await stat(repoDir).catch(() => null))?.isDirectory()) throw new UsageError(`--repo ${repoDir} is not a directory`);

  let query = values.query ?? '';
  const queryFile = values['query-file'];
  if (queryFile !== undefined) {
    query =
      queryFile === '-'
        ? await readStdin()
        : await readFile(resolve(queryFile), 'utf8').catch(() => {
            throw new UsageError(`--query-file ${queryFile} cannot be read`);
          });
  }
  if (query.trim() === '') throw new UsageError('the task description is empty');

  const { selectContext } = await import('../implement/context/index.js');
  const selected = await selectContext({ repoDir, query, budgetTokens: Number(budgetText), cost });
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify(
        selected.map((file) => ({ path: file.path, score: Number(file.score.toFixed(4)) })),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  if (selected.length === 0) {
    process.stdout.write('No file matches the task.\n');
    return 0;
  }
  const used = selected.reduce((sum, file) => sum + file.tokens, 0);
  const rows = selected.map(
    (file, i) => `${String(i + 1).padStart(3)}  ${file.score.toFixed(3).padStart(6)}  ${String(file.fileTokens).padStart(6)}  ${file.path}`,
  );
  process.stdout.write(
    `  #   score    size  path\n${rows.join('\n')}\n${selected.length} file(s) (size: tokens of the whole file); ${used} of ${budgetText} tokens used (cost: ${cost})\n`,
  );
  return 0;
}
