/** Number formats of the report. Pure. */
import { formatUsd } from '../core/markdown.js';

export function percent(value: number | null, part?: number, whole?: number): string {
  if (value === null) return '—';
  const shown = `${Math.round(value * 100)}%`;
  return part !== undefined && whole !== undefined ? `${shown} (${part} of ${whole})` : shown;
}

export function usd(value: number | null): string {
  return value === null ? '—' : formatUsd(value);
}

export function duration(ms: number | null): string {
  if (ms === null) return '—';
  const minutes = ms / 60_000;
  if (minutes < 90) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} d`;
}

export function days(count: number): string {
  return count === 1 ? '1 day' : `${count} days`;
}
