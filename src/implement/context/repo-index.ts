/**
 * Everything ranking needs about a repository, computed once: per-file terms, outline, path terms, the import
 * graph and test ↔ source links. Pure over the files' text, so it is tested without a disk.
 */
import { buildBm25, type Bm25Index } from './bm25.js';
import { fileRole, type FileRole } from './file-role.js';
import { buildImportGraph, type ImportGraph } from './import-graph.js';
import type { RepoFile } from './repo-files.js';
import { outlineFile, type FileOutline } from './symbols.js';
import { isTestPath, linkTestsToSources } from './test-links.js';
import { pathTerms, splitIdentifier, stem, terms } from './tokenize.js';
import { estimateTokens } from '../../core/llm/untrusted.js';

export interface IndexedFile {
  path: string;
  /** chars / 4 of the whole file: what putting it in front of the model costs. */
  tokens: number;
  outline: FileOutline;
  isTest: boolean;
  /** Source, test, docs…: what the file is for, from its path. */
  role: FileRole;
  /** Stemmed parts of the top-level symbols' names. */
  symbolTerms: Set<string>;
  /** Lowercased whole names of the top-level symbols and members, for exact identifier matches. */
  symbolNames: Set<string>;
  memberTerms: Set<string>;
  fileTerms: Set<string>;
  directoryTerms: Set<string>;
}

export interface RepoIndex {
  files: IndexedFile[];
  content: Bm25Index;
  graph: ImportGraph;
  testLinks: Map<string, Set<string>>;
  /** How many files carry each term in their symbols, members and path: rarer matches weigh more. */
  symbolFrequency: Map<string, number>;
  memberFrequency: Map<string, number>;
  pathFrequency: Map<string, number>;
}

function nameTerms(names: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const name of names) for (const part of splitIdentifier(name)) if (part.length >= 2) out.add(stem(part));
  return out;
}

function countInto(frequency: Map<string, number>, values: Iterable<string>): void {
  for (const value of values) frequency.set(value, (frequency.get(value) ?? 0) + 1);
}

/** Pure: the index of `files`. */
export function buildRepoIndex(files: readonly RepoFile[]): RepoIndex {
  const indexed: IndexedFile[] = [];
  const documents: string[][] = [];
  const symbolFrequency = new Map<string, number>();
  const memberFrequency = new Map<string, number>();
  const pathFrequency = new Map<string, number>();
  for (const file of files) {
    const outline = outlineFile(file.path, file.content);
    const path = pathTerms(file.path);
    const entry: IndexedFile = {
      path: file.path,
      tokens: estimateTokens(file.content),
      outline,
      isTest: isTestPath(file.path),
      role: fileRole(file.path),
      symbolTerms: nameTerms(outline.symbols),
      symbolNames: new Set([...outline.symbols, ...outline.members].map((name) => name.toLowerCase())),
      memberTerms: nameTerms(outline.members),
      fileTerms: new Set(path.file),
      directoryTerms: new Set(path.directory),
    };
    indexed.push(entry);
    documents.push(terms(file.content));
    countInto(symbolFrequency, entry.symbolTerms);
    countInto(memberFrequency, entry.memberTerms);
    countInto(pathFrequency, new Set([...entry.fileTerms, ...entry.directoryTerms]));
  }
  return {
    files: indexed,
    content: buildBm25(documents),
    graph: buildImportGraph(indexed.map((file) => ({ path: file.path, language: file.outline.language, imports: file.outline.imports }))),
    testLinks: linkTestsToSources(indexed.map((file) => file.path)),
    symbolFrequency,
    memberFrequency,
    pathFrequency,
  };
}
