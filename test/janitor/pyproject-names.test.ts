import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectPackageManagers } from '../../src/janitor/detect.js';
import { declaredPyprojectNames } from '../../src/janitor/ecosystems/pyproject.js';

const PYPROJECT =
  '[project]\nname = "shop"\ndependencies = [\n  "requests>=2.31",\n  "rich",\n]\n[tool.poetry.dependencies]\npython = "^3.11"\nhttpx = "^0.27"\n';

describe('declaredPyprojectNames', () => {
  it('reads PEP 621 arrays and Poetry tables, not Python itself or the project name', () => {
    expect([...declaredPyprojectNames(PYPROJECT).names].sort()).toEqual(['httpx', 'requests', 'rich']);
  });

  it('reads what a line reader would miss: a multi-line inline table, a Poetry group, a key with a dot in quotes', () => {
    const text = [
      '[project]',
      'dependencies = ["Flask_Login >= 0.6", # the login',
      '  "zope.interface"]',
      '[tool.poetry.group.dev.dependencies]',
      'pytest = { version = "^8",',
      '  optional = true }',
      '"ruamel.yaml" = "^0.18"',
    ].join('\n');
    expect([...declaredPyprojectNames(text).names].sort()).toEqual(['flask-login', 'pytest', 'ruamel-yaml', 'zope-interface']);
  });

  it('a malformed file names no package and says where it breaks', () => {
    const result = declaredPyprojectNames('[project]\ndependencies = [\n  "requests",\n  rich\n]\n');
    expect(result.names.size).toBe(0);
    expect(result.error).toBe('not valid TOML (line 4, column 3: invalid value)');
  });
});

describe('janitor detection with pyproject.toml', () => {
  let workspace = '';
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  it('a malformed pyproject.toml beside uv.lock: a note naming the file and line, no Python update', async () => {
    workspace = mkdtempSync(join(tmpdir(), 'janitor-pyproject-'));
    writeFileSync(join(workspace, 'pyproject.toml'), '[project]\nname = "shop"\ndependencies = ["requests"\n');
    writeFileSync(join(workspace, 'uv.lock'), 'version = 1\n');
    const detection = await detectPackageManagers(workspace, ['python']);
    expect(detection.managers).toEqual([]);
    expect(detection.notes).toEqual([
      expect.stringMatching(/^pyproject\.toml is not valid TOML \(line 4, column \d+: .+\): Python packages were not updated$/),
    ]);
  });

  it('a valid one (control): uv updates the declared packages', async () => {
    workspace = mkdtempSync(join(tmpdir(), 'janitor-pyproject-'));
    writeFileSync(join(workspace, 'pyproject.toml'), PYPROJECT);
    writeFileSync(join(workspace, 'uv.lock'), 'version = 1\n');
    const detection = await detectPackageManagers(workspace, ['python']);
    expect(detection.notes).toEqual([]);
    expect(detection.managers.map((manager) => manager.tool)).toEqual(['uv']);
    const outdated = JSON.stringify([
      { name: 'requests', version: '2.31.0', latest_version: '2.32.3' },
      { name: 'certifi', version: '2024.2.2', latest_version: '2024.8.30' },
    ]);
    expect(detection.managers[0]?.parse(outdated).map((pkg) => pkg.name)).toEqual(['requests']);
  });
});
