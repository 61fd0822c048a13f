// Each action's reference page, docs/actions/<name>.md: the prose is written by hand, and the blocks between
// markers are generated here so they cannot drift: the title and summary from action.yml, the permissions from
// the reusable workflows' jobs that run the action, the inputs and outputs from action.yml, and the failure
// categories from src/core/failure.ts (the model's categories only for actions that call a model).
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { readRepositorySlug } from './published-name.js';

/** The repository that publishes the actions, as `uses:` lines name it (package.json's repository). */
export const ACTION_REPOSITORY = readRepositorySlug(join(dirname(fileURLToPath(import.meta.url)), '..'));

const ACCESS_RANK = { none: 0, read: 1, write: 2 };

export function escapeCell(text) {
  return String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ')
    .trim();
}

export function inputsTable(inputs) {
  const rows = Object.entries(inputs).map(
    ([name, spec]) =>
      `| \`${name}\` | ${spec.required ? 'yes' : 'no'} | ${spec.default === undefined || spec.default === '' ? '' : `\`${escapeCell(spec.default)}\``} | ${escapeCell(spec.description)} |`,
  );
  return ['| input | required | default | description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function outputsTable(outputs) {
  const rows = Object.entries(outputs ?? {}).map(([name, spec]) => `| \`${name}\` | ${escapeCell(spec.description)} |`);
  return ['| output | description |', '| --- | --- |', ...rows].join('\n');
}

/** Replaces what lies between `<!-- marker -->` and `<!-- /marker -->`; text without the markers is returned as is. */
export function replaceBlock(text, marker, content) {
  const start = `<!-- ${marker} -->`;
  const end = `<!-- /${marker} -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1) return text;
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

/** The failure categories in the order src/core/failure.ts declares them. */
export function failureCategories(root) {
  const source = readFileSync(join(root, 'src', 'core', 'failure.ts'), 'utf8');
  const list = /FAILURE_CATEGORIES = \[([\s\S]*?)\] as const/.exec(source);
  if (!list) throw new Error('src/core/failure.ts: FAILURE_CATEGORIES not found');
  return [...list[1].matchAll(/'([a-z-]+)'/g)].map((match) => match[1]);
}

/** Whether the action's entry builds a model client (only then can it end in a model or budget failure). */
export function callsModel(root, agent) {
  const entry = join(root, 'src', 'actions', agent, 'index.ts');
  return existsSync(entry) && readFileSync(entry, 'utf8').includes('modelFromConfig');
}

/** The jobs of the reusable workflows that run `actions/<agent>`, with the permissions each grants. */
export function jobsRunning(root, agent) {
  const folder = join(root, '.github', 'workflows');
  if (!existsSync(folder)) return [];
  const uses = new RegExp(`(^|/)actions/${agent}(@|$)`);
  const jobs = [];
  for (const file of readdirSync(folder)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()) {
    const workflow = parse(readFileSync(join(folder, file), 'utf8'));
    for (const [id, job] of Object.entries(workflow?.jobs ?? {})) {
      const steps = (job?.steps ?? []).filter((step) => typeof step?.uses === 'string' && uses.test(step.uses));
      if (steps.length === 0) continue;
      const modes = [...new Set(steps.map((step) => step.with?.mode).filter((mode) => typeof mode === 'string'))];
      jobs.push({ workflow: file, id, permissions: job.permissions ?? {}, modes });
    }
  }
  return jobs;
}

function permissionList(permissions) {
  const entries = Object.entries(permissions).filter(([, access]) => access !== 'none');
  return entries.length === 0 ? 'none' : entries.map(([scope, access]) => `\`${scope}: ${access}\``).join(', ');
}

/** What one job that runs every part of the action needs: the highest access any job grants, per scope. */
export function unionPermissions(jobs) {
  const union = {};
  for (const job of jobs) {
    for (const [scope, access] of Object.entries(job.permissions)) {
      if ((ACCESS_RANK[access] ?? 0) > (ACCESS_RANK[union[scope]] ?? 0)) union[scope] = access;
    }
  }
  return union;
}

function permissionsSection(root, agent) {
  const jobs = jobsRunning(root, agent);
  if (jobs.length === 0) {
    return `No reusable workflow of this repository runs \`${agent}\`; grant its job the permissions the example on this page grants, and nothing else.`;
  }
  const rows = jobs.map(
    (job) =>
      `| \`${job.workflow}\` | \`${job.id}\`${job.modes.length > 0 ? ` (mode ${job.modes.map((mode) => `\`${mode}\``).join(', ')})` : ''} | ${permissionList(job.permissions)} |`,
  );
  const lines = [
    `The reusable workflows run \`${agent}\` in these jobs, each with only the permissions below (the workflows start from \`permissions: {}\`):`,
    '',
    '| workflow | job | permissions |',
    '| --- | --- | --- |',
    ...rows,
  ];
  if (jobs.length > 1) lines.push('', `A single job that runs all of it needs ${permissionList(unionPermissions(jobs))}.`);
  return lines.join('\n');
}

// Failures only a model-calling action can end in; `usage` belongs to the command line only.
const MODEL_CATEGORIES = ['model-configuration', 'model-unavailable', 'model-error', 'budget'];

/** The categories a step running this action can end in. */
export function categoriesFor(root, agent) {
  const model = callsModel(root, agent);
  return failureCategories(root).filter((category) => category !== 'usage' && (model || !MODEL_CATEGORIES.includes(category)));
}

function failuresSection(root, agent) {
  const categories = categoriesFor(root, agent);
  const links = categories.map((category) => `[\`${category}\`](../troubleshooting.md#${category})`).join(', ');
  const model = callsModel(root, agent) ? '' : ` It calls no model, so it never ends in a model or budget failure.`;
  return [
    `When a run of \`${agent}\` fails, the step's error is one line saying what failed and what to do, and the job summary is headed`,
    `\`agentic-workflow ${agent}: <category> error\`. The categories it can end in: ${links}.${model}`,
    'Each one, its message and its fix: [troubleshooting](../troubleshooting.md).',
  ].join('\n');
}

function aboutSection(agent, action) {
  return [
    `${escapeCell(action.description)}`,
    '',
    `\`uses: ${ACTION_REPOSITORY}/actions/${agent}@v1\` (a JavaScript action on \`${action.runs?.using ?? 'node24'}\`), or the root action \`${ACTION_REPOSITORY}@v1\` with \`agent: ${agent}\`.`,
  ].join('\n');
}

function referenceSection(root, agent, action, common) {
  const own = Object.fromEntries(Object.entries(action.inputs ?? {}).filter(([name]) => !(name in common)));
  return [
    '### Permissions',
    '',
    permissionsSection(root, agent),
    '',
    '### Inputs',
    '',
    `Besides [the inputs every action accepts](README.md#inputs-every-action-accepts) (token, provider, model, keys, budget, policy path, dry run):`,
    '',
    inputsTable(own),
    '',
    '### Outputs',
    '',
    outputsTable(action.outputs),
    '',
    '### How a run can fail',
    '',
    failuresSection(root, agent),
  ].join('\n');
}

/** A page for an action that has none yet: the generated blocks, and room for the guide. */
function newPage(agent) {
  return `# ${agent}\n\n<!-- about:${agent} -->\n<!-- /about:${agent} -->\n\n## Reference\n\n<!-- reference:${agent} -->\n<!-- /reference:${agent} -->\n`;
}

/** The table of actions, each linked to its page, with the summary from its action.yml. */
export function actionsIndex(actions, pageFolder) {
  const rows = Object.entries(actions).map(([agent, action]) => `| [\`${agent}\`](${pageFolder}${agent}.md) | ${escapeCell(action.description)} |`);
  return ['| action | what it does |', '| --- | --- |', ...rows].join('\n');
}

/** Writes docs/actions/<agent>.md for every action, and the index and shared inputs table of docs/actions/README.md. */
export function generateActionDocs(root, actions, common, writeIfChanged) {
  const folder = join(root, 'docs', 'actions');
  mkdirSync(folder, { recursive: true });
  for (const [agent, action] of Object.entries(actions)) {
    const path = join(folder, `${agent}.md`);
    let page = existsSync(path) ? readFileSync(path, 'utf8') : newPage(agent);
    page = replaceBlock(page, `about:${agent}`, aboutSection(agent, action));
    page = replaceBlock(page, `reference:${agent}`, referenceSection(root, agent, action, common));
    writeIfChanged(path, page);
  }
  const index = join(folder, 'README.md');
  if (existsSync(index)) {
    const text = replaceBlock(readFileSync(index, 'utf8'), 'inputs:common', inputsTable(common));
    writeIfChanged(index, replaceBlock(text, 'actions:index', actionsIndex(actions, '')));
  }
}
