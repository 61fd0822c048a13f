/**
 * The file tools the model uses, confined to the workspace (see confinement.ts). Each returns text for the
 * model; failures are results with `isError`, so a wrong call costs a turn, not the run.
 */
import { lstat, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { minimatch } from 'minimatch';
import { readRepoFiles } from '../context/repo-files.js';
import { searchWithTimeout } from './regex-search.js';
import { checkWritePolicy, realRelativePath, resolveInWorkspace, type WriteKind, type WritePolicy } from './confinement.js';
import type { ChangedFile, ToolRefusal } from './types.js';

export interface ToolOutcome {
  content: string;
  isError: boolean;
  refusal?: ToolRefusal;
  /** Set when the call changed a file. */
  wrote?: boolean;
}

const MAX_READ_LINES = 400;
const MAX_READ_CHARS = 40_000;
const MAX_LIST_ENTRIES = 500;
const MAX_SEARCH_MATCHES = 200;
const MAX_SEARCH_LINE = 300;
const SEARCH_TIMEOUT_MS = 5_000;
const SKIPPED_IN_LISTINGS = new Set(['.git', 'node_modules']);

const error = (content: string): ToolOutcome => ({ content, isError: true });

function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

export class WorkspaceTools {
  readonly refusals: ToolRefusal[] = [];
  /** Content before the agent's first write to each path (null: it did not exist). */
  private readonly originals = new Map<string, string | null>();

  constructor(
    private readonly workspace: string,
    private readonly policy: WritePolicy,
  ) {}

  private refuse(tool: string, path: string, reason: string): ToolOutcome {
    const refusal = { tool, path, reason };
    this.refusals.push(refusal);
    return { content: `Refused: ${reason}`, isError: true, refusal };
  }

  private async checkRead(tool: string, raw: string): Promise<{ path: string } | ToolOutcome> {
    const checked = await resolveInWorkspace(this.workspace, raw);
    return checked.ok ? { path: checked.path } : this.refuse(tool, String(raw), checked.reason);
  }

  private async checkWrite(tool: string, raw: string, kind: WriteKind): Promise<{ path: string } | ToolOutcome> {
    const inside = await this.checkRead(tool, raw);
    if (!('path' in inside)) return inside;
    const allowed = checkWritePolicy(inside.path, kind, this.policy);
    if (!allowed.ok) return this.refuse(tool, inside.path, allowed.reason);
    // Through a link the write lands elsewhere inside the workspace; that target must be allowed too.
    const real = await realRelativePath(this.workspace, inside.path);
    if (real !== inside.path) {
      const target = checkWritePolicy(real, kind, this.policy);
      if (!target.ok) return this.refuse(tool, inside.path, `'${inside.path}' is a link to '${real}': ${target.reason}`);
    }
    return inside;
  }

  private async remember(path: string): Promise<void> {
    if (this.originals.has(path)) return;
    this.originals.set(path, await readFile(join(this.workspace, path), 'utf8').catch(() => null));
  }

  async readFile(rawPath: string, lineStart?: number, lineEnd?: number): Promise<ToolOutcome> {
    const checked = await this.checkRead('read_file', rawPath);
    if (!('path' in checked)) return checked;
    const absolute = join(this.workspace, checked.path);
    const stat = await lstat(absolute).catch(() => null);
    if (!stat) return error(`'${checked.path}' does not exist. Use list_directory or search_files to find the right path.`);
    if (stat.isDirectory()) return error(`'${checked.path}' is a directory; use list_directory.`);
    const buffer = await readFile(absolute);
    if (buffer.subarray(0, 8000).includes(0)) return error(`'${checked.path}' is a binary file.`);
    const lines = buffer.toString('utf8').split('\n');
    const first = Math.max(1, Math.floor(lineStart ?? 1));
    const last = Math.min(lines.length, Math.floor(lineEnd ?? first + MAX_READ_LINES - 1), first + MAX_READ_LINES - 1);
    if (first > lines.length) return error(`'${checked.path}' has ${lines.length} lines; line_start ${first} is past the end.`);
    const width = String(last).length;
    let body = '';
    let shownTo = first - 1;
    for (let n = first; n <= last; n++) {
      const line = `${String(n).padStart(width)}| ${lines[n - 1] ?? ''}\n`;
      if (body.length + line.length > MAX_READ_CHARS) break;
      body += line;
      shownTo = n;
    }
    const more = shownTo < lines.length ? `\n[lines ${first}-${shownTo} of ${lines.length}; read on with line_start=${shownTo + 1}]` : '';
    return { content: `${checked.path}\n${body}${more}`, isError: false };
  }

  async listDirectory(rawPath: string | undefined, recursive: boolean): Promise<ToolOutcome> {
    const checked = await this.checkRead('list_directory', rawPath ?? '.');
    if (!('path' in checked)) return checked;
    const root = join(this.workspace, checked.path);
    const stat = await lstat(root).catch(() => null);
    if (!stat?.isDirectory()) return error(`'${checked.path}' is not a directory.`);
    const entries: string[] = [];
    const pending = [''];
    let truncated = false;
    while (pending.length > 0) {
      const relative = pending.shift() ?? '';
      const children = await readdir(join(root, relative), { withFileTypes: true }).catch(() => []);
      for (const child of children.sort((a, b) => a.name.localeCompare(b.name))) {
        if (SKIPPED_IN_LISTINGS.has(child.name)) continue;
        const path = relative ? `${relative}/${child.name}` : child.name;
        if (entries.length >= MAX_LIST_ENTRIES) {
          truncated = true;
          break;
        }
        const suffix = child.isDirectory() ? '/' : child.isSymbolicLink() ? ' (symlink)' : '';
        entries.push(`${path}${suffix}`);
        if (recursive && child.isDirectory()) pending.push(path);
      }
      if (truncated) break;
    }
    const note = truncated ? `\n[listing stopped at ${MAX_LIST_ENTRIES} entries]` : '';
    return { content: `${checked.path}/\n${entries.join('\n') || '(empty)'}${note}`, isError: false };
  }

  async searchFiles(pattern: string, glob?: string): Promise<ToolOutcome> {
    if (pattern === '') return error('pattern is empty.');
    if (pattern.length > 300) return error('pattern is longer than 300 characters; simplify it.');
    const files = (await readRepoFiles(this.workspace)).filter((file) => !glob || minimatch(file.path, glob, { dot: true, matchBase: !glob.includes('/') }));
    const outcome = await searchWithTimeout({ files, pattern, maxMatches: MAX_SEARCH_MATCHES, maxLineChars: MAX_SEARCH_LINE }, SEARCH_TIMEOUT_MS);
    if (!outcome.ok) return error(outcome.reason);
    const { matches } = outcome;
    if (matches.length === 0) return { content: `No matches for /${pattern}/${glob ? ` in ${glob}` : ''}.`, isError: false };
    const note = matches.length >= MAX_SEARCH_MATCHES ? `\n[stopped at ${MAX_SEARCH_MATCHES} matches; narrow the pattern or glob]` : '';
    return { content: `${matches.join('\n')}${note}`, isError: false };
  }

  async editFile(rawPath: string, oldString: string, newString: string): Promise<ToolOutcome> {
    const checked = await this.checkWrite('edit_file', rawPath, 'edit');
    if (!('path' in checked)) return checked;
    if (oldString === '') return error('old_string is empty; to write a new file use create_file.');
    const absolute = join(this.workspace, checked.path);
    const current = await readFile(absolute, 'utf8').catch(() => null);
    if (current === null) return error(`'${checked.path}' does not exist; use create_file for a new file.`);
    const count = countOccurrences(current, oldString);
    if (count === 0) {
      return error(`old_string was not found in '${checked.path}'. Read the file again and copy the exact text, including whitespace and indentation.`);
    }
    if (count > 1) return error(`old_string occurs ${count} times in '${checked.path}'; include more surrounding lines so it matches exactly once.`);
    if (oldString === newString) return error('old_string and new_string are the same; nothing would change.');
    await this.remember(checked.path);
    const at = current.indexOf(oldString);
    await writeFile(absolute, current.slice(0, at) + newString + current.slice(at + oldString.length));
    return { content: `Edited ${checked.path}.`, isError: false, wrote: true };
  }

  async createFile(rawPath: string, content: string): Promise<ToolOutcome> {
    const checked = await this.checkWrite('create_file', rawPath, 'create');
    if (!('path' in checked)) return checked;
    const absolute = join(this.workspace, checked.path);
    if (await lstat(absolute).catch(() => null)) return error(`'${checked.path}' already exists; change it with edit_file.`);
    await this.remember(checked.path);
    await mkdir(dirname(absolute), { recursive: true });
    // Checked again now the parents exist: a parent created above cannot be a link, but one that was there could.
    if (!(await resolveInWorkspace(this.workspace, checked.path)).ok)
      return this.refuse('create_file', checked.path, 'the path resolves outside the repository');
    await writeFile(absolute, content, { flag: 'wx' });
    return { content: `Created ${checked.path} (${content.split('\n').length} lines).`, isError: false, wrote: true };
  }

  async deleteFile(rawPath: string): Promise<ToolOutcome> {
    const checked = await this.checkWrite('delete_file', rawPath, 'delete');
    if (!('path' in checked)) return checked;
    const absolute = join(this.workspace, checked.path);
    const stat = await lstat(absolute).catch(() => null);
    if (!stat) return error(`'${checked.path}' does not exist.`);
    if (stat.isDirectory()) return error(`'${checked.path}' is a directory; delete_file removes single files.`);
    await this.remember(checked.path);
    await rm(absolute);
    return { content: `Deleted ${checked.path}.`, isError: false, wrote: true };
  }

  /** Files whose content differs from before the agent's first write, with what happened to them. */
  async changedFiles(): Promise<ChangedFile[]> {
    const changed: ChangedFile[] = [];
    for (const [path, original] of [...this.originals].sort(([a], [b]) => a.localeCompare(b))) {
      const now = await readFile(join(this.workspace, path), 'utf8').catch(() => null);
      if (now === original) continue;
      changed.push({ path, action: original === null ? 'create' : now === null ? 'delete' : 'modify' });
    }
    return changed;
  }
}
