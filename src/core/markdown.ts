/** Small helpers for the Markdown the actions write (summaries, comments, reports). */

export function escapeTableCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function table(headers: string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  if (rows.length === 0) return '';
  const head = `| ${headers.map(escapeTableCell).join(' | ')} |`;
  const rule = `| ${headers.map(() => '---').join(' | ')} |`;
  const body = rows.map((row) => `| ${row.map((cell) => escapeTableCell(String(cell))).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** A commit as people read it: its first seven hex digits, as GitHub shows it. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

export function formatUsd(value: number): string {
  return `$${value.toFixed(value < 1 ? 4 : 2)}`;
}
