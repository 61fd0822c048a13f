/** The repository map put in front of the model: ranked paths with their top-level symbols, within a budget. */
import { CHARACTERS_PER_TOKEN } from '../../core/llm/untrusted.js';

export interface MapEntry {
  path: string;
  /** Estimated tokens of the whole file, shown so the model knows what reading it costs. */
  fileTokens: number;
  symbols: readonly string[];
}

const SYMBOLS_PER_LINE = 12;

/** Pure: the map line of one file; its length / 4 is what the file costs in the prompt. */
export function mapLine(entry: MapEntry): string {
  const shown = entry.symbols.slice(0, SYMBOLS_PER_LINE);
  const more = entry.symbols.length - shown.length;
  const symbols = shown.length > 0 ? `: ${shown.join(', ')}${more > 0 ? `, +${more} more` : ''}` : '';
  return `${entry.path} (~${entry.fileTokens} tokens)${symbols}`;
}

/**
 * Pure: one line per file in the given order until the budget is spent; the last line says how many files
 * were left out, so the model knows the map is partial and can list directories itself.
 */
export function renderRepoMap(ranked: readonly MapEntry[], budgetTokens: number): string {
  const limit = Math.max(0, budgetTokens) * CHARACTERS_PER_TOKEN;
  const lines: string[] = [];
  let used = 0;
  let shown = 0;
  for (const entry of ranked) {
    const text = mapLine(entry);
    // Reserve room for the closing note so the map never exceeds its budget; a long line is passed over so
    // the shorter ones after it still fit, as in fillBudget.
    if (used + text.length + 1 > limit - 100) continue;
    lines.push(text);
    used += text.length + 1;
    shown++;
  }
  if (shown < ranked.length) lines.push(`… ${ranked.length - shown} more file(s) not shown; use list_directory and search_files to find them.`);
  return lines.join('\n');
}
