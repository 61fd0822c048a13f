import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FIGURES_DIR, type Figure } from './figures.js';

export function setup(): void {
  rmSync(FIGURES_DIR, { recursive: true, force: true });
}

export function teardown(): void {
  const figures: Figure[] = existsSync(FIGURES_DIR)
    ? readdirSync(FIGURES_DIR)
        .sort()
        .map((file) => JSON.parse(readFileSync(join(FIGURES_DIR, file), 'utf8')) as Figure)
    : [];
  const rows = figures.map((f) => [f.name, `${Number.isInteger(f.value) ? f.value : f.value.toFixed(2)} ${f.unit}`, f.target, f.pass ? 'yes' : 'NO', f.note ?? '']);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...[['figure', 'measured', 'target', 'met', 'note'], ...rows].map((row) => String(row[i]).length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  console.log(`\n${line(['figure', 'measured', 'target', 'met', 'note'])}\n${rows.map(line).join('\n')}\n`);
  const measuredAt = new Date().toISOString();
  writeFileSync(resolve(import.meta.dirname, 'results.json'), `${JSON.stringify({ measuredAt, node: process.version, figures }, null, 2)}\n`);
  // The README shows the last measured figures (docs/figures.md is included by the build).
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const markdown = [
    `Measured ${measuredAt.slice(0, 10)} on Node ${process.version}, 2 cores (\`npm run bench\`; ratios are taken within one run).`,
    '',
    '| figure | measured | target | met | note |',
    '| --- | --- | --- | --- | --- |',
    ...figures.map((f) => `| ${cell(f.name)} | ${cell(`${Number.isInteger(f.value) ? f.value : f.value.toFixed(2)} ${f.unit}`)} | ${cell(f.target)} | ${f.pass ? 'yes' : '**no**'} | ${cell(f.note ?? '')} |`),
    '',
  ].join('\n');
  writeFileSync(resolve(import.meta.dirname, '..', 'docs', 'figures.md'), markdown);
}
