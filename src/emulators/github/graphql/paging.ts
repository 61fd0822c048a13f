/** What every resolver shares: the request's context, GitHub's typed errors and its connection paging. */
import type { TokenGrant } from '../http/tokens.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { UserRecord } from '../state/records.js';

/** An error GitHub reports in the `errors` array with its `type` (NOT_FOUND, FORBIDDEN…), the field still answering null. */
export class GraphqlTypedError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export interface GraphqlContext {
  state: EmulatorState;
  serverUrl: string;
  viewer: UserRecord;
  grant: TokenGrant;
}

/** `first` is required and at most 100, as on every GitHub connection. */
export function page<T>(items: T[], args: { first?: number | null; after?: string | null }, connection: string) {
  if (args.first === undefined || args.first === null)
    throw new GraphqlTypedError(
      'MISSING_PAGINATION_BOUNDARIES',
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${connection}\` connection.`,
    );
  if (args.first > 100 || args.first < 0)
    throw new GraphqlTypedError(
      'EXCESSIVE_PAGINATION',
      `Requesting ${args.first} records on the \`${connection}\` connection exceeds the \`first\` limit of 100 records.`,
    );
  const start = args.after
    ? Number(
        Buffer.from(args.after, 'base64')
          .toString('utf8')
          .replace(/^cursor:v2:/, ''),
      ) + 1
    : 0;
  const nodes = items.slice(start, start + args.first);
  const last = start + nodes.length - 1;
  return {
    nodes,
    totalCount: items.length,
    pageInfo: { hasNextPage: last + 1 < items.length, endCursor: nodes.length > 0 ? Buffer.from(`cursor:v2:${last}`).toString('base64') : null },
  };
}
