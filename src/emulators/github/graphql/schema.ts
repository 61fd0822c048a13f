/**
 * The part of GitHub's GraphQL schema the emulator serves: the Discussions the nightly report reads, writes and closes,
 * what triage reads in its first request (the default branch, a file on it, open issues and pull requests by
 * label), and the issue search (with each issue's lastEditedAt) implement's pick reads.
 * Every type, field and argument here is spelled as in GitHub's public schema; the contract test checks that
 * nothing here differs from it (no field GitHub lacks, no argument of another type), so the emulator cannot
 * accept a query GitHub would refuse.
 */
export const EMULATED_SCHEMA_SDL = /* GraphQL */ `
  scalar DateTime
  scalar GitObjectID
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

  interface GitObject {
    oid: GitObjectID!
  }

  type Blob implements GitObject {
    isBinary: Boolean
    isTruncated: Boolean!
    oid: GitObjectID!
    text: String
  }

  type Tree implements GitObject {
    oid: GitObjectID!
  }

  type Commit implements GitObject {
    file(path: String!): TreeEntry
    oid: GitObjectID!
  }

  type TreeEntry {
    mode: Int!
    name: String!
    object: GitObject
    path: String
    type: String!
  }

  type Ref {
    name: String!
    target: GitObject
  }

  type Label {
    name: String!
  }

  type LabelConnection {
    nodes: [Label]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type UserConnection {
    nodes: [User]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  enum IssueState {
    CLOSED
    OPEN
  }

  enum PullRequestState {
    CLOSED
    MERGED
    OPEN
  }

  enum IssueOrderField {
    COMMENTS
    CREATED_AT
    UPDATED_AT
  }

  type Issue {
    assignees(after: String, first: Int): UserConnection!
    author: Actor
    body: String!
    closedAt: DateTime
    createdAt: DateTime!
    labels(after: String, first: Int): LabelConnection
    lastEditedAt: DateTime
    number: Int!
    state: IssueState!
    title: String!
    updatedAt: DateTime!
    url: URI!
  }

  type IssueConnection {
    nodes: [Issue]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type PullRequest {
    assignees(after: String, first: Int): UserConnection!
    author: Actor
    body: String!
    closedAt: DateTime
    createdAt: DateTime!
    labels(after: String, first: Int): LabelConnection
    mergedAt: DateTime
    number: Int!
    state: PullRequestState!
    title: String!
    updatedAt: DateTime!
    url: URI!
  }

  type PullRequestConnection {
    nodes: [PullRequest]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  union SearchResultItem = Issue | PullRequest

  type SearchResultItemConnection {
    issueCount: Int!
    nodes: [SearchResultItem]
    pageInfo: PageInfo!
  }

  enum SearchType {
    ISSUE
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

  input IssueOrder {
    direction: OrderDirection!
    field: IssueOrderField!
  }

  type Repository {
    defaultBranchRef: Ref
    discussionCategories(after: String, first: Int): DiscussionCategoryConnection!
    discussions(after: String, categoryId: ID = null, first: Int, orderBy: DiscussionOrder = { field: UPDATED_AT, direction: DESC }): DiscussionConnection!
    hasDiscussionsEnabled: Boolean!
    id: ID!
    issue(number: Int!): Issue
    issues(after: String, first: Int, labels: [String!], orderBy: IssueOrder, states: [IssueState!]): IssueConnection!
    nameWithOwner: String!
    pullRequests(after: String, first: Int, labels: [String!], orderBy: IssueOrder, states: [PullRequestState!]): PullRequestConnection!
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
    search(after: String, first: Int, query: String!, type: SearchType!): SearchResultItemConnection!
  }

  type Mutation {
    closeDiscussion(input: CloseDiscussionInput!): CloseDiscussionPayload
    createDiscussion(input: CreateDiscussionInput!): CreateDiscussionPayload
    updateDiscussion(input: UpdateDiscussionInput!): UpdateDiscussionPayload
  }
`;
