/**
 * The public surface a user of the repository sees, from its files: the exports of the package entry points
 * (package.json main/module/exports), command-line flags (commander, yargs, argparse, Go's flag package, or
 * `--flag` literals where the program reads its own arguments), configuration keys (JSON Schema files, zod
 * object schemas in config/schema/settings files), HTTP operations of OpenAPI files and the root fields of
 * GraphQL schemas. Regular expressions, not parsers: a miss costs a finding, never a wrong one. Pure.
 */
import { posix } from 'node:path';
import { outlineFile } from '../../implement/context/symbols.js';

export type SurfaceKind = 'export' | 'cli-flag' | 'config-key' | 'http-operation' | 'graphql-field';

export interface SurfaceItem {
  kind: SurfaceKind;
  /** As a user writes it: `applyCoupon`, `--dry-run`, `retry.maxAttempts`, `GET /orders/{id}`, `Query.orders`. */
  name: string;
  /** The word the docs must contain to mention it (`applyCoupon`, `--dry-run`, `maxAttempts`, `/orders/{id}`, `orders`). */
  mention: string;
  /** The file that defines it. */
  file: string;
}

export type Files = ReadonlyMap<string, string>;

const CODE = /\.(?:[cm]?[jt]sx?|py|go)$/;

/** Entry files named by package.json, mapped to their source when the built file is not in the repository. */
export function entryPoints(files: Files): string[] {
  const text = files.get('package.json');
  if (text === undefined) return [];
  let pkg: { main?: unknown; module?: unknown; exports?: unknown };
  try {
    pkg = JSON.parse(text) as typeof pkg;
  } catch {
    return [];
  }
  const targets: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === 'string') targets.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(pkg.exports);
  if (targets.length === 0) collect(pkg.main ?? pkg.module ?? 'index.js');
  const found = new Set<string>();
  for (const target of targets) {
    if (target.includes('*') || /\.(json|css|d\.ts)$/.test(target)) continue;
    const clean = posix.normalize(target).replace(/^\.\//, '');
    const stem = clean.replace(/\.[cm]?jsx?$/, '');
    const built = stem.replace(/^(dist|lib|build|out)\//, 'src/');
    const candidates = [clean, ...[stem, built].flatMap((base) => ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs'].map((ext) => `${base}${ext}`))];
    const hit = candidates.find((path) => files.has(path));
    if (hit) found.add(hit);
  }
  return [...found];
}

function exportsOf(files: Files): SurfaceItem[] {
  return entryPoints(files).flatMap((file) =>
    outlineFile(file, files.get(file) ?? '')
      .symbols.filter((name) => name !== 'default')
      .map((name) => ({ kind: 'export' as const, name, mention: name, file })),
  );
}

const FLAG_CALL = /\.(?:option|requiredOption|addOption|add_argument|add_option)\s*\(([^)\n]*)/g;
const GO_FLAG =
  /\bflag\.(?:String|Int|Int64|Uint|Bool|Float64|Duration|Var|StringVar|IntVar|Int64Var|BoolVar|Float64Var|DurationVar|UintVar)\s*\(\s*(?:&?[\w.]+\s*,\s*)?"([\w-]+)"/g;
const READS_ARGS = /\bprocess\.argv\b|\bsys\.argv\b|\bos\.Args\b|\bparseArgs\s*\(/;

function flagsOf(path: string, content: string): SurfaceItem[] {
  const names = new Set<string>();
  for (const call of content.matchAll(FLAG_CALL)) {
    const args = call[1] ?? '';
    const long = [...args.matchAll(/['"`][^'"`]*?(--[a-z][\w-]*)/gi)].map((m) => m[1] ?? '');
    // yargs names the option without dashes: .option('port', {...})
    const bare = long.length === 0 ? /^\s*['"]([a-z][\w-]+)['"]\s*,\s*\{/i.exec(args)?.[1] : undefined;
    for (const flag of long) names.add(flag);
    if (bare) names.add(`--${bare}`);
  }
  for (const match of content.matchAll(GO_FLAG)) names.add(`-${match[1] ?? ''}`);
  if (READS_ARGS.test(content)) for (const match of content.matchAll(/['"`](--[a-z][\w-]*)(?:=|['"`])/gi)) names.add(match[1] ?? '');
  return [...names]
    .filter((name) => name.length > 3 && name !== '--help' && name !== '--version')
    .map((name) => ({ kind: 'cli-flag', name, mention: name, file: path }));
}

function schemaKeys(path: string, content: string): SurfaceItem[] {
  let schema: unknown;
  try {
    schema = JSON.parse(content);
  } catch {
    return [];
  }
  const items: SurfaceItem[] = [];
  const walk = (node: unknown, prefix: string, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 4) return;
    const properties = (node as { properties?: unknown }).properties;
    if (!properties || typeof properties !== 'object') return;
    for (const [key, child] of Object.entries(properties as Record<string, unknown>)) {
      items.push({ kind: 'config-key', name: `${prefix}${key}`, mention: key, file: path });
      walk(child, `${prefix}${key}.`, depth + 1);
    }
  };
  walk(schema, '', 0);
  return items;
}

function zodKeys(path: string, content: string): SurfaceItem[] {
  if (!/\bz\.object\s*\(/.test(content)) return [];
  const keys = new Set<string>();
  for (const match of content.matchAll(/^\s*['"]?([A-Za-z_][\w-]*)['"]?\s*:\s*z\./gm)) keys.add(match[1] ?? '');
  return [...keys].map((key) => ({ kind: 'config-key', name: key, mention: key, file: path }));
}

function openApiOperations(path: string, content: string): SurfaceItem[] {
  const items: SurfaceItem[] = [];
  if (/\.json$/.test(path)) {
    let doc: { paths?: Record<string, Record<string, unknown>> };
    try {
      doc = JSON.parse(content) as typeof doc;
    } catch {
      return [];
    }
    for (const [route, operations] of Object.entries(doc.paths ?? {}))
      for (const method of Object.keys(operations ?? {}).filter((name) => /^(get|put|post|delete|patch|head|options)$/.test(name)))
        items.push({ kind: 'http-operation', name: `${method.toUpperCase()} ${route}`, mention: route, file: path });
    return items;
  }
  let route: string | undefined;
  let inPaths = false;
  for (const line of content.split(/\r?\n/)) {
    if (/^paths:\s*$/.test(line)) inPaths = true;
    else if (/^\S/.test(line)) inPaths = false;
    if (!inPaths) continue;
    const pathLine = /^ {2}['"]?(\/[^'":]*)['"]?:\s*$/.exec(line);
    if (pathLine) route = pathLine[1];
    const method = /^ {4}(get|put|post|delete|patch|head|options):\s*$/.exec(line)?.[1];
    if (route && method) items.push({ kind: 'http-operation', name: `${method.toUpperCase()} ${route}`, mention: route, file: path });
  }
  return items;
}

function graphqlFields(path: string, content: string): SurfaceItem[] {
  const items: SurfaceItem[] = [];
  for (const block of content.matchAll(/\b(?:extend\s+)?type\s+(Query|Mutation|Subscription)\s*\{([^}]*)\}/g)) {
    for (const field of (block[2] ?? '').matchAll(/^\s*([A-Za-z_]\w*)\s*[(:]/gm))
      items.push({ kind: 'graphql-field', name: `${block[1] ?? ''}.${field[1] ?? ''}`, mention: field[1] ?? '', file: path });
  }
  return items;
}

function isTestOrVendored(path: string): boolean {
  return /(^|\/)(test|tests|__tests__|node_modules|vendor|dist|build|fixtures?)\/|\.(test|spec)\.[cm]?[jt]sx?$|_test\.(go|py)$|(^|\/)test_[^/]*\.py$/.test(
    path,
  );
}

/** Every surface item the files define, in a stable order. */
export function publicSurface(files: Files): SurfaceItem[] {
  const items: SurfaceItem[] = [...exportsOf(files)];
  for (const [path, content] of files) {
    if (isTestOrVendored(path)) continue;
    if (CODE.test(path)) {
      items.push(...flagsOf(path, content));
      if (/(config|schema|settings|options)[^/]*$/i.test(path)) items.push(...zodKeys(path, content));
    } else if (/\.schema\.json$/i.test(path) || (/\.json$/i.test(path) && /"\$schema"\s*:\s*"[^"]*json-schema\.org/.test(content))) {
      items.push(...schemaKeys(path, content));
    }
    if (/\.(ya?ml|json)$/i.test(path) && /^\s*["']?(openapi|swagger)["']?\s*:/m.test(content)) items.push(...openApiOperations(path, content));
    if (/\.(graphql|gql)$/i.test(path)) items.push(...graphqlFields(path, content));
  }
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.kind}\u0000${item.name}\u0000${item.file}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether the docs mention the item: a whole word (an identifier, a flag, a path) anywhere in their text. */
export function mentioned(docs: string, item: SurfaceItem): boolean {
  const escaped = item.mention.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w-])${escaped}($|[^\\w-])`).test(docs);
}
