// Writes the popular-package lists the typosquat check reads (src/scan/deps/popular/{npm,pypi,go}.ts), most used
// first, each with its source and dates in the header, from the registries' public data:
//
//   npm   monthly downloads. Either the download-counts package (every npm package's count for one month, rebuilt
//         monthly from the registry's downloads API; https://www.npmjs.com/package/download-counts):
//             npm pack download-counts && tar xzf download-counts-*.tgz
//             node scripts/popular-packages.js npm --from package/counts.json --dataset "download-counts $(node -p "require('./package/package.json').version")"
//         or, without --from, the downloads API itself over the names already listed (this re-ranks them; only the
//         dataset brings in new names): https://api.npmjs.org/downloads/point/last-month/<name,name,...>
//   pypi  hugovk's Top PyPI Packages, the 15,000 most downloaded projects of the last 30 days, refreshed monthly:
//             node scripts/popular-packages.js pypi        (fetches https://hugovk.dev/top-pypi-packages/top-pypi-packages.min.json)
//   go    deps.dev's count of the packages that depend on each listed module's default version (v3 for the version,
//         v3alpha for :dependents): https://api.deps.dev/v3alpha/systems/go/packages/<module>/versions/<version>:dependents
//             node scripts/popular-packages.js go
//
// Every source can be read from a local file instead (--from <file>, in that source's own format: the
// download-counts object or the downloads API's answers; the Top PyPI Packages JSON; a JSON object of module path →
// deps.dev dependents answer), and an online run can keep what it fetched with --save <file> for a later --from.
// Options: --out <file> (default: the committed list), --date YYYY-MM-DD (the generation date, default today).

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** How many names each list keeps; the typosquat check compares new names with the first 500 of each. */
export const LIMITS = { npm: 3000, pypi: 1500 };

/**
 * Names a source ranks high that no one depends on: listing them would make real packages near them look like
 * imitations. Each with its reason.
 */
export const EXCLUDED = {
  npm: {
    // A multi-agent telecom demo application whose monthly count (about 780 million, among the 50 highest of npm)
    // comes from no dependent package: an inflated count, not use.
    'telecom-mas-agent': 'inflated download count of an application nothing depends on',
  },
  pypi: {},
  go: {},
};

/**
 * Well-known names below the cut that must count as legitimate (frameworks, drivers, SDKs people type by hand):
 * without them a new dependency on `mongoose` or `bcrypt` could be taken for an imitation of a listed name.
 * Added after the ranked names, in this order.
 */
export const ALWAYS_LISTED = {
  npm: [
    'mongoose',
    'bcrypt',
    'electron',
    'mysql',
    'discord.js',
    'left-pad',
    'sequelize',
    'knex',
    'koa',
    'fastify',
    'nestjs',
    'angular',
    '@angular/cli',
    'svelte',
    'nuxt',
    'gatsby',
    'bootstrap',
    'sqlite3',
    'bcryptjs',
    'passport-local',
    'stripe',
    'firebase',
    'firebase-admin',
  ],
  pypi: [],
  go: [],
};

const CONSTANT = { npm: 'POPULAR_NPM', pypi: 'POPULAR_PYPI', go: 'POPULAR_GO' };
const FILE = { npm: 'npm.ts', pypi: 'pypi.ts', go: 'go.ts' };
const PURPOSE = 'For the typosquat check: a new dependency a small edit away from one of the first 500, and not itself listed, is suspicious.';
const DESCRIPTION = {
  npm: 'The most downloaded npm packages by monthly downloads, most used first, plus a few well-known names below that cut.',
  pypi: 'The most downloaded PyPI projects of the last 30 days (names normalised as PEP 503 does), most used first.',
  go: 'Widely used Go modules as full module paths, the most depended on first.',
};

/** PyPI treats `-`, `_` and `.` alike and ignores case (PEP 503); npm and Go names are compared lower-cased. */
function normalise(ecosystem, name) {
  const lower = name.trim().toLowerCase();
  return ecosystem === 'pypi' ? lower.replace(/[-_.]+/g, '-') : lower;
}

/** Most counted first; ties by name so a rerun on the same data writes the same file. */
function byCount(entries) {
  return [...entries].sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function fail(message) {
  throw new Error(`popular-packages: ${message}`);
}

/**
 * npm counts from either source format: the download-counts object ({ name: downloads }), the downloads API's bulk
 * answer ({ name: { downloads, package, start, end } | null }), its single-package answer ({ downloads, package, ... }),
 * or an array of API answers.
 */
export function npmCounts(data) {
  const answers = Array.isArray(data) ? data : [data];
  const entries = [];
  let period;
  for (const answer of answers) {
    if (answer === null || typeof answer !== 'object') fail('npm input must be a JSON object (download-counts) or downloads API answers');
    if (typeof answer.package === 'string' && typeof answer.downloads === 'number') {
      entries.push({ name: answer.package, count: answer.downloads });
      period ??= answer.start && answer.end ? `${answer.start} to ${answer.end}` : undefined;
      continue;
    }
    for (const [name, value] of Object.entries(answer)) {
      if (typeof value === 'number') entries.push({ name, count: value });
      else if (value && typeof value === 'object' && typeof value.downloads === 'number') {
        entries.push({ name: value.package ?? name, count: value.downloads });
        period ??= value.start && value.end ? `${value.start} to ${value.end}` : undefined;
      } else if (value !== null) fail(`npm input: "${name}" has no download count`);
    }
  }
  if (entries.length === 0) fail('npm input holds no package');
  return { entries, period };
}

/** The Top PyPI Packages JSON: { last_update, rows: [{ project, download_count }] }. */
export function pypiCounts(data) {
  if (!data || !Array.isArray(data.rows)) fail('PyPI input must be the Top PyPI Packages JSON (an object with "rows")');
  const entries = data.rows.map((row, index) => {
    if (typeof row?.project !== 'string' || typeof row.download_count !== 'number') fail(`PyPI input: row ${index + 1} needs "project" and "download_count"`);
    return { name: row.project, count: row.download_count };
  });
  if (entries.length === 0) fail('PyPI input holds no project');
  return { entries, period: typeof data.last_update === 'string' ? `30 days to ${data.last_update.slice(0, 10)}` : undefined };
}

/** deps.dev dependents answers by module path: { "<module>": { dependentCount, directDependentCount, ... } }. */
export function goCounts(data) {
  if (!data || typeof data !== 'object' || Array.isArray(data)) fail('Go input must be a JSON object of module path → deps.dev dependents answer');
  const entries = Object.entries(data).map(([name, answer]) => {
    if (typeof answer?.dependentCount !== 'number') fail(`Go input: "${name}" has no dependentCount`);
    return { name, count: answer.dependentCount };
  });
  if (entries.length === 0) fail('Go input holds no module');
  return { entries, period: undefined };
}

const READERS = { npm: npmCounts, pypi: pypiCounts, go: goCounts };

/** The list the scanner reads: ranked, normalised, deduplicated, excluded names dropped, cut, kept names appended. */
export function rank(ecosystem, entries, limit = LIMITS[ecosystem] ?? Infinity) {
  const excluded = new Set(Object.keys(EXCLUDED[ecosystem]).map((name) => normalise(ecosystem, name)));
  const names = [];
  const seen = new Set();
  for (const { name } of byCount(entries)) {
    if (names.length >= limit) break;
    const key = normalise(ecosystem, name);
    if (key === '' || seen.has(key) || excluded.has(key)) continue;
    seen.add(key);
    names.push(ecosystem === 'pypi' ? key : name.trim());
  }
  for (const name of ALWAYS_LISTED[ecosystem]) {
    const key = normalise(ecosystem, name);
    if (!seen.has(key) && !excluded.has(key)) {
      seen.add(key);
      names.push(name);
    }
  }
  return names;
}

/** The TypeScript file, in the committed lists' format. */
export function renderList(ecosystem, names, { source, period, generated }) {
  const header = [
    DESCRIPTION[ecosystem],
    PURPOSE,
    `Source: ${source}${period ? ` (${period})` : ''}.`,
    `Generated ${generated} by scripts/popular-packages.js; data, not code: regenerate with that script (its header says how) rather than edit.`,
  ];
  const quote = (name) => `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return [
    '/**',
    ...header.map((line) => ` * ${line}`),
    ' */',
    `export const ${CONSTANT[ecosystem]}: readonly string[] = [`,
    ...names.map((name) => `  ${quote(name)},`),
    '];',
    '',
  ].join('\n');
}

/** The names of a committed list, most used first (the seed of an online npm or Go refresh). */
export function readList(text) {
  return [...text.matchAll(/^ {2}'((?:[^'\\]|\\.)+)',$/gm)].map((match) => match[1].replace(/\\(.)/g, '$1'));
}

async function getJson(url) {
  const response = await fetch(url, { headers: { accept: 'application/json', 'user-agent': 'agentic-workflow popular-packages script' } });
  if (response.status === 404) return undefined;
  if (!response.ok) fail(`${url} answered ${response.status}`);
  return response.json();
}

/** The downloads API over the listed names: 128 unscoped names a request (its bulk limit), scoped names one by one. */
async function fetchNpm(seed) {
  const unscoped = seed.filter((name) => !name.startsWith('@'));
  const answers = [];
  for (let index = 0; index < unscoped.length; index += 128) {
    const chunk = unscoped.slice(index, index + 128);
    const answer = await getJson(`https://api.npmjs.org/downloads/point/last-month/${chunk.map(encodeURIComponent).join(',')}`);
    // A one-name request gets the single-package shape.
    if (answer) answers.push(chunk.length === 1 ? { [chunk[0]]: answer } : answer);
  }
  for (const name of seed.filter((entry) => entry.startsWith('@'))) {
    const answer = await getJson(`https://api.npmjs.org/downloads/point/last-month/${name.replace('/', '%2F')}`);
    if (answer) answers.push(answer);
  }
  return answers;
}

/** deps.dev: the module's default version, then how many packages depend on it. A module deps.dev lacks is left out. */
async function fetchGo(seed) {
  const result = {};
  for (const module of seed) {
    const path = encodeURIComponent(module);
    const info = await getJson(`https://api.deps.dev/v3/systems/go/packages/${path}`);
    const version = info?.versions?.find((entry) => entry.isDefault)?.versionKey?.version ?? info?.versions?.at(-1)?.versionKey?.version;
    if (!version) {
      process.stderr.write(`popular-packages: deps.dev has no version of ${module}; left out\n`);
      continue;
    }
    const dependents = await getJson(`https://api.deps.dev/v3alpha/systems/go/packages/${path}/versions/${encodeURIComponent(version)}:dependents`);
    if (dependents) result[module] = dependents;
  }
  return result;
}

const ONLINE = {
  npm: { source: 'the npm registry downloads API, last month, over the names already listed', fetch: fetchNpm },
  pypi: {
    source: "hugovk's Top PyPI Packages, https://hugovk.dev/top-pypi-packages/top-pypi-packages.min.json",
    fetch: () => getJson('https://hugovk.dev/top-pypi-packages/top-pypi-packages.min.json'),
  },
  go: { source: "deps.dev's dependents count of each listed module's default version", fetch: fetchGo },
};

const LOCAL_SOURCE = {
  npm: "each package's monthly downloads from the npm registry downloads API",
  pypi: "hugovk's Top PyPI Packages (https://github.com/hugovk/top-pypi-packages)",
  go: "deps.dev's dependents count of each module's default version",
};

function parseArguments(argv) {
  const [ecosystem, ...rest] = argv;
  if (!CONSTANT[ecosystem])
    fail(`usage: popular-packages.js <npm|pypi|go> [--from <file>] [--dataset <name>] [--save <file>] [--out <file>] [--date YYYY-MM-DD]`);
  const options = { ecosystem };
  for (let index = 0; index < rest.length; index += 2) {
    const [flag, value] = [rest[index], rest[index + 1]];
    if (!['--from', '--dataset', '--save', '--out', '--date'].includes(flag)) fail(`unknown option ${flag}`);
    if (value === undefined) fail(`${flag} needs a value`);
    options[flag.slice(2)] = value;
  }
  if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) fail(`--date must be YYYY-MM-DD, got "${options.date}"`);
  return options;
}

export async function main(argv) {
  const options = parseArguments(argv);
  const { ecosystem } = options;
  const out = options.out ?? join(ROOT, 'src/scan/deps/popular', FILE[ecosystem]);
  let data;
  let source;
  if (options.from) {
    try {
      data = JSON.parse(readFileSync(options.from, 'utf8'));
    } catch (error) {
      fail(`cannot read ${options.from} as JSON: ${error.message}`);
    }
    source = options.dataset ? `${options.dataset}, ${LOCAL_SOURCE[ecosystem]}` : LOCAL_SOURCE[ecosystem];
  } else {
    const seed = ecosystem === 'pypi' ? [] : readList(readFileSync(join(ROOT, 'src/scan/deps/popular', FILE[ecosystem]), 'utf8'));
    data = await ONLINE[ecosystem].fetch(seed);
    source = ONLINE[ecosystem].source;
    if (options.save) writeFileSync(options.save, `${JSON.stringify(data)}\n`);
  }
  const { entries, period } = READERS[ecosystem](data);
  const names = rank(ecosystem, entries);
  const generated = options.date ?? new Date().toISOString().slice(0, 10);
  writeFileSync(out, renderList(ecosystem, names, { source, period, generated }));
  process.stdout.write(`${out}: ${names.length} ${ecosystem} names from ${entries.length} counted\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
