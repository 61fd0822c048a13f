/**
 * The part of GitHub's GraphQL schema the emulator serves: the Discussions the nightly report reads, writes and closes.
 * Every type, field and argument here is spelled as in GitHub's public schema; the contract test checks that
 * nothing here differs from it (no field GitHub lacks, no argument of another type), so the emulator cannot
 * accept a query GitHub would refuse.
 */
export const EMULATED_SCHEMA_SDL = /* GraphQL */ `
  scalar DateTime
  scalar URI

  interface Actor {
    login: String!
  }

  type User implements Actor {
    databaseId: Int
    login: String!
  }

  type Bot implements Actor {
    databaseId: Int
    login: String!
  }

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
  }

  type DiscussionCategory {
    id: ID!
    name: String!
    slug: String!
  }

  type DiscussionCategoryConnection {
    nodes: [DiscussionCategory]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  enum DiscussionCloseReason {
    DUPLICATE
    OUTDATED
    RESOLVED
  }

  enum DiscussionStateReason {
    DUPLICATE
    OUTDATED
    REOPENED
    RESOLVED
  }

  type Discussion {
    author: Actor
    body: String!
    category: DiscussionCategory!
    closed: Boolean!
    closedAt: DateTime
    createdAt: DateTime!
    id: ID!
    number: Int!
    stateReason: DiscussionStateReason
    title: String!
    url: URI!
  }

  type DiscussionConnection {
    nodes: [Discussion]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  enum DiscussionOrderField {
    CREATED_AT
    UPDATED_AT
  }

  enum OrderDirection {
    ASC
    DESC
  }

  input DiscussionOrder {
    direction: OrderDirection!
    field: DiscussionOrderField!
  }

  type Repository {
    discussionCategories(after: String, first: Int): DiscussionCategoryConnection!
    discussions(after: String, categoryId: ID = null, first: Int, orderBy: DiscussionOrder = { field: UPDATED_AT, direction: DESC }): DiscussionConnection!
    hasDiscussionsEnabled: Boolean!
    id: ID!
    nameWithOwner: String!
  }

  input CreateDiscussionInput {
    body: String!
    categoryId: ID!
    clientMutationId: String
    repositoryId: ID!
    title: String!
  }

  type CreateDiscussionPayload {
    clientMutationId: String
    discussion: Discussion
  }

  input UpdateDiscussionInput {
    body: String
    categoryId: ID
    clientMutationId: String
    discussionId: ID!
    title: String
  }

  type UpdateDiscussionPayload {
    clientMutationId: String
    discussion: Discussion
  }

  input CloseDiscussionInput {
    clientMutationId: String
    discussionId: ID!
    reason: DiscussionCloseReason = RESOLVED
  }

  type CloseDiscussionPayload {
    clientMutationId: String
    discussion: Discussion
  }

  type Query {
    repository(followRenames: Boolean = true, name: String!, owner: String!): Repository
  }

  type Mutation {
    closeDiscussion(input: CloseDiscussionInput!): CloseDiscussionPayload
    createDiscussion(input: CreateDiscussionInput!): CreateDiscussionPayload
    updateDiscussion(input: UpdateDiscussionInput!): UpdateDiscussionPayload
  }
`;
