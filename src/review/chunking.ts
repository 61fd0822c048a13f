/**
 * Bin-packing of diff pieces into at most `bins` model calls of `capacity` characters each. First-fit
 * decreasing packs a diff that fits into as few calls as possible; when it does not all fit, first-fit
 * increasing is tried too and whichever covers more files wins, since every file left out is one the
 * review has to admit it did not read.
 */

export interface PackItem {
  /** File the item belongs to; a file is covered only when all of its items are placed. */
  file: string;
  size: number;
}

export interface Packing<T extends PackItem> {
  bins: T[][];
  unplaced: T[];
}

function firstFit<T extends PackItem>(items: readonly T[], bins: number, capacity: number): Packing<T> {
  const placed: T[][] = [];
  const free: number[] = [];
  const unplaced: T[] = [];
  for (const item of items) {
    let target = free.findIndex((room) => room >= item.size);
    if (target === -1 && placed.length < bins && item.size <= capacity) {
      placed.push([]);
      free.push(capacity);
      target = placed.length - 1;
    }
    if (target === -1) {
      unplaced.push(item);
      continue;
    }
    placed[target]?.push(item);
    free[target] = (free[target] ?? 0) - item.size;
  }
  return { bins: placed, unplaced };
}

function coveredFiles<T extends PackItem>(packing: Packing<T>): number {
  const missing = new Set(packing.unplaced.map((item) => item.file));
  const files = new Set(packing.bins.flat().map((item) => item.file));
  return [...files].filter((file) => !missing.has(file)).length;
}

/** Pure: places items into at most `bins` bins of `capacity`; items that fit nowhere are returned unplaced. */
export function packItems<T extends PackItem>(items: readonly T[], bins: number, capacity: number): Packing<T> {
  const decreasing = [...items].sort((a, b) => b.size - a.size || a.file.localeCompare(b.file));
  const packed = firstFit(decreasing, bins, capacity);
  if (packed.unplaced.length === 0) return packed;
  const increasing = firstFit([...decreasing].reverse(), bins, capacity);
  return coveredFiles(increasing) > coveredFiles(packed) ? increasing : packed;
}
