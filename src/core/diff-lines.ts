/**
 * The lines of a diff's hunks as positions in its text (src/core/diff.ts reads them): a diff of 10 MB has some
 * 150,000 lines, and a reader that needs few of them as strings (the secret scan) should not pay for an
 * object and a string per line.
 */

export type DiffLineKind = 'add' | 'del' | 'context';

export interface DiffLine {
  kind: DiffLineKind;
  /** 1-based line in the old version (del and context lines). */
  oldLine?: number;
  /** 1-based line in the new version (add and context lines). */
  newLine?: number;
  /** The line without its `+`/`-`/space marker and without a trailing carriage return. */
  text: string;
  /** Lines below the file's first hunk header (hunk headers and no-newline markers count, as on GitHub). */
  offset: number;
  /** A `\ No newline at end of file` marker follows this line. */
  noNewlineAtEnd?: true;
}

export const [LINE_ADD, LINE_DEL, LINE_CONTEXT] = [0, 1, 2];

/**
 * The hunk lines of a diff as columns: line `i` is `kind[i]` (`LINE_ADD`, `LINE_DEL`, `LINE_CONTEXT`), its text is
 * `text.slice(start[i], end[i])`. Line numbers a kind does not have (`oldLine` of an added line) are 0.
 */
export class DiffLines {
  count = 0;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  oldLine: Int32Array;
  newLine: Int32Array;
  offset: Int32Array;
  noNewlineAtEnd: Uint8Array;

  constructor(readonly text: string) {
    // Room for a line per 48 characters (diff lines of source average more), so the columns are seldom regrown.
    const capacity = Math.max(64, Math.ceil(text.length / 48));
    this.kind = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.oldLine = new Int32Array(capacity);
    this.newLine = new Int32Array(capacity);
    this.offset = new Int32Array(capacity);
    this.noNewlineAtEnd = new Uint8Array(capacity);
  }

  lineText(index: number): string {
    return this.text.slice(this.start[index], this.end[index]);
  }

  push(kind: number, start: number, end: number, oldLine: number, newLine: number, offset: number): void {
    if (this.count === this.kind.length) this.grow();
    const i = this.count++;
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    this.oldLine[i] = oldLine;
    this.newLine[i] = newLine;
    this.offset[i] = offset;
  }

  /** The `DiffLine` objects of lines `first` to `first + count - 1`. */
  toObjects(first: number, count: number): DiffLine[] {
    const lines: DiffLine[] = new Array<DiffLine>(count);
    for (let i = first; i < first + count; i++) {
      const kind = this.kind[i] ?? LINE_CONTEXT;
      const text = this.lineText(i);
      const offset = this.offset[i] ?? 0;
      const line: DiffLine =
        kind === LINE_ADD
          ? { kind: 'add', newLine: this.newLine[i] ?? 0, text, offset }
          : kind === LINE_DEL
            ? { kind: 'del', oldLine: this.oldLine[i] ?? 0, text, offset }
            : { kind: 'context', oldLine: this.oldLine[i] ?? 0, newLine: this.newLine[i] ?? 0, text, offset };
      if (this.noNewlineAtEnd[i]) line.noNewlineAtEnd = true;
      lines[i - first] = line;
    }
    return lines;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const copy = <T extends Uint8Array | Int32Array>(from: T, to: T): T => (to.set(from), to);
    this.kind = copy(this.kind, new Uint8Array(size));
    this.start = copy(this.start, new Int32Array(size));
    this.end = copy(this.end, new Int32Array(size));
    this.oldLine = copy(this.oldLine, new Int32Array(size));
    this.newLine = copy(this.newLine, new Int32Array(size));
    this.offset = copy(this.offset, new Int32Array(size));
    this.noNewlineAtEnd = copy(this.noNewlineAtEnd, new Uint8Array(size));
  }
}
