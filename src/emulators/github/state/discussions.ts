import type { EmulatorClock } from '../clock.js';

export interface DiscussionCategoryRecord {
  id: number;
  name: string;
  slug: string;
}

export interface DiscussionRecord {
  id: number;
  /** Discussions share the repository's issue and pull request numbers. */
  number: number;
  categoryId: number;
  title: string;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
  closed: boolean;
  closedAt: string | null;
  /** GitHub's DiscussionStateReason: null until the discussion is first closed; REOPENED after a reopen. */
  stateReason: DiscussionStateReason | null;
}

export type DiscussionCloseReason = 'RESOLVED' | 'OUTDATED' | 'DUPLICATE';
export type DiscussionStateReason = DiscussionCloseReason | 'REOPENED';

/** The categories a new repository's Discussions start with. */
const DEFAULT_CATEGORIES = ['Announcements', 'General', 'Ideas', 'Polls', 'Q&A', 'Show and tell'];

function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The repository's Discussions: off until enabled, as on a new repository. Served only through GraphQL. */
export class DiscussionStore {
  enabled = false;
  readonly categories: DiscussionCategoryRecord[] = [];
  readonly records = new Map<number, DiscussionRecord>();

  constructor(
    private readonly ids: { nextId(): number; nextNumber(): number },
    private readonly clock: EmulatorClock,
  ) {}

  /** Turns Discussions on (Settings → Features) with GitHub's default categories plus `extra`. */
  enable(extra: string[] = []): void {
    this.enabled = true;
    for (const name of [...DEFAULT_CATEGORIES, ...extra]) if (!this.category(name)) this.categories.push({ id: this.ids.nextId(), name, slug: slugOf(name) });
  }

  disable(): void {
    this.enabled = false;
  }

  category(name: string): DiscussionCategoryRecord | undefined {
    return this.categories.find((category) => category.name === name);
  }

  create(input: { categoryId: number; title: string; body: string; author: string }): DiscussionRecord {
    const now = this.clock.iso();
    const record: DiscussionRecord = {
      id: this.ids.nextId(),
      number: this.ids.nextNumber(),
      ...input,
      createdAt: now,
      updatedAt: now,
      closed: false,
      closedAt: null,
      stateReason: null,
    };
    this.records.set(record.id, record);
    return record;
  }

  update(record: DiscussionRecord, changes: { title?: string; body?: string; categoryId?: number }): DiscussionRecord {
    Object.assign(record, changes, { updatedAt: this.clock.iso() });
    return record;
  }

  /** Closes it with a reason (closeDiscussion); closing a closed discussion changes nothing. */
  close(record: DiscussionRecord, reason: DiscussionCloseReason): DiscussionRecord {
    if (record.closed) return record;
    const now = this.clock.iso();
    return Object.assign(record, { closed: true, closedAt: now, stateReason: reason, updatedAt: now });
  }

  reopen(record: DiscussionRecord): DiscussionRecord {
    if (!record.closed) return record;
    return Object.assign(record, { closed: false, closedAt: null, stateReason: 'REOPENED' as const, updatedAt: this.clock.iso() });
  }

  all(): DiscussionRecord[] {
    return [...this.records.values()];
  }
}
