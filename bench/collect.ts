import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FIGURES_DIR, type Figure } from './figures.js';

export function setup(): void {
  rmSync(FIGURES_DIR, { recursive: true, force: true });
}

export function teardown(): void {
  let figures: Figure[] = existsSync(FIGURES_DIR)
    ? readdirSync(FIGURES_DIR)
        .sort()
        .map((file) => JSON.parse(readFileSync(join(FIGURES_DIR, file), 'utf8')) as Figure)
    : [];
  const rows = figures.map((f) => [
    f.name,
    `${Number.isInteger(f.value) ? f.value : f.value.toFixed(2)} ${f.unit}`,
    f.target,
    f.pass ? 'yes' : 'NO',
    f.note ?? '',
  ]);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...[['figure', 'measured', 'target', 'met', 'note'], ...rows].map((row) => String(row[i]).length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  console.log(`\n${line(['figure', 'measured', 'target', 'met', 'note'])}\n${rows.map(line).join('\n')}\n`);
  let measuredAt = new Date().toISOString();
  let node = process.version;
  let header = `Measured ${measuredAt.slice(0, 10)} on Node ${process.version}, 2 cores (\`npm run bench\`; ratios are taken within one run).`;
  const resultsPath = resolve(import.meta.dirname, 'results.json');
  // A partial run (`npm run bench:localize`) updates its own figures and keeps the others of the last full run.
  if (process.env.BENCH_PARTIAL === '1' && existsSync(resultsPath)) {
    const previous = JSON.parse(readFileSync(resultsPath, 'utf8')) as { measuredAt: string; node: string; figures: Figure[]; partial?: string };
    const measured = new Set(figures.map((f) => f.name));
    figures = [...previous.figures.filter((f) => !measured.has(f.name)), ...figures].sort((a, b) => a.name.localeCompare(b.name));
    const partial = `${figures.filter((f) => measured.has(f.name)).length} figure(s) re-measured ${measuredAt.slice(0, 10)} with a partial run`;
    measuredAt = previous.measuredAt;
    node = previous.node;
    header = `Measured ${measuredAt.slice(0, 10)} on Node ${node}, 2 cores (\`npm run bench\`; ratios are taken within one run); ${partial}.`;
  }
  writeFileSync(resultsPath, `${JSON.stringify({ measuredAt, node, figures }, null, 2)}\n`);
  // The README shows the last measured figures (docs/figures.md is included by the build).
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const markdown = [
    header,
    '',
    '| figure | measured | target | met | note |',
    '| --- | --- | --- | --- | --- |',
    ...figures.map(
      (f) =>
        `| ${cell(f.name)} | ${cell(`${Number.isInteger(f.value) ? f.value : f.value.toFixed(2)} ${f.unit}`)} | ${cell(f.target)} | ${f.pass ? 'yes' : '**no**'} | ${cell(f.note ?? '')} |`,
    ),
    '',
  ].join('\n');
  writeFileSync(resolve(import.meta.dirname, '..', 'docs', 'figures.md'), markdown);
}
