/**
 * Triage's first request reads the policy file (the default branch's, as core/policy-file.ts reads it) and the
 * first page of the open roadmap issues and pull requests in one GraphQL query, so the roadmap listing costs no
 * request of its own. The roadmap label is named by the policy, which that same request reads: the page is read
 * for the default name and used only when the policy keeps it (fetch.ts lists the renamed label through REST),
 * and only when it holds every item (more than 100 are listed through REST). Any refusal of the query falls
 * back to the REST reads, which report it as they always have.
 */
import type { GitHub } from '../core/github.js';
import { DEFAULT_LABELS } from '../core/labels.js';
import { loadPolicy, POLICY_FIELDS, policyFromFields, type PolicyFieldsAnswer, type PolicyLoader } from '../core/policy-file.js';
import type { ListedIssue } from './snapshot.js';

const ITEM_FIELDS = `number title body state url createdAt updatedAt closedAt
        author { __typename login ... on User { databaseId } ... on Bot { databaseId } }
        labels(first: 100) { nodes { name } }
        assignees(first: 10) { nodes { login } }`;

/** Every GraphQL document triage sends; the contract test validates each against GitHub's public schema. */
export const TRIAGE_DOCUMENTS = {
  start: `query TriagePolicyAndRoadmap($owner: String!, $name: String!, $policyPath: String!, $roadmapLabel: String!) {
  repository(owner: $owner, name: $name) {
    ${POLICY_FIELDS}
    roadmapIssues: issues(labels: [$roadmapLabel], states: [OPEN], first: 100, orderBy: { field: CREATED_AT, direction: DESC }) {
      pageInfo { hasNextPage }
      nodes {
        ${ITEM_FIELDS}
      }
    }
    roadmapPulls: pullRequests(labels: [$roadmapLabel], states: [OPEN], first: 100, orderBy: { field: CREATED_AT, direction: DESC }) {
      pageInfo { hasNextPage }
      nodes {
        ${ITEM_FIELDS}
        mergedAt
      }
    }
  }
}`,
} as const;

interface ItemNode {
  number: number;
  title: string;
  body: string;
  state: string;
  url: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt?: string | null;
  author: { __typename: string; login: string; databaseId?: number | null } | null;
  labels: { nodes: Array<{ name: string } | null> | null } | null;
  assignees: { nodes: Array<{ login: string } | null> | null };
}

interface ItemConnection {
  pageInfo: { hasNextPage: boolean };
  nodes: Array<ItemNode | null> | null;
}

export interface StartAnswer {
  repository: (PolicyFieldsAnswer & { roadmapIssues: ItemConnection; roadmapPulls: ItemConnection }) | null;
}

/** The open roadmap items as the REST listing `GET /issues?labels=<label>&state=open` gives them. */
export interface PrefetchedRoadmap {
  label: string;
  items: ListedIssue[];
}

/** A node as the issues list endpoint shows the item (the fields triage reads); REST spells a bot's login with `[bot]`. */
function listedFrom(node: ItemNode, pull: boolean): ListedIssue {
  const author = node.author;
  return {
    number: node.number,
    title: node.title,
    // GraphQL gives an empty body as "", REST as null.
    body: node.body === '' ? null : node.body,
    state: node.state === 'OPEN' ? 'open' : 'closed',
    state_reason: null,
    html_url: node.url,
    created_at: node.createdAt,
    updated_at: node.updatedAt,
    closed_at: node.closedAt,
    user: author ? { login: author.__typename === 'Bot' ? `${author.login}[bot]` : author.login, id: author.databaseId ?? 0, type: author.__typename } : null,
    labels: (node.labels?.nodes ?? []).flatMap((label) => (label ? [{ name: label.name }] : [])),
    assignees: (node.assignees.nodes ?? []).flatMap((assignee) => (assignee ? [{ login: assignee.login }] : [])),
    pull_request: pull ? { merged_at: node.mergedAt ?? null } : null,
  };
}

/** Pure: the complete roadmap listing from the answer, newest first as REST lists it; null when it needs more pages. */
export function roadmapFrom(answer: NonNullable<StartAnswer['repository']>, label: string): PrefetchedRoadmap | null {
  const { roadmapIssues: issues, roadmapPulls: pulls } = answer;
  if (issues.pageInfo.hasNextPage || pulls.pageInfo.hasNextPage) return null;
  const items = [
    ...(issues.nodes ?? []).flatMap((node) => (node ? [listedFrom(node, false)] : [])),
    ...(pulls.nodes ?? []).flatMap((node) => (node ? [listedFrom(node, true)] : [])),
  ].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.number - a.number);
  return { label, items };
}

/** The policy reader for prepare(), and what its request read of the roadmap (null until then, or when unusable). */
export function policyAndRoadmapReader(): { readPolicy: PolicyLoader; roadmap: () => PrefetchedRoadmap | null } {
  let roadmap: PrefetchedRoadmap | null = null;
  const label = DEFAULT_LABELS.roadmap;
  const readPolicy: PolicyLoader = async (gh: GitHub, repo, configPath, parse) => {
    let answer: StartAnswer;
    try {
      answer = await gh.graphql<StartAnswer>(TRIAGE_DOCUMENTS.start, { owner: repo.owner, name: repo.repo, policyPath: configPath, roadmapLabel: label });
    } catch {
      return loadPolicy(gh, repo, configPath, parse);
    }
    if (!answer.repository) return loadPolicy(gh, repo, configPath, parse);
    roadmap = roadmapFrom(answer.repository, label);
    return policyFromFields(answer.repository, configPath, parse) ?? (await loadPolicy(gh, repo, configPath, parse));
  };
  return { readPolicy, roadmap: () => roadmap };
}
