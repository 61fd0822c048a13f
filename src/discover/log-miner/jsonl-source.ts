/**
 * Source 3: a JSON-lines error log written by an earlier step (an application's structured log, a test
 * reporter). Each line is one JSON object; the common field names of structured loggers are understood
 * (pino, winston, bunyan, structlog, Python's json logger). Lines that are not errors are skipped; lines
 * that are not JSON are counted and named in the summary. Pure.
 */
import { asRecord } from '../../core/is-record.js';
import { extractErrors, type ErrorEvent } from './extract.js';
import type { Occurrence } from './cluster.js';

const ERROR_LEVELS = new Set(['error', 'err', 'fatal', 'critical', 'crit', 'panic', 'emerg', 'alert', '50', '60']);

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

function isError(entry: Record<string, unknown>): boolean {
  const level = text(entry['level']) ?? text(entry['severity']) ?? text(entry['levelname']) ?? text(entry['log.level']);
  if (level === undefined) return entry['error'] !== undefined || entry['err'] !== undefined || entry['stack'] !== undefined || entry['exc_info'] !== undefined;
  return ERROR_LEVELS.has(level.toLowerCase());
}

/** The event of one entry: its stack parsed like CI output when there is one, else type and message alone. */
function eventOf(entry: Record<string, unknown>, roots: readonly string[]): ErrorEvent | undefined {
  const error = asRecord(entry['error']) ?? asRecord(entry['err']) ?? {};
  const stack = text(error['stack']) ?? text(entry['stack']) ?? text(entry['exc_info']) ?? text(entry['stack_trace']) ?? text(entry['exception']);
  const message = text(error['message']) ?? text(entry['message']) ?? text(entry['msg']) ?? text(entry['event']) ?? '';
  const type = text(error['type']) ?? text(error['name']) ?? text(entry['error_type']) ?? text(entry['exc_type']);
  if (stack) {
    const parsed = extractErrors(stack, { roots })[0];
    if (parsed) return { ...parsed, ...(type ? { type } : {}), message: parsed.message || message };
  }
  if (!message && !type) return undefined;
  return { language: 'node', type: type ?? 'Error', message, frames: [], trace: [type ? `${type}: ${message}` : message, stack ?? ''].join('\n').trim() };
}

export interface JsonLinesFacts {
  occurrences: Occurrence[];
  lines: number;
  errors: number;
  malformed: number;
  /** 1-based numbers of the first malformed lines, for the summary. */
  malformedLines: number[];
}

export function readJsonLines(content: string, source: { name: string; link?: (line: number) => string }, roots: readonly string[] = []): JsonLinesFacts {
  const facts: JsonLinesFacts = { occurrences: [], lines: 0, errors: 0, malformed: 0, malformedLines: [] };
  const lines = content.split('\n');
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    facts.lines++;
    let entry: Record<string, unknown> | undefined;
    try {
      entry = asRecord(JSON.parse(raw));
    } catch {
      entry = undefined;
    }
    if (!entry) {
      facts.malformed++;
      if (facts.malformedLines.length < 5) facts.malformedLines.push(index + 1);
      return;
    }
    if (!isError(entry)) return;
    const event = eventOf(entry, roots);
    if (!event) return;
    facts.errors++;
    const at = text(entry['timestamp']) ?? text(entry['time']) ?? text(entry['ts']) ?? text(entry['@timestamp']) ?? text(entry['asctime']) ?? '';
    const iso = /^\d+(\.\d+)?$/.test(at)
      ? new Date(Number(at) < 1e12 ? Number(at) * 1000 : Number(at)).toISOString()
      : Number.isNaN(Date.parse(at))
        ? ''
        : new Date(at).toISOString();
    facts.occurrences.push({ event, at: iso, ...(source.link ? { link: source.link(index + 1) } : {}) });
  });
  return facts;
}
