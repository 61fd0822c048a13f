/**
 * `POST /api/graphql` (GitHub Enterprise's address, where Octokit sends GraphQL for an `/api/v3` base URL):
 * the queries and mutations of GitHub's schema that the product sends, executed against the emulator's state
 * with graphql-js. Errors come back as GitHub sends them: HTTP 200 with an `errors` array whose entries carry
 * `type` (NOT_FOUND, FORBIDDEN…), `path`, `locations` and `message`, the failed field answering null.
 */
import { buildSchema, executeSync, parse, validate, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { ApiError } from '../http/api-error.js';
import { authenticate } from '../http/authorize.js';
import type { TokenRegistry } from '../http/tokens.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { GraphqlTypedError, rootValue } from './resolvers.js';
import { EMULATED_SCHEMA_SDL } from './schema.js';

export const GRAPHQL_PATH = '/api/graphql';

let built: GraphQLSchema | undefined;
export function emulatedSchema(): GraphQLSchema {
  built ??= buildSchema(EMULATED_SCHEMA_SDL);
  return built;
}

export interface GraphqlAnswer {
  status: number;
  body: unknown;
  login: string | undefined;
  /** `graphql:<operation name>` for the request log. */
  route: string;
}

interface GraphqlRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

function githubError(error: GraphQLError): Record<string, unknown> {
  const original = error.originalError;
  return {
    ...(original instanceof GraphqlTypedError ? { type: original.type } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(error.locations ? { locations: error.locations } : {}),
    message: error.message,
  };
}

function operationOf(document: DocumentNode, name: unknown): string {
  const operation = document.definitions.find((definition) => definition.kind === 'OperationDefinition' && (!name || definition.name?.value === name));
  return operation?.kind === 'OperationDefinition' ? (operation.name?.value ?? operation.operation) : 'unknown';
}

export function serveGraphql(
  parts: { state: EmulatorState; tokens: TokenRegistry; serverUrl: string },
  rawBody: string,
  authorization: string | undefined,
): GraphqlAnswer {
  let login: string | undefined;
  try {
    const { grant, user } = authenticate(parts.tokens, parts.state, authorization);
    login = user.login;
    let request: GraphqlRequestBody;
    try {
      request = JSON.parse(rawBody) as GraphqlRequestBody;
    } catch {
      throw new ApiError(400, 'Problems parsing JSON');
    }
    if (typeof request.query !== 'string')
      return { status: 200, body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] }, login, route: 'graphql' };
    let document: DocumentNode;
    try {
      document = parse(request.query);
    } catch (error) {
      return { status: 200, body: { errors: [githubError(error as GraphQLError)] }, login, route: 'graphql' };
    }
    const route = `graphql:${operationOf(document, request.operationName)}`;
    const invalid = validate(emulatedSchema(), document);
    if (invalid.length > 0) return { status: 200, body: { errors: invalid.map(githubError) }, login, route };
    const result = executeSync({
      schema: emulatedSchema(),
      document,
      rootValue: rootValue({ state: parts.state, serverUrl: parts.serverUrl, viewer: user, grant }),
      variableValues: (request.variables ?? {}) as Record<string, unknown>,
      ...(typeof request.operationName === 'string' ? { operationName: request.operationName } : {}),
    });
    const errors = result.errors?.map(githubError);
    return { status: 200, body: { ...(result.data !== undefined ? { data: result.data } : {}), ...(errors ? { errors } : {}) }, login, route };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { status: error.status, body: { ...error.body, documentation_url: 'https://docs.github.com/graphql' }, login, route: 'graphql' };
  }
}
