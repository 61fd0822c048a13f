/**
 * Sends planned writes, within the run's write budget (`max-operations`). A decision is all or nothing as far
 * as the budget goes: it starts only when all its writes fit, so a run never stops half-way through one by
 * choice. A dry run goes through the same steps and sends nothing.
 *
 * Creating a comment, an issue or a label is not retried by the client (src/core/github.ts): a failure ends
 * the run, and the next run reads the labels again and finishes what is left.
 */
import type { GitHub } from '../core/github.js';
import { definitionFor, type LabelNames } from '../core/labels.js';
import type { RepoRef } from '../core/repo.js';
import { describeWrite, type Write } from './writes.js';
import { gitHubStatus, isAlreadyExists } from '../core/github-errors.js';

export class WriteBudget {
  private used = 0;
  constructor(readonly limit: number) {}

  get spent(): number {
    return this.used;
  }

  get remaining(): number {
    return Math.max(0, this.limit - this.used);
  }

  fits(count: number): boolean {
    return count <= this.remaining;
  }

  spend(count: number): void {
    this.used += count;
  }
}

export interface WriteResult {
  /** The issue a `create-report` made. */
  createdIssue?: number;
}

/** Sends one write. Removing a label someone already took off, or creating one that exists, is success. */
export async function sendWrite(gh: GitHub, repo: RepoRef, names: LabelNames, write: Write): Promise<WriteResult> {
  const base = { owner: repo.owner, repo: repo.repo };
  switch (write.op) {
    case 'create-label': {
      const definition = definitionFor(write.name, names);
      try {
        await gh.rest.issues.createLabel({
          ...base,
          name: write.name,
          color: definition.color,
          ...(definition.description ? { description: definition.description } : {}),
        });
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
      }
      return {};
    }
    case 'add-labels':
      await gh.rest.issues.addLabels({ ...base, issue_number: write.issue, labels: write.labels });
      return {};
    case 'remove-label':
      try {
        await gh.rest.issues.removeLabel({ ...base, issue_number: write.issue, name: write.label });
      } catch (error) {
        if (gitHubStatus(error) !== 404) throw error;
      }
      return {};
    case 'comment':
      await gh.rest.issues.createComment({ ...base, issue_number: write.issue, body: write.body });
      return {};
    case 'close':
      await gh.rest.issues.update({ ...base, issue_number: write.issue, state: 'closed', state_reason: 'not_planned', labels: write.labels });
      return {};
    case 'create-report': {
      const { data } = await gh.rest.issues.create({ ...base, title: write.title, body: write.body, labels: [write.label] });
      return { createdIssue: data.number };
    }
    case 'update-body':
      await gh.rest.issues.update({ ...base, issue_number: write.issue, body: write.body });
      return {};
    case 'close-report':
      await gh.rest.issues.update({ ...base, issue_number: write.issue, state: 'closed', state_reason: 'completed' });
      return {};
  }
}

/** A write GitHub did not accept; the run ends as a failure naming it, and the next run reads again. */
export class WriteFailedError extends Error {
  override readonly name = 'WriteFailedError';
  constructor(
    readonly write: string,
    error: unknown,
  ) {
    super(`${write} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

export type Sent = { status: 'done' | 'planned'; results: WriteResult[] } | { status: 'deferred' };

export interface Sender {
  send(writes: readonly Write[]): Promise<Sent>;
  readonly budget: WriteBudget;
  /** What was sent (or would have been, in a dry run), one line per write. */
  readonly log: string[];
}

export function createSender(gh: GitHub, repo: RepoRef, names: LabelNames, budget: WriteBudget, dryRun: boolean): Sender {
  const log: string[] = [];
  return {
    budget,
    log,
    async send(writes) {
      if (!budget.fits(writes.length)) return { status: 'deferred' };
      budget.spend(writes.length);
      const results: WriteResult[] = [];
      for (const write of writes) {
        log.push(`${dryRun ? 'would ' : ''}${describeWrite(write)}`);
        if (dryRun) continue;
        try {
          results.push(await sendWrite(gh, repo, names, write));
        } catch (error) {
          throw new WriteFailedError(describeWrite(write), error);
        }
      }
      return { status: dryRun ? 'planned' : 'done', results };
    },
  };
}
