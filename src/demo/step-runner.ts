import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs a bundled action the way a GitHub runner does: a child `node` process on the dist file, inputs as
 * INPUT_<NAME>, the event payload in a file named by GITHUB_EVENT_PATH, and GITHUB_OUTPUT /
 * GITHUB_STEP_SUMMARY files that the step writes and are read back. The demo drives the actions with it,
 * and the runner-emulation tests use the same code.
 */

export interface RunActionOptions {
  /** dist file name, e.g. 'implement.js', or an absolute path. */
  entry: string;
  /** Folder of the bundled actions (dist/). */
  distDir: string;
  inputs?: Record<string, string | number | boolean | undefined>;
  eventName?: string;
  event?: unknown;
  /** GITHUB_API_URL / GITHUB_SERVER_URL of the emulator. */
  apiUrl?: string;
  serverUrl?: string;
  repository?: string;
  workspace?: string;
  runId?: number;
  /** GITHUB_ACTOR: who started the run (default: the repository's owner). */
  actor?: string;
  /** Extra environment (e.g. a canary secret); the parent's environment is not inherited beyond PATH/HOME. */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  cwd?: string;
  /** RUNNER_TEMP (holding the output, summary and event files); kept afterwards. Default: a fresh folder, removed. */
  runnerTemp?: string;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice' | 'debug';
  message: string;
  properties: Record<string, string>;
}

export interface ActionRun {
  exitCode: number | null;
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  stderr: string;
  annotations: Annotation[];
  durationMs: number;
}

function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Parses GITHUB_OUTPUT as @actions/core writes it: `name<<delimiter\nvalue\ndelimiter`. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^<=]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      outputs[name] = value.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      outputs[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return outputs;
}

/** Workflow commands on stdout (`::error file=a,line=1::message`) become annotations. */
export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = [];
  for (const line of stdout.split('\n')) {
    const match = /^::(error|warning|notice|debug)(?: ([^:]*))?::(.*)$/.exec(line.trim());
    if (!match) continue;
    const [, level, props = '', message = ''] = match;
    const properties = Object.fromEntries(
      props
        .split(',')
        .filter(Boolean)
        .map((pair) => {
          const at = pair.indexOf('=');
          return [pair.slice(0, at), decodeURIComponent(pair.slice(at + 1).replace(/%2C/g, ','))];
        }),
    );
    annotations.push({ level: level as Annotation['level'], message: unescapeData(message), properties });
  }
  return annotations;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const temp = options.runnerTemp ?? mkdtempSync(join(tmpdir(), 'agentic-runner-'));
  try {
    const outputFile = join(temp, 'output');
    const summaryFile = join(temp, 'summary');
    const eventFile = join(temp, 'event.json');
    writeFileSync(outputFile, '');
    writeFileSync(summaryFile, '');
    writeFileSync(eventFile, JSON.stringify(options.event ?? {}));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? temp,
      RUNNER_TEMP: temp,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_EVENT_PATH: eventFile,
      GITHUB_EVENT_NAME: options.eventName ?? 'workflow_dispatch',
      GITHUB_REPOSITORY: options.repository ?? 'acme/widgets',
      GITHUB_WORKSPACE: options.workspace ?? temp,
      GITHUB_RUN_ID: String(options.runId ?? 1000),
      // Who started the run: the repository's owner unless a test says otherwise.
      GITHUB_ACTOR: options.actor ?? (options.repository ?? 'acme/widgets').split('/')[0] ?? 'acme',
    };
    if (options.apiUrl) env.GITHUB_API_URL = options.apiUrl;
    if (options.serverUrl) env.GITHUB_SERVER_URL = options.serverUrl;
    for (const [name, value] of Object.entries(options.inputs ?? {})) {
      if (value !== undefined) env[inputVariable(name)] = String(value);
    }
    for (const [name, value] of Object.entries(options.env ?? {})) {
      if (value !== undefined) env[name] = value;
    }
    const entry = options.entry.startsWith('/') ? options.entry : join(options.distDir, options.entry);
    if (!existsSync(entry)) throw new Error(`bundled action ${entry} does not exist; run npm run build`);
    const started = performance.now();
    const child = spawn(process.execPath, [entry], { env, cwd: options.cwd ?? options.workspace ?? temp, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    const exitCode = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    clearTimeout(timeout);
    return {
      exitCode,
      outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8'),
      stdout,
      stderr,
      annotations: parseAnnotations(stdout),
      durationMs: performance.now() - started,
    };
  } finally {
    if (!options.runnerTemp) rmSync(temp, { recursive: true, force: true });
  }
}
