import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? (entry.name === 'emulators' ? [] : sources(join(dir, entry.name))) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

// Who may command the bot is decided in one place: core/authority.ts. Auto-merge also reads permissions, to
// count a person's approving review, which is not a command to the bot.
const ALLOWED = new Set(['src/core/identity.ts', 'src/core/authority.ts', 'src/merge/fetch-facts.ts', 'src/merge/review-gates.ts']);

describe('one authority check', () => {
  it('only core/authority.ts (and auto-merge counting human approvals) reads a person’s permission', () => {
    const readers = sources(resolve(ROOT, 'src'))
      .filter((file) => /\buserPermission\(|getCollaboratorPermissionLevel|\bcanWrite\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file).split('\\').join('/'));
    expect(readers.filter((file) => !ALLOWED.has(file))).toEqual([]);
    expect(readers).toContain('src/core/authority.ts');
  });
});
