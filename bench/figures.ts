import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** One measured figure and the target it is held to. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
  note?: string;
}

export const FIGURES_DIR = resolve(import.meta.dirname, '..', '.tmp', 'bench-figures');

export function recordFigure(figure: Figure): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(join(FIGURES_DIR, `${figure.name.replace(/[^a-z0-9-]+/gi, '_')}.json`), JSON.stringify(figure));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
