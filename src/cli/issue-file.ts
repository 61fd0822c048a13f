/**
 * `agentic run implement --issue-file <file.md>`: implement an issue written in a local file against the local
 * checkout, before anything exists on GitHub. GitHub is emulated on this machine for the run
 * (src/demo/local-github.ts): the issue and the checkout's committed files are its only contents.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './args.js';

export interface LocalIssue {
  title: string;
  body: string;
}

/** The issue in a markdown file: the first heading is the title, the rest the body. */
export function readIssueFile(path: string): LocalIssue {
  const file = resolve(path);
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`--issue-file ${path}: no such file`);
  const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  const lines = text.split('\n');
  const at = lines.findIndex((line) => /^#{1,6}\s+\S/.test(line));
  if (at < 0) throw new UsageError(`--issue-file ${path}: the title comes from the first markdown heading ("# Title"), and the file has none`);
  const title = (lines[at] ?? '')
    .replace(/^#{1,6}\s+/, '')
    .replace(/\s+#+\s*$/, '')
    .trim();
  const body = [...lines.slice(0, at), ...lines.slice(at + 1)].join('\n').trim();
  return { title, body };
}
