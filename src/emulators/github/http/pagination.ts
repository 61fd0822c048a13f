import type { ApiRequest } from './route.js';

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

/** `per_page` (default 30, at most 100) and `page` as GitHub reads them. */
export function pageParams(query: URLSearchParams): { perPage: number; page: number } {
  const perPageRaw = Number(query.get('per_page') ?? 30);
  const pageRaw = Number(query.get('page') ?? 1);
  const perPage = Number.isFinite(perPageRaw) && perPageRaw >= 1 ? Math.min(Math.floor(perPageRaw), 100) : 30;
  const page = Number.isFinite(pageRaw) && pageRaw >= 1 ? Math.floor(pageRaw) : 1;
  return { perPage, page };
}

/** One page of `items` and the `Link` header built from the URL the client asked for. */
export function paginate<T>(request: Pick<ApiRequest, 'query' | 'url'>, items: readonly T[]): Page<T> {
  const { perPage, page } = pageParams(request.query);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = linkHeader(request.url, page, lastPage);
  return { items: slice, headers: link ? { link } : {} };
}

export function linkHeader(url: URL, page: number, lastPage: number): string | undefined {
  const at = (target: number): string => {
    const next = new URL(url.toString());
    next.searchParams.set('page', String(target));
    return next.toString();
  };
  const parts: string[] = [];
  if (page > 1) parts.push(`<${at(Math.min(page - 1, lastPage))}>; rel="prev"`);
  if (page < lastPage) parts.push(`<${at(page + 1)}>; rel="next"`, `<${at(lastPage)}>; rel="last"`);
  if (page > 1) parts.push(`<${at(1)}>; rel="first"`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}
