import type { Route } from './route.js';

type Segment = { literal: string } | { param: string; numeric: boolean; greedy: boolean };

interface CompiledRoute {
  route: Route;
  segments: Segment[];
}

/** Path parameters that GitHub only accepts as numbers (`workflow_id` may also be a file name). */
const NUMERIC = new Set(['issue_number', 'pull_number', 'comment_id', 'review_id', 'check_run_id', 'run_id']);
/** Parameters that may span several segments when given with raw slashes (contents paths, refs). */
const GREEDY = new Set(['path', 'ref', 'branch']);

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Matches request paths against OpenAPI-style templates (`/repos/{owner}/{repo}/issues/{issue_number}`). */
export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(readonly routes: readonly Route[]) {
    // Greedy templates (`/commits/{ref}`) go last so `/commits/{ref}/status` is never swallowed.
    const greedy = (entry: CompiledRoute): number => (entry.segments.some((segment) => 'greedy' in segment && segment.greedy) ? 1 : 0);
    this.compiled = routes.map((route) => ({ route, segments: compile(route.path) })).sort((a, b) => greedy(a) - greedy(b));
  }

  match(method: string, path: string): RouteMatch | undefined {
    const raw = path.split('/').slice(1);
    for (const { route, segments } of this.compiled) {
      if (route.method !== method) continue;
      const params = matchSegments(segments, raw);
      if (params) return { route, params };
    }
    return undefined;
  }
}

function compile(template: string): Segment[] {
  const parts = template.split('/').slice(1);
  return parts.map((part, index) => {
    const param = /^\{(\w+)\}$/.exec(part)?.[1];
    if (!param) return { literal: part };
    return { param, numeric: NUMERIC.has(param), greedy: GREEDY.has(param) && index === parts.length - 1 };
  });
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function matchSegments(segments: readonly Segment[], raw: readonly string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index];
    if (!segment) return undefined;
    if ('literal' in segment) {
      if (raw[index] !== segment.literal) return undefined;
      continue;
    }
    const pieces = (segment.greedy ? raw.slice(index) : [raw[index] ?? '']).map(decode);
    if (pieces.some((piece) => !piece)) return undefined;
    const value = pieces.join('/');
    if (segment.numeric && !/^\d+$/.test(value)) return undefined;
    params[segment.param] = value;
    if (segment.greedy) return params;
  }
  return raw.length === segments.length ? params : undefined;
}
