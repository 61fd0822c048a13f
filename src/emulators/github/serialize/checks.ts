import { combinedStatus } from '../state/check-actions.js';
import type { CheckAnnotationRecord, CheckRunRecord, PullRecord, StatusRecord } from '../state/records.js';
import { liveHeadSha } from '../state/pull-actions.js';
import { nodeId, type SerializeContext } from './context.js';
import { pullRequestMinimal } from './pulls.js';
import { repository } from './repository.js';
import { userByLogin } from './users.js';

/** The GitHub App that owns a check run; the Actions bot is GitHub Actions' app (id 15368). */
export function app(context: SerializeContext, botLogin: string): Record<string, unknown> {
  const slug = botLogin.replace(/\[bot\]$/, '');
  const isActions = slug === 'github-actions';
  const bot = context.state.user(botLogin);
  const id = isActions ? 15368 : (bot?.id ?? 1);
  return {
    id,
    slug,
    node_id: nodeId('Integration', id),
    client_id: `Iv1.${id.toString(16).padStart(16, '0')}`,
    owner: userByLogin(context, isActions ? 'github' : context.state.repo.owner),
    name: isActions ? 'GitHub Actions' : slug,
    description: isActions ? 'Automate your workflow from idea to production' : '',
    external_url: isActions ? 'https://help.github.com/en/actions' : `${context.urls.serverUrl}/apps/${slug}`,
    html_url: `${context.urls.serverUrl}/apps/${slug}`,
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2024-04-10T20:33:16Z',
    permissions: { checks: 'write', contents: 'write', issues: 'write', metadata: 'read', pull_requests: 'write', statuses: 'write' },
    events: ['check_run', 'check_suite', 'pull_request', 'push'],
  };
}

function openPullsAt(context: SerializeContext, sha: string): PullRecord[] {
  const found: PullRecord[] = [];
  for (const pull of context.state.pulls.values()) {
    if (context.state.issue(pull.number)?.state === 'open' && !pull.fork && liveHeadSha(context.state, pull) === sha) found.push(pull);
  }
  return found;
}

export function checkRun(context: SerializeContext, run: CheckRunRecord): Record<string, unknown> {
  const { urls } = context;
  const api = `${urls.repoApi}/check-runs/${run.id}`;
  const html = `${urls.repoHtml}/runs/${run.id}`;
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('CheckRun', run.id),
    head_sha: run.headSha,
    external_id: run.externalId,
    url: api,
    html_url: html,
    details_url: run.detailsUrl ?? html,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.annotations.length,
      annotations_url: `${api}/annotations`,
    },
    check_suite: { id: run.checkSuiteId },
    app: app(context, run.app),
    pull_requests: openPullsAt(context, run.headSha).map((pull) => pullRequestMinimal(context, pull)),
  };
}

export function annotation(context: SerializeContext, run: CheckRunRecord, record: CheckAnnotationRecord): Record<string, unknown> {
  return {
    path: record.path,
    blob_href: `${context.urls.repoHtml}/blob/${run.headSha}/${record.path}`,
    start_line: record.startLine,
    end_line: record.endLine,
    start_column: record.startColumn,
    end_column: record.endColumn,
    annotation_level: record.level,
    title: record.title,
    message: record.message,
    raw_details: record.rawDetails,
  };
}

export function status(context: SerializeContext, record: StatusRecord): Record<string, unknown> {
  const creator = context.state.user(record.creator);
  return {
    url: `${context.urls.repoApi}/statuses/${record.sha}`,
    avatar_url: creator ? `${context.urls.serverUrl}/avatars/u/${creator.id}?v=4` : null,
    id: record.id,
    node_id: nodeId('StatusContext', record.id),
    state: record.state,
    description: record.description,
    target_url: record.targetUrl,
    context: record.context,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    creator: userByLogin(context, record.creator),
  };
}

export function combined(context: SerializeContext, sha: string): Record<string, unknown> {
  const { state, latest } = combinedStatus(context.state, sha);
  return {
    state,
    statuses: latest.map((record) => status(context, record)),
    sha,
    total_count: latest.length,
    repository: repository(context),
    commit_url: `${context.urls.repoApi}/commits/${sha}`,
    url: `${context.urls.repoApi}/commits/${sha}/status`,
  };
}
