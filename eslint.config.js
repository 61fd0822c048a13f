import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// The layers of src/ (docs/ARCHITECTURE.md): entries and the CLI on top, the domain folders in the middle, core at
// the bottom; the emulators beside core, used only by the demo and the CLI. Imports run one way.
// Every other folder of src/ is a domain folder (implement, review, ciso, scan, triage, merge, discover, demo...).
const NOT_DOMAIN = new Set(['actions', 'cli', 'core', 'emulators']);
const DOMAIN = readdirSync(join(import.meta.dirname, 'src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !NOT_DOMAIN.has(entry.name))
  .map((entry) => `./src/${entry.name}`);
const ENTRIES = ['./src/actions', './src/cli', './src/main.ts'];
const ACTION_CODE = ['./src/actions', './src/core', ...DOMAIN.filter((path) => path !== './src/demo')];

// A call that starts a process: child_process and execa by name, and the usual local aliases (run = promisify(execFile)).
const PROCESS_STARTERS = '/^(spawn|spawnSync|exec|execSync|execFile|execFileSync|execa|execaSync|fork|run|runCommand)$/';
const STARTS_PROCESS = `CallExpression:matches([callee.name=${PROCESS_STARTERS}], [callee.property.name=${PROCESS_STARTERS}])`;
const GIT_ONLY_IN_CORE = 'Run git through src/core/git.ts (createGitWorkspace, runGitSync), which gives it a secret-free environment.';

export const layerZones = [
  ...DOMAIN.map((target) => ({
    target,
    from: ENTRIES,
    message: 'Domain code takes settings and adapters as parameters; it never imports an action entry or the CLI.',
  })),
  ...DOMAIN.map((target) => ({
    target,
    from: ['./src/core/runner-protocol.ts'],
    message: 'Domain code logs through the Logger it is given; only the action entries talk to the runner.',
  })),
  { target: './src/core', from: [...ENTRIES, ...DOMAIN, './src/emulators'], message: 'src/core is the bottom layer: it imports only itself and libraries.' },
  { target: './src/actions', from: ['./src/cli', './src/main.ts'], message: 'Action entries sit below the CLI.' },
  ...ACTION_CODE.map((target) => ({
    target,
    from: ['./src/emulators'],
    message: 'The emulators are for the demo, the CLI and the tests; the action bundles never include them.',
  })),
  {
    target: './src/emulators',
    from: ['./src/actions', './src/cli', './src/main.ts', ...DOMAIN],
    message: 'The emulators stand alone: they import no product code above core.',
  },
  { target: './src', from: ['./test', './bench'], message: 'Product code never imports test or bench code.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tmp/**', 'demo-output/**', 'coverage/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: layerZones }],
    },
  },
  {
    // All git goes through src/core/git.ts: one place builds git's secret-free environment and parses its output.
    // The emulators are exempt: they play GitHub's server side (git http-backend), not the product.
    files: ['src/**/*.ts'],
    ignores: ['src/core/git.ts', 'src/emulators/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'simple-git', message: GIT_ONLY_IN_CORE }] }],
      'no-restricted-syntax': [
        'error',
        { selector: `${STARTS_PROCESS}[arguments.0.type='Literal'][arguments.0.value=/^git(\\s|$)/]`, message: GIT_ONLY_IN_CORE },
        { selector: `${STARTS_PROCESS}[arguments.0.type='TemplateLiteral'][arguments.0.quasis.0.value.raw=/^git(\\s|$)/]`, message: GIT_ONLY_IN_CORE },
      ],
    },
  },
  {
    // The domain writes through the Logger its entry passes in, never to the terminal itself.
    files: DOMAIN.map((folder) => `${folder.slice(2)}/**/*.ts`),
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'stdout', message: 'Log through the Logger the entry passes in.' },
        { object: 'process', property: 'stderr', message: 'Log through the Logger the entry passes in.' },
      ],
    },
  },
);
