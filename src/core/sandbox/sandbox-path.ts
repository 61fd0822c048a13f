/**
 * The PATH repository code gets: the system folders, and from the caller's PATH only the folders that hold a
 * toolchain the repository's commands call (node, python, go… as setup-node, setup-python and setup-go put
 * them there). A folder the action or an earlier step added for its own tools is not passed, nor a relative
 * entry (`.` or an empty one, which would let the checkout's own files stand in for `node` or `git`).
 */
import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** The commands whose folder is kept, as the shell would find them (the first folder on PATH holding one). */
export const TOOLCHAIN_COMMANDS = [
  'node',
  'npm',
  'npx',
  'corepack',
  'pnpm',
  'yarn',
  'bun',
  'deno',
  'python3',
  'python',
  'pip3',
  'pip',
  'poetry',
  'uv',
  'pip-compile',
  'go',
  'gofmt',
  'cargo',
  'rustc',
  'java',
  'javac',
  'mvn',
  'gradle',
  'ruby',
  'bundle',
  'dotnet',
] as const;

const UNIX_SYSTEM = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export interface PathPlatform {
  /** `:` or `;`. */
  delimiter: string;
  /** The system folders always passed. */
  system: readonly string[];
  /** File names a command may have (`node`; `node.exe`, `node.cmd` on Windows). */
  names(command: string): string[];
  isExecutable(file: string): boolean;
}

function executableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** This machine's conventions. */
export function hostPathPlatform(env: Readonly<Record<string, string | undefined>>): PathPlatform {
  if (process.platform === 'win32') {
    const root = env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows';
    const extensions = (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean);
    return {
      delimiter: ';',
      system: [join(root, 'System32'), root, join(root, 'System32', 'WindowsPowerShell', 'v1.0')],
      names: (command) => extensions.map((extension) => `${command}${extension.toLowerCase()}`),
      isExecutable: (file) => {
        try {
          return statSync(file).isFile();
        } catch {
          return false;
        }
      },
    };
  }
  return { delimiter: ':', system: UNIX_SYSTEM, names: (command) => [command], isExecutable: executableFile };
}

/** The fixed PATH for repository code, built from the caller's PATH (see the file comment). */
export function sandboxPath(callerPath: string | undefined, platform: PathPlatform): string {
  const entries = [...new Set((callerPath ?? '').split(platform.delimiter))].filter((entry) => entry !== '' && isAbsolute(entry));
  const kept = new Set<string>();
  for (const command of TOOLCHAIN_COMMANDS) {
    const folder = entries.find((entry) => platform.names(command).some((name) => platform.isExecutable(join(entry, name))));
    if (folder && !platform.system.includes(folder)) kept.add(folder);
  }
  // The caller's order among the kept folders (a setup-node folder before /usr/bin stays before it).
  const ordered = entries.filter((entry) => kept.has(entry));
  return [...ordered, ...platform.system].join(platform.delimiter);
}
