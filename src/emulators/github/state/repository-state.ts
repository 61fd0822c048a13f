import type { BareRepo } from '../git/bare-repo.js';
import type { EmulatorClock } from '../clock.js';
import type {
  CheckRunRecord,
  DispatchRecord,
  IssueCommentRecord,
  IssueRecord,
  LabelRecord,
  Permission,
  PullRecord,
  ReactionRecord,
  RepoSettings,
  RulesetRecord,
  BranchProtectionRecord,
  IssueEventRecord,
  ReviewCommentRecord,
  ReviewRecord,
  StatusRecord,
  UserRecord,
  UserType,
  WorkflowJobRecord,
  WorkflowRunRecord,
} from './records.js';

export interface RepoIdentity {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  createdAt: string;
}

export const BOT_LOGIN = 'github-actions[bot]';
export const BOT_ID = 41898282;

const PERMISSION_RANK: Record<Permission, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

export function permissionAtLeast(actual: Permission, needed: Permission): boolean {
  return PERMISSION_RANK[actual] >= PERMISSION_RANK[needed];
}

/** All in-memory state of the one emulated repository, kept in maps keyed by id or number. */
export class RepositoryState {
  readonly users = new Map<string, UserRecord>();
  readonly permissions = new Map<string, Permission>();
  readonly labels = new Map<number, LabelRecord>();
  readonly issues = new Map<number, IssueRecord>();
  readonly comments = new Map<number, IssueCommentRecord>();
  readonly reactions = new Map<number, ReactionRecord>();
  readonly pulls = new Map<number, PullRecord>();
  readonly reviews = new Map<number, ReviewRecord>();
  readonly reviewComments = new Map<number, ReviewCommentRecord>();
  readonly checkRuns = new Map<number, CheckRunRecord>();
  readonly statuses = new Map<number, StatusRecord>();
  readonly workflowRuns = new Map<number, WorkflowRunRecord>();
  readonly workflowJobs = new Map<number, WorkflowJobRecord>();
  /** Commits GitHub signed: those an app made through the API as itself (`verification.verified` is true). */
  readonly signedCommits = new Set<string>();
  readonly dispatches: DispatchRecord[] = [];
  readonly rulesets = new Map<number, RulesetRecord>();
  /** Classic branch protection by branch name. */
  readonly branchProtections = new Map<string, BranchProtectionRecord>();
  /** Label and title events of issues and pull requests, oldest first. */
  readonly issueEvents: IssueEventRecord[] = [];
  readonly settings: RepoSettings = {
    // GitHub's default for new repositories is read and no PRs; the emulator starts set up as the product needs.
    workflowPermissions: { defaultWorkflowPermissions: 'read', canApprovePullRequestReviews: true },
    actionsPermissions: { enabled: true, allowedActions: 'all', githubOwnedAllowed: true, verifiedAllowed: false, patternsAllowed: [] },
    private: false,
    description: null,
    archived: false,
    hasIssues: true,
    allowMergeCommit: true,
    allowSquashMerge: true,
    allowRebaseMerge: true,
    deleteBranchOnMerge: false,
    mergeableUnknownFirst: false,
  };
  private lastId = 1_000_000;
  private lastNumber = 0;

  constructor(
    readonly repo: RepoIdentity,
    readonly git: BareRepo,
    readonly clock: EmulatorClock,
  ) {}

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /** Issues and pull requests share one sequence of numbers, as on GitHub. */
  nextNumber(): number {
    this.lastNumber += 1;
    return this.lastNumber;
  }

  user(login: string): UserRecord | undefined {
    return this.users.get(login.toLowerCase());
  }

  requireUser(login: string): UserRecord {
    const found = this.user(login);
    if (!found) throw new Error(`Unknown user ${login}: add it with gh.state.addUser first`);
    return found;
  }

  userById(id: number): UserRecord | undefined {
    for (const user of this.users.values()) if (user.id === id) return user;
    return undefined;
  }

  putUser(login: string, type: UserType, id?: number, name?: string | null, email?: string | null): UserRecord {
    const existing = this.user(login);
    if (existing) return existing;
    const record: UserRecord = { id: id ?? this.nextId(), login, type, name: name ?? null, email: email ?? null, createdAt: this.clock.iso() };
    this.users.set(login.toLowerCase(), record);
    return record;
  }

  /**
   * A user's role here: what was set, else the owner is admin, the Actions bot may write (as
   * GITHUB_TOKEN does by default), and anyone else may read a public repository.
   */
  permissionOf(login: string): Permission {
    const set = this.permissions.get(login.toLowerCase());
    if (set) return set;
    if (login.toLowerCase() === this.repo.owner.toLowerCase()) return 'admin';
    if (this.user(login)?.type === 'Bot') return 'write';
    return this.settings.private ? 'none' : 'read';
  }

  /** Who may be assigned: people with push access, and bots. */
  isAssignable(login: string): boolean {
    const user = this.user(login);
    if (!user) return false;
    return user.type === 'Bot' || permissionAtLeast(this.permissionOf(login), 'write');
  }

  labelByName(name: string): LabelRecord | undefined {
    const wanted = name.toLowerCase();
    for (const label of this.labels.values()) if (label.name.toLowerCase() === wanted) return label;
    return undefined;
  }

  issue(number: number): IssueRecord | undefined {
    return this.issues.get(number);
  }

  pull(number: number): PullRecord | undefined {
    return this.pulls.get(number);
  }

  touch(issue: IssueRecord): void {
    issue.updatedAt = this.clock.iso();
  }
}
