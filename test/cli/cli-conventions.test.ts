import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.js';
import { DIST } from '../harness/runner.js';

// The bundled command line, as a user runs it: every failure is one line on stderr, usage errors exit 2,
// other failures 1, and no minified source, stack trace, request header or token is printed without --debug.

const ROOT = resolve(import.meta.dirname, '..', '..');
const MINIFIED = /\.index\.js|\n\s+at |export const id=/;

function baseEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env };
}

function agentic(args: string[], env: Record<string, string> = {}, cwd = ROOT) {
  return spawnSync(process.execPath, [`${DIST}/cli.js`, ...args], { encoding: 'utf8', env: baseEnv(env), cwd, timeout: 60_000 });
}

function agenticAsync(args: string[], env: Record<string, string>, cwd = ROOT): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [`${DIST}/cli.js`, ...args], { env: baseEnv(env), cwd });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('close', (status) => done({ status, stdout, stderr })));
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  return typeof address === 'object' && address ? address.port : 9;
}

describe('agentic command-line conventions', () => {
  it('prints its version', () => {
    const version = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const run = agentic(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });

  it('has help for every command, as --help and as "help <command>"', () => {
    for (const [command, usage] of [
      ['init', 'usage: agentic init'],
      ['run', 'usage: agentic run'],
      ['context', 'usage: agentic context'],
      ['demo', 'usage: agentic demo'],
      ['config', 'usage: agentic config validate'],
    ] as const) {
      for (const args of [
        [command, '--help'],
        ['help', command],
      ]) {
        const run = agentic(args);
        expect(run.status, args.join(' ')).toBe(0);
        expect(run.stdout).toContain(usage);
      }
    }
    expect(agentic(['config', 'validate', '--help']).stdout).toContain('usage: agentic config validate');
    const top = agentic(['--help']);
    expect(top.status).toBe(0);
    for (const command of ['init', 'config validate', 'run <action>', 'context', 'demo', '--version', '--debug']) expect(top.stdout).toContain(command);
  });

  it('refuses an unknown command without suggesting help for it', () => {
    const run = agentic(['deploy']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `agentic: unknown command 'deploy'; the commands are init, config, run, context, demo, dashboard\nRun "agentic --help" for usage.\n`,
    );
  });

  it('rejects negative and non-numeric numbers, naming the flag', () => {
    const env = { GITHUB_TOKEN: 'x', OPENAI_API_KEY: 'y' };
    const cases: Array<[string[], string]> = [
      [['run', 'cto-review', '--repo', 'o/r', '--pr', '-1'], 'agentic: --pr is "-1"; expected a pull request number'],
      [['run', 'cto-review', '--repo', 'o/r', '--pr', 'abc'], 'agentic: --pr is "abc"; expected a pull request number'],
      [['run', 'implement', '--repo', 'o/r', '--issue', '0'], 'agentic: --issue is "0"; expected an issue number'],
      [['run', 'implement', '--repo', 'o/r', '--issue', '1.5'], 'agentic: --issue is "1.5"; expected an issue number'],
      [['context', '--query', 'x', '--budget', '-5'], 'agentic: --budget is "-5"; expected a positive whole number of tokens'],
    ];
    for (const [args, message] of cases) {
      const run = agentic(args, env);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr.split('\n')[0]).toBe(message);
    }
  });

  it('explains a malformed --repo in one line, without minified source', () => {
    for (const args of [
      ['run', 'cto-review', '--repo', 'notarepo', '--pr', '1'],
      ['init', '--repo', 'bad'],
    ]) {
      const run = agentic(args, { GITHUB_TOKEN: 'x', OPENAI_API_KEY: 'y' });
      expect(run.status).toBe(2);
      expect(run.stderr.split('\n')[0]).toMatch(/^agentic: --repo is "(notarepo|bad)"; expected "owner\/name"$/);
      expect(run.stderr).not.toMatch(MINIFIED);
    }
  });

  it('refuses an input the action does not have, suggesting the one meant', () => {
    const env = { GITHUB_TOKEN: 'x', OPENAI_API_KEY: 'y' };
    const unknown = agentic(['run', 'cto-review', '--repo', 'o/r', '--pr', '1', '--input', 'x=1'], env);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^agentic: --input x: cto-review has no input 'x'/);
    const typo = agentic(['run', 'implement', '--repo', 'o/r', '--issue', '1', '--input', 'max-turn=3'], env);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/implement has no input 'max-turn' \(did you mean 'max-turns'\?\)/);
  });

  it('names a missing model key by the environment variable it reads', () => {
    const openai = agentic(['run', 'cto-review', '--repo', 'o/r', '--pr', '1'], { GITHUB_TOKEN: 'x' });
    expect(openai.status).toBe(2);
    expect(openai.stderr.split('\n')[0]).toBe(
      'agentic: OPENAI_API_KEY is not set: export the openai API key cto-review needs (or choose --input provider=anthropic with ANTHROPIC_API_KEY)',
    );
    const anthropic = agentic(['run', 'implement', '--repo', 'o/r', '--issue', '1', '--input', 'provider=anthropic'], {
      GITHUB_TOKEN: 'x',
      OPENAI_API_KEY: 'y',
    });
    expect(anthropic.stderr.split('\n')[0]).toMatch(/^agentic: ANTHROPIC_API_KEY is not set/);
  });

  it('init: --dir must exist and is not created', () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'agentic-init-')), 'no', 'such');
    const run = agentic(['init', '--dir', missing]);
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(`agentic: --dir ${missing} is not an existing folder`);
    expect(existsSync(missing)).toBe(false);
  });
});

describe('agentic failures talking to GitHub', { timeout: 90_000 }, () => {
  let gh: GitHubEmulator;
  beforeAll(async () => {
    gh = await startGitHubEmulator({ owner: 'o', repo: 'r', files: { 'README.md': 'x' } });
  });
  afterAll(async () => gh.close());

  it('init --repo with a bad token: one line naming the token to check; the trace only with --debug; never the token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentic-init-'));
    const token = 'ghp_NotARealToken333333333333333333333333';
    const env = { GITHUB_TOKEN: token, GITHUB_API_URL: gh.apiUrl };
    const plain = await agenticAsync(['init', '--dir', dir, '--repo', 'o/r'], env);
    expect(plain.status).toBe(1);
    expect(plain.stderr).toMatch(
      /^agentic: GitHub rejected the token \(401 Bad credentials\) for GET \/repos\/o\/r\/labels: check the github-token input \(.*the GITHUB_TOKEN environment variable\)\n$/,
    );
    const debug = await agenticAsync(['--debug', 'init', '--dir', dir, '--repo', 'o/r'], env);
    expect(debug.status).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
    for (const run of [plain, debug]) {
      // Outside a runner nothing asks to mask the token: printing ::add-mask:: would show it.
      expect(run.stdout + run.stderr).not.toContain(token);
      expect(run.stdout + run.stderr).not.toMatch(/authorization|user-agent/i);
    }
  });

  it('init --repo without a network: says which host it could not reach, and no request headers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentic-init-'));
    const port = await closedPort();
    const token = 'ghp_NotARealToken444444444444444444444444';
    const run = await agenticAsync(['init', '--dir', dir, '--repo', 'a/b'], { GITHUB_TOKEN: token, GITHUB_API_URL: `http://127.0.0.1:${port}` });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/GitHub API at 127\.0\.0\.1:\d+ did not answer .* trying again in 1s \(attempt 2 of 4\)/);
    expect(run.stderr).toBe(
      `agentic: could not reach the GitHub API at 127.0.0.1:${port} (ECONNREFUSED) for GET /repos/a/b/labels: check the network, the proxy settings and GITHUB_API_URL\n`,
    );
    expect(run.stdout + run.stderr).not.toContain(token);
    expect(run.stdout + run.stderr).not.toMatch(/headers|authorization/i);
  });
});

describe('agentic config validate', () => {
  function repoWith(policy: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'agentic-config-'));
    spawnSync('mkdir', ['-p', join(dir, '.github')]);
    writeFileSync(join(dir, '.github', 'agentic.yml'), policy);
    return dir;
  }

  it('passes the template init writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentic-config-'));
    expect(agentic(['init', '--dir', dir], {}, dir).status).toBe(0);
    const run = agentic(['config', 'validate'], {}, dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('.github/agentic.yml: valid\n');
  });

  it('prints every problem with its line, exits 1, and annotates the file in GitHub Actions', () => {
    const dir = repoWith('implement:\n  max-turns: lots\nreview:\n  block-severty: high\n');
    const run = agentic(['config', 'validate'], {}, dir);
    expect(run.status).toBe(1);
    const lines = run.stderr.split('\n');
    expect(lines[0]).toBe('.github/agentic.yml:2: implement.max-turns is "lots"; expected a number');
    expect(lines[1]).toMatch(
      /^\.github\/agentic\.yml:4: review\.block-severty is not a known key in review \(did you mean 'block-severity'\?\); expected one of max-review-calls, /,
    );
    expect(lines.slice(2)).toEqual(['.github/agentic.yml: 2 problems', '']);
    const inCi = agentic(['config', 'validate', '--file', '.github/agentic.yml'], { GITHUB_ACTIONS: 'true' }, dir);
    expect(inCi.stdout).toContain('::error file=.github/agentic.yml,line=2,title=agentic policy::implement.max-turns is "lots"; expected a number');
  });

  it('shows broken YAML with its line and a caret', () => {
    const run = agentic(['config', 'validate'], {}, repoWith('implement:\n  max-turns: 3\nreview: a: b\n'));
    expect(run.status).toBe(1);
    const lines = run.stderr.split('\n');
    expect(lines[0]).toMatch(/^\.github\/agentic\.yml:3: invalid YAML: .* at line 3, column 9:$/);
    expect(lines[1]).toBe('    review: a: b');
    expect(lines[2]).toBe('            ^');
  });

  it('needs the file it is given', () => {
    const run = agentic(['config', 'validate', '--file', 'nope.yml'], {}, mkdtempSync(join(tmpdir(), 'agentic-config-')));
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('agentic: --file nope.yml does not exist');
  });
});
