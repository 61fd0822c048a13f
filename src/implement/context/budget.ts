/** Fills a token budget with ranked files, best first. */

export interface Costed {
  path: string;
  score: number;
  tokens: number;
}

/**
 * Pure: walks the ranking in order and keeps each file that still fits; a file too large for what is left is
 * passed over so smaller relevant files after it can still be used.
 */
export function fillBudget<T extends Costed>(ranked: readonly T[], budgetTokens: number): T[] {
  const chosen: T[] = [];
  let left = Math.max(0, Math.floor(budgetTokens));
  for (const entry of ranked) {
    if (entry.tokens > left) continue;
    chosen.push(entry);
    left -= entry.tokens;
    if (left === 0) break;
  }
  return chosen;
}
