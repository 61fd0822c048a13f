/**
 * The three coverage report formats the coverage analyst reads, each into the same per-file line hits:
 * lcov (c8, nyc, vitest and jest with the lcov reporter: `SF`, `FN`, `FNDA`, `DA` records up to
 * `end_of_record`), Cobertura XML (coverage.py's `coverage xml`, and the cobertura reporters of the Node
 * tools: `<class filename>` with `<line number hits>` under `<sources>`) and Go's cover profile (`mode:` then
 * `file:startLine.col,endLine.col statements count` blocks). Pure. A report that is not what it claims is a
 * clear error with its line, never a partial result.
 */

export interface FunctionCoverage {
  name: string;
  /** First line of the function. */
  line: number;
  /** Calls, when the format records them (lcov's FNDA). */
  hits?: number;
}

export interface FileCoverage {
  /** As the report names it (relative, absolute, or a Go import path). */
  path: string;
  /** Line number → hits, for every line the tool counts as executable. */
  lines: Map<number, number>;
  functions: FunctionCoverage[];
}

export type ParsedReport = { ok: true; files: FileCoverage[]; roots: string[] } | { ok: false; error: string };

const fail = (error: string): ParsedReport => ({ ok: false, error });

export function parseLcov(text: string): ParsedReport {
  const files: FileCoverage[] = [];
  let current: FileCoverage | undefined;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    const at = `line ${index + 1}`;
    if (line === '' || line.startsWith('TN:')) continue;
    if (line.startsWith('SF:')) {
      if (current) return fail(`${at}: SF before the end_of_record of ${current.path}`);
      current = { path: line.slice(3), lines: new Map(), functions: [] };
      continue;
    }
    if (line === 'end_of_record') {
      if (!current) return fail(`${at}: end_of_record without SF`);
      files.push(current);
      current = undefined;
      continue;
    }
    if (!current) return fail(`${at}: ${JSON.stringify(line.slice(0, 40))} outside a file record (no SF: before it)`);
    const [tag, rest = ''] = [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)];
    if (tag === 'DA') {
      const [lineNo, hits] = rest.split(',');
      const n = Number(lineNo);
      const h = Number(hits);
      if (!Number.isInteger(n) || n < 1 || !Number.isFinite(h)) return fail(`${at}: DA needs a line number and a hit count, got ${JSON.stringify(rest.slice(0, 40))}`);
      current.lines.set(n, (current.lines.get(n) ?? 0) + h);
    } else if (tag === 'FN') {
      const comma = rest.indexOf(',');
      const n = Number(rest.slice(0, comma));
      // lcov 2 writes FN:start,end,name; lcov 1 writes FN:start,name.
      const name = rest.slice(comma + 1).replace(/^\d+,/, '');
      if (comma < 0 || !Number.isInteger(n)) return fail(`${at}: FN needs a line and a name`);
      current.functions.push({ name, line: n });
    } else if (tag === 'FNDA') {
      const comma = rest.indexOf(',');
      const hits = Number(rest.slice(0, comma));
      const fn = current.functions.find((f) => f.name === rest.slice(comma + 1));
      if (fn && Number.isFinite(hits)) fn.hits = hits;
    } else if (!/^(FNF|FNH|LF|LH|BRDA|BRF|BRH|VER|FNL|FNA)$/.test(tag)) {
      return fail(`${at}: unknown lcov record ${JSON.stringify(tag.slice(0, 20))}`);
    }
  }
  if (current) return fail(`the record of ${current.path} has no end_of_record (the file is cut short)`);
  if (files.length === 0) return fail('no file records (SF:) in the report');
  return { ok: true, files, roots: [] };
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescapeXml = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export function parseCobertura(xml: string): ParsedReport {
  if (!/<coverage[\s>]/.test(xml)) return fail('not a Cobertura report (no <coverage> element)');
  if (!/<\/coverage>\s*$/.test(xml.trim())) return fail('the Cobertura report is cut short (no closing </coverage>)');
  const roots = [...xml.matchAll(/<source>([^<]*)<\/source>/g)].map((m) => unescapeXml(m[1] ?? '').trim());
  const byPath = new Map<string, FileCoverage>();
  for (const match of xml.matchAll(/<class\b([^>]*)>([\s\S]*?)<\/class>/g)) {
    const filename = attr(match[1] ?? '', 'filename');
    if (!filename) return fail('a <class> without a filename attribute');
    const path = unescapeXml(filename);
    const file = byPath.get(path) ?? { path, lines: new Map<number, number>(), functions: [] };
    const body = match[2] ?? '';
    const methods = /<methods>([\s\S]*?)<\/methods>/.exec(body)?.[1] ?? '';
    for (const method of methods.matchAll(/<method\b([^>]*)>([\s\S]*?)<\/method>/g)) {
      const first = /<line\b([^>]*)\/?>/.exec(method[2] ?? '');
      const line = Number(first ? attr(first[1] ?? '', 'number') : NaN);
      const name = attr(method[1] ?? '', 'name');
      if (name && Number.isInteger(line)) file.functions.push({ name: unescapeXml(name), line });
    }
    const classLines = body.replace(/<methods>[\s\S]*?<\/methods>/, '');
    for (const line of classLines.matchAll(/<line\b([^>]*)\/?>/g)) {
      const n = Number(attr(line[1] ?? '', 'number'));
      const hits = Number(attr(line[1] ?? '', 'hits'));
      if (!Number.isInteger(n) || !Number.isFinite(hits)) return fail(`a <line> in ${path} without a number or hits`);
      file.lines.set(n, (file.lines.get(n) ?? 0) + hits);
    }
    byPath.set(path, file);
  }
  if (byPath.size === 0) return fail('no <class filename> elements in the Cobertura report');
  return { ok: true, files: [...byPath.values()], roots };
}

/** Go's cover profile: blocks count for every line they span (a line is covered if any block on it ran). */
export function parseGoProfile(text: string): ParsedReport {
  const lines = text.split(/\r?\n/);
  if (!/^mode: (set|count|atomic)$/.test(lines[0]?.trim() ?? '')) return fail('not a Go cover profile (the first line must be "mode: set", "count" or "atomic")');
  const byPath = new Map<string, FileCoverage>();
  for (let index = 1; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    if (line === '') continue;
    const match = /^(.+):(\d+)\.\d+,(\d+)\.\d+ (\d+) (\d+)$/.exec(line);
    if (!match) return fail(`line ${index + 1}: not a cover block (file:start.col,end.col statements count)`);
    const path = match[1] ?? '';
    const file = byPath.get(path) ?? { path, lines: new Map<number, number>(), functions: [] };
    const count = Number(match[5]);
    for (let n = Number(match[2]); n <= Number(match[3]); n++) {
      // Blocks meet on their boundary lines: a line any block executed is covered.
      file.lines.set(n, Math.max(file.lines.get(n) ?? 0, count));
    }
    byPath.set(path, file);
  }
  if (byPath.size === 0) return fail('the Go cover profile has no blocks');
  return { ok: true, files: [...byPath.values()], roots: [] };
}

/** Uncovered executable lines as ranges, e.g. [[3, 4], [10, 13]]. */
export function uncoveredRanges(lines: ReadonlyMap<number, number>): Array<[number, number]> {
  const missed = [...lines].filter(([, hits]) => hits === 0).map(([line]) => line).sort((a, b) => a - b);
  const executable = [...lines.keys()].sort((a, b) => a - b);
  const ranges: Array<[number, number]> = [];
  for (const line of missed) {
    const last = ranges.at(-1);
    // Contiguous among executable lines: blank lines and comments between two missed lines do not split a range.
    const previousExecutable = executable[executable.indexOf(line) - 1];
    if (last && previousExecutable === last[1]) last[1] = line;
    else ranges.push([line, line]);
  }
  return ranges;
}
