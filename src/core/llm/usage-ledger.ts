/** Running totals of one client's calls, per provider and model, for the job summary and budgets. */
import type { CallUsage, ModelUsageEntry, ProviderName, RunUsage } from './types.js';

export class UsageLedger {
  private readonly entries = new Map<string, ModelUsageEntry>();

  record(provider: ProviderName, model: string, usage: CallUsage): void {
    const key = `${provider}\u0000${model}`;
    const entry = this.entries.get(key) ?? { provider, model, calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    entry.calls += 1;
    entry.inputTokens += usage.inputTokens;
    entry.outputTokens += usage.outputTokens;
    entry.costUsd += usage.costUsd;
    if (usage.cachedInputTokens) entry.cachedInputTokens = (entry.cachedInputTokens ?? 0) + usage.cachedInputTokens;
    if (usage.cacheWriteTokens) entry.cacheWriteTokens = (entry.cacheWriteTokens ?? 0) + usage.cacheWriteTokens;
    this.entries.set(key, entry);
  }

  get spentUsd(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.costUsd;
    return total;
  }

  snapshot(): RunUsage {
    const byModel = Array.from(this.entries.values(), (entry) => ({ ...entry }));
    return {
      calls: sum(byModel, (entry) => entry.calls),
      inputTokens: sum(byModel, (entry) => entry.inputTokens),
      outputTokens: sum(byModel, (entry) => entry.outputTokens),
      costUsd: sum(byModel, (entry) => entry.costUsd),
      cachedInputTokens: sum(byModel, (entry) => entry.cachedInputTokens ?? 0),
      cacheWriteTokens: sum(byModel, (entry) => entry.cacheWriteTokens ?? 0),
      byModel,
    };
  }
}

export function addUsage(a: CallUsage, b: CallUsage): CallUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    costUsd: a.costUsd + b.costUsd,
    cachedInputTokens: (a.cachedInputTokens ?? 0) + (b.cachedInputTokens ?? 0),
    cacheWriteTokens: (a.cacheWriteTokens ?? 0) + (b.cacheWriteTokens ?? 0),
  };
}

function sum(entries: ModelUsageEntry[], pick: (entry: ModelUsageEntry) => number): number {
  return entries.reduce((total, entry) => total + pick(entry), 0);
}
