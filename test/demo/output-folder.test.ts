import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimOutputFolder, DEMO_MARKER, inspectOutputFolder, OutputFolderRefused } from '../../src/demo/output-folder.js';
import { DIST } from '../harness/runner.js';

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name).slice(dir.length)] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

describe('the demo output folder', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'agentic-demo-folder-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a project folder (as with --output .) and keeps every file in it', () => {
    const project = join(root, 'project');
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{"name":"mine"}\n');
    writeFileSync(join(project, 'src', 'index.js'), 'export const answer = 42;\n');
    const before = snapshot(project);
    const run = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'demo', '--output', '.'], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^agentic: --output .*project is not empty \(package\.json, src\) and was not written by an earlier demo; nothing was changed/);
    expect(run.stdout).toBe('');
    expect(snapshot(project)).toEqual(before);
  });

  it('refuses a file, and a folder whose marker is not the demo’s', () => {
    writeFileSync(join(root, 'notes.txt'), 'mine');
    expect(() => claimOutputFolder(join(root, 'notes.txt'))).toThrow(OutputFolderRefused);
    const forged = join(root, 'forged');
    mkdirSync(forged);
    writeFileSync(join(forged, DEMO_MARKER), 'something else');
    writeFileSync(join(forged, 'thesis.tex'), 'chapter 1');
    expect(() => claimOutputFolder(forged)).toThrow(/not empty/);
    expect(readFileSync(join(forged, 'thesis.tex'), 'utf8')).toBe('chapter 1');
  });

  it('writes into a new folder, an empty one, and one an earlier demo wrote', () => {
    const fresh = join(root, 'a', 'b');
    expect(claimOutputFolder(fresh).kind).toBe('missing');
    writeFileSync(join(fresh, '01-implement.md'), 'old summary');
    expect(inspectOutputFolder(fresh).kind).toBe('earlier-demo');
    expect(claimOutputFolder(fresh).kind).toBe('earlier-demo');
    const empty = join(root, 'empty');
    mkdirSync(empty);
    expect(claimOutputFolder(empty).kind).toBe('empty');
    expect(readdirSync(empty)).toEqual([DEMO_MARKER]);
  });

  it('says in --help what it overwrites', () => {
    const help = spawnSync(process.execPath, [join(DIST, 'cli.js'), 'demo', '--help'], { encoding: 'utf8' }).stdout;
    expect(help).toMatch(/overwritten/);
    expect(help).toMatch(/Any other folder is refused/);
  });
});
