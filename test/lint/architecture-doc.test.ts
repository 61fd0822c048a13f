import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const doc = readFileSync(resolve(ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8');

describe('docs/ARCHITECTURE.md', () => {
  it('has a paragraph for every folder of src/ and for main.ts', () => {
    const folders = readdirSync(resolve(ROOT, 'src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.length).toBeGreaterThan(5);
    for (const folder of folders) expect(doc, folder).toContain(`**\`src/${folder}/\`**`);
    expect(doc).toContain('**`src/main.ts`**');
  });

  it('names every file of src/actions/ and a data flow for every action', () => {
    const actions = readdirSync(resolve(ROOT, 'src', 'actions'), { withFileTypes: true });
    for (const entry of actions.filter((item) => item.isFile())) expect(doc, entry.name).toContain(`\`${entry.name}\``);
    for (const action of actions.filter((item) => item.isDirectory())) expect(doc, action.name).toContain(`**${action.name}** — `);
  });

  it('is linked from the README', () => {
    expect(readFileSync(resolve(ROOT, 'README.md'), 'utf8')).toContain('(docs/ARCHITECTURE.md)');
  });
});
